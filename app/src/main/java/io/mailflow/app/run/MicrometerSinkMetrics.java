package io.mailflow.app.run;

import io.mailflow.sink.SinkCounters;
import io.mailflow.sink.SinkMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the sink's measurements as Micrometer meters and keeps the sink's own counters for its
 * log summary. Called from the sink's worker thread; the meters are thread-safe.
 */
final class MicrometerSinkMetrics implements SinkMetrics {

    private final MeterRegistry registry;
    private final SinkCounters counters = new SinkCounters();
    private final Counter indexed;
    private final Counter retried;
    private final Counter failedBulkRequests;
    private final Timer bulkRequests;
    private final AtomicLong consumerLag = new AtomicLong();
    private final AtomicLong writing = new AtomicLong(1);

    MicrometerSinkMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.indexed = Counter.builder("mailflow.sink.documents.indexed")
                .description("Documents Elasticsearch acknowledged as indexed")
                .register(registry);
        this.retried = Counter.builder("mailflow.sink.documents.retried")
                .description("Documents sent again after a 429, a 5xx or a failed request")
                .register(registry);
        this.failedBulkRequests = Counter.builder("mailflow.sink.bulk.failed")
                .description("Bulk requests that failed as a whole")
                .register(registry);
        this.bulkRequests = Timer.builder("mailflow.sink.bulk.requests")
                .description("Completed bulk requests and their duration")
                .register(registry);
        Gauge.builder("mailflow.sink.consumer.lag", consumerLag, AtomicLong::get)
                .description("Records between the sink's position and the end of its partitions")
                .baseUnit("records")
                .register(registry);
        Gauge.builder("mailflow.sink.writing", writing, AtomicLong::get)
                .description("1 while the sink writes, 0 while it has paused consumption to retry")
                .register(registry);
        // Registered up front so that the rejection series exists before the first rejection.
        rejectedCounter("none");
    }

    SinkCounters counters() {
        return counters;
    }

    @Override
    public void documentsIndexed(int count) {
        counters.documentsIndexed(count);
        indexed.increment(count);
    }

    @Override
    public void documentsRetried(int count) {
        counters.documentsRetried(count);
        retried.increment(count);
    }

    @Override
    public void recordRejected(String reason) {
        counters.recordRejected(reason);
        rejectedCounter(reason).increment();
    }

    @Override
    public void bulkRequestCompleted(int documents, long durationNanos) {
        counters.bulkRequestCompleted(documents, durationNanos);
        bulkRequests.record(durationNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void bulkRequestFailed() {
        counters.bulkRequestFailed();
        failedBulkRequests.increment();
    }

    @Override
    public void consumerLag(long records) {
        counters.consumerLag(records);
        consumerLag.set(records);
    }

    @Override
    public void writing(boolean value) {
        counters.writing(value);
        writing.set(value ? 1 : 0);
    }

    @Override
    public String toString() {
        return counters.toString();
    }

    private Counter rejectedCounter(String reason) {
        return Counter.builder("mailflow.sink.records.rejected")
                .description("Records sent to the sink's dead-letter topic, by reason")
                .tag("reason", reason)
                .register(registry);
    }
}
