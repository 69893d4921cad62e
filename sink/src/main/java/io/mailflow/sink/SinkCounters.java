package io.mailflow.sink;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters for {@link SinkMetrics} that any thread may read while the sink runs. */
public final class SinkCounters implements SinkMetrics {

    private final LongAdder indexed = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder bulkRequests = new LongAdder();
    private final LongAdder failedBulkRequests = new LongAdder();
    private final LongAdder bulkNanos = new LongAdder();
    private final Map<String, LongAdder> rejectedByReason = new ConcurrentHashMap<>();
    private final AtomicLong lag = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean(true);

    @Override
    public void documentsIndexed(int count) {
        indexed.add(count);
    }

    @Override
    public void documentsRetried(int count) {
        retried.add(count);
    }

    @Override
    public void recordRejected(String reason) {
        rejectedByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    @Override
    public void bulkRequestCompleted(int documents, long durationNanos) {
        bulkRequests.increment();
        bulkNanos.add(durationNanos);
    }

    @Override
    public void bulkRequestFailed() {
        failedBulkRequests.increment();
    }

    @Override
    public void consumerLag(long records) {
        lag.set(records);
    }

    @Override
    public void writing(boolean value) {
        writing.set(value);
    }

    public long documentsIndexed() {
        return indexed.sum();
    }

    public long documentsRetried() {
        return retried.sum();
    }

    /** Records dead-lettered for any reason. */
    public long recordsRejected() {
        return rejectedByReason.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Records dead-lettered per reason, sorted by reason. */
    public Map<String, Long> recordsRejectedByReason() {
        Map<String, Long> counts = new TreeMap<>();
        rejectedByReason.forEach((reason, count) -> counts.put(reason, count.sum()));
        return counts;
    }

    public long bulkRequests() {
        return bulkRequests.sum();
    }

    public long failedBulkRequests() {
        return failedBulkRequests.sum();
    }

    /** Time spent in bulk requests that completed, in nanoseconds. */
    public long bulkNanos() {
        return bulkNanos.sum();
    }

    public long consumerLag() {
        return lag.get();
    }

    public boolean writing() {
        return writing.get();
    }

    @Override
    public String toString() {
        return "SinkCounters{indexed=" + documentsIndexed() + ", retried=" + documentsRetried()
                + ", rejected=" + recordsRejectedByReason() + ", bulkRequests=" + bulkRequests()
                + ", failedBulkRequests=" + failedBulkRequests() + ", lag=" + consumerLag()
                + ", writing=" + writing() + "}";
    }
}
