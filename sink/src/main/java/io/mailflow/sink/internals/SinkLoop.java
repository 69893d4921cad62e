package io.mailflow.sink.internals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.mailflow.sink.SinkMetrics;
import io.mailflow.sink.SinkSettings;
import io.mailflow.sink.mapping.SinkDocument;

/**
 * The sink's work on one thread: poll records, map them into the bulk buffer, flush the buffer to
 * Elasticsearch, judge every item, dead-letter what can never be indexed, and commit offsets.
 *
 * <p>Guarantees: an offset is committed only when every record below it is indexed (all its
 * documents acknowledged) or dead-lettered (the dead-letter record acknowledged by Kafka). While
 * documents wait for a retry, after a failed request or a 429 or 5xx item, all assigned partitions
 * are paused and the loop keeps polling, so the consumer stays in its group and nothing new piles up.
 * Consumption resumes once the buffer is empty again. A record handed back on a rebalance is dropped
 * from the buffer uncommitted, and its new owner indexes it again under the same ids.
 *
 * <p>Not thread-safe: every method runs on the thread that owns the consumer.
 */
public final class SinkLoop {

    private static final Logger log = LoggerFactory.getLogger(SinkLoop.class);

    /** Maximum wait in one poll, so that retries and flushes stay on time and close() is quick. */
    static final Duration MAX_POLL_WAIT = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final BulkSender sender;
    private final DeadLetterPublisher deadLetters;
    private final Map<String, TopicRoute<?>> routes = new HashMap<>();
    private final DocumentSerializer serializer;
    private final BulkLimits limits;
    private final RetryPolicy retry;
    private final SinkMetrics metrics;
    private final LongSupplier nanoTime;
    private final Duration maxPollWait;

    private final BulkBuffer buffer = new BulkBuffer();
    private final OffsetTracker offsets = new OffsetTracker();

    private boolean backingOff;
    private boolean unavailable;
    private int failedFlushes;
    private long retryAtNanos;
    private long backoffStartNanos;

    SinkLoop(Consumer<byte[], byte[]> consumer, BulkSender sender, DeadLetterPublisher deadLetters,
            Collection<TopicRoute<?>> routes, DocumentSerializer serializer, BulkLimits limits,
            RetryPolicy retry, SinkMetrics metrics, LongSupplier nanoTime, Duration maxPollWait) {
        this.consumer = consumer;
        this.sender = sender;
        this.deadLetters = deadLetters;
        routes.forEach(route -> this.routes.put(route.topic(), route));
        this.serializer = serializer;
        this.limits = limits;
        this.retry = retry;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
        this.maxPollWait = maxPollWait;
    }

    /**
     * Creates the loop of a running sink, writing with the given client and dead-lettering with the
     * given producer. The loop uses but does not close the consumer, producer and client.
     */
    public static SinkLoop create(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> deadLetterProducer,
            ElasticsearchClient client, SinkSettings settings, SinkMetrics metrics) {
        return new SinkLoop(consumer, new ClientBulkSender(client),
                new DeadLetterPublisher(deadLetterProducer, settings.rejectedTopic()),
                TopicRoutes.fromSettings(settings), new DocumentSerializer(client._jsonpMapper()),
                settings.bulkLimits(), settings.retryPolicy(), metrics, System::nanoTime, MAX_POLL_WAIT);
    }

    /** Subscribes to every routed topic with the listener that keeps the buffer consistent on rebalances. */
    public void subscribe() {
        consumer.subscribe(routes.keySet(), new RebalanceListener());
    }

    /** Runs one iteration: retry or flush when due, poll, buffer, flush when full, commit. */
    public void runOnce() {
        long now = nanoTime.getAsLong();
        if (flushDue(now)) {
            flush();
        }

        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollWait(nanoTime.getAsLong()));
        for (ConsumerRecord<byte[], byte[]> record : records) {
            accept(record);
        }

        if (!backingOff && (buffer.size() >= limits.maxDocuments() || buffer.bytes() >= limits.maxBytes())) {
            flush();
        }
        completeDeadLetters();
        commit();
        reportLag();
    }

    /**
     * Flushes what is buffered once, unless the sink is waiting for Elasticsearch, and commits what is
     * done. Called before the consumer closes; what stays buffered is consumed again after a restart.
     */
    public void finish() {
        if (!backingOff && !buffer.isEmpty()) {
            flush();
        }
        completeDeadLetters();
        commit();
        if (!buffer.isEmpty()) {
            log.info("Stopping with unindexed documents documents={}; their records are consumed again after a restart",
                    buffer.size());
        }
    }

    /** Returns whether all assigned partitions are paused while documents wait for a retry. */
    public boolean backingOff() {
        return backingOff;
    }

    /** Documents buffered and not yet acknowledged. */
    int bufferedDocuments() {
        return buffer.size();
    }

    /** Consumed records that are neither indexed nor dead-lettered yet. */
    int outstandingRecords() {
        return offsets.outstanding();
    }

    private boolean flushDue(long now) {
        if (buffer.isEmpty()) {
            return false;
        }
        if (backingOff) {
            return now - retryAtNanos >= 0;
        }
        return now - buffer.oldestNanos() >= limits.flushInterval().toNanos();
    }

    private Duration pollWait(long now) {
        long waitNanos = maxPollWait.toNanos();
        if (backingOff) {
            waitNanos = Math.min(waitNanos, retryAtNanos - now);
        } else if (!buffer.isEmpty()) {
            waitNanos = Math.min(waitNanos, buffer.oldestNanos() + limits.flushInterval().toNanos() - now);
        }
        return Duration.ofNanos(Math.max(0, waitNanos));
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        PendingRecord pending = new PendingRecord(record);
        offsets.track(pending.partition(), record.offset());

        TopicRoute<?> route = routes.get(record.topic());
        Conversion conversion = route == null
                ? new Conversion.Failed("unknown-topic", "no mapping for topic " + record.topic())
                : route.convert(record.value());

        if (conversion instanceof Conversion.Failed failed) {
            deadLetter(pending, Rejection.unconverted(failed));
            return;
        }
        List<SinkDocument> documents = ((Conversion.Documents) conversion).documents();
        if (documents.isEmpty()) {
            offsets.complete(pending.partition(), record.offset());
            return;
        }
        long now = nanoTime.getAsLong();
        for (SinkDocument document : documents) {
            byte[] json = serializer.toJson(document.source());
            buffer.add(pending, document.index(), document.id(), json, now);
        }
        log.debug("Buffered record topic={} partition={} offset={} documents={}", record.topic(),
                record.partition(), record.offset(), documents.size());
    }

    private void flush() {
        List<PendingDocument> documents = buffer.documents();
        String retryCause = null;
        for (List<PendingDocument> request : requests(documents)) {
            List<BulkSender.ItemResult> results;
            long start = nanoTime.getAsLong();
            try {
                results = sender.send(request);
            } catch (ElasticsearchUnavailableException e) {
                metrics.bulkRequestFailed();
                metrics.documentsRetried(request.size());
                markUnavailable(e);
                retryCause = e.getMessage();
                break;
            }
            metrics.bulkRequestCompleted(request.size(), nanoTime.getAsLong() - start);
            markAvailable();

            String itemCause = judge(request, results);
            if (itemCause != null) {
                retryCause = itemCause;
            }
        }

        if (buffer.isEmpty()) {
            leaveBackoff();
        } else {
            enterBackoff(retryCause);
        }
    }

    /** Splits the documents into requests within the count and byte limits, at least one document each. */
    private List<List<PendingDocument>> requests(List<PendingDocument> documents) {
        List<List<PendingDocument>> requests = new ArrayList<>();
        List<PendingDocument> current = new ArrayList<>();
        long currentBytes = 0;
        for (PendingDocument document : documents) {
            boolean full = current.size() >= limits.maxDocuments()
                    || (!current.isEmpty() && currentBytes + document.estimatedBytes() > limits.maxBytes());
            if (full) {
                requests.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(document);
            currentBytes += document.estimatedBytes();
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        return requests;
    }

    /** Handles each item of one bulk response; returns a description of the retried items, or null when none. */
    private String judge(List<PendingDocument> request, List<BulkSender.ItemResult> results) {
        int indexed = 0;
        int retried = 0;
        String firstRetryCause = null;
        for (int i = 0; i < request.size(); i++) {
            PendingDocument document = request.get(i);
            BulkSender.ItemResult result = results.get(i);
            if (result.succeeded()) {
                buffer.remove(document);
                completeAll(document.records());
                indexed++;
            } else if (result.retryable() && document.countFailedAttempt() < retry.maxDocumentAttempts()) {
                retried++;
                if (firstRetryCause == null) {
                    firstRetryCause = "status " + result.status() + " " + result.errorType() + " for "
                            + document.index() + "/" + document.id();
                }
            } else {
                buffer.remove(document);
                reject(document, result);
            }
        }
        metrics.documentsIndexed(indexed);
        metrics.documentsRetried(retried);
        return retried == 0 ? null : retried + " documents failed, first with " + firstRetryCause;
    }

    /** Dead-letters the record whose content was rejected; records it superseded are done. */
    private void reject(PendingDocument document, BulkSender.ItemResult result) {
        boolean exhausted = result.retryable();
        String reason = exhausted ? "retries-exhausted" : String.valueOf(result.errorType());
        String detail = exhausted
                ? "still failing after " + document.failedAttempts() + " attempts: " + result.errorType() + ": " + result.errorReason()
                : result.errorReason();
        Rejection rejection = new Rejection(reason, detail, result.status(), document.index(), document.id());

        for (PendingRecord record : document.records()) {
            if (record == document.origin() && !record.deadLettered()) {
                deadLetter(record, rejection);
            }
            complete(record);
        }
    }

    private void deadLetter(PendingRecord record, Rejection rejection) {
        metrics.recordRejected(rejection.reason());
        deadLetters.publish(record, rejection);
    }

    private void completeDeadLetters() {
        completeAll(deadLetters.awaitSent());
    }

    private void completeAll(List<PendingRecord> records) {
        for (PendingRecord record : records) {
            complete(record);
        }
    }

    private void complete(PendingRecord record) {
        if (record.done()) {
            offsets.complete(record.partition(), record.offset());
        }
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> committable = offsets.committable();
        if (committable.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(committable);
            offsets.committed(committable);
            log.debug("Committed offsets {}", committable);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The partitions went to another consumer. It reads them again from the last committed offset
            // and writes the same document ids, so no document is lost or added twice. Dead-letter
            // records of those partitions may be written a second time.
            log.warn("Commit failed during a rebalance offsets={} error={}", committable, e.getMessage());
        } catch (RetriableException e) {
            // Kafka is unreachable or slow. The offsets stay committable and go with the next commit.
            log.warn("Commit failed, retrying with the next commit offsets={} error={}", committable, e.getMessage());
        }
    }

    private void reportLag() {
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong partitionLag = consumer.currentLag(partition);
            if (partitionLag.isPresent()) {
                lag += partitionLag.getAsLong();
            }
        }
        metrics.consumerLag(lag);
    }

    private void markUnavailable(ElasticsearchUnavailableException e) {
        if (!unavailable) {
            unavailable = true;
            log.warn("Elasticsearch unavailable, retrying until it responds error={}", e.getMessage());
        }
    }

    private void markAvailable() {
        if (unavailable) {
            unavailable = false;
            log.info("Elasticsearch responds again failedAttempts={}", failedFlushes);
        }
    }

    private void enterBackoff(String cause) {
        failedFlushes++;
        long now = nanoTime.getAsLong();
        retryAtNanos = now + retry.delayNanos(failedFlushes);
        if (backingOff) {
            return;
        }
        backingOff = true;
        backoffStartNanos = now;
        Set<TopicPartition> assigned = consumer.assignment();
        consumer.pause(assigned);
        metrics.writing(false);
        log.warn("Paused consumption while documents wait for a retry partitions={} documents={} cause={}",
                assigned.size(), buffer.size(), cause);
    }

    private void leaveBackoff() {
        if (backingOff) {
            backingOff = false;
            Set<TopicPartition> paused = new HashSet<>(consumer.paused());
            paused.retainAll(consumer.assignment());
            consumer.resume(paused);
            metrics.writing(true);
            log.info("Resumed consumption retries={} pausedMs={}", failedFlushes,
                    Duration.ofNanos(nanoTime.getAsLong() - backoffStartNanos).toMillis());
        }
        failedFlushes = 0;
    }

    /** Keeps the buffer and the offsets to the partitions this consumer owns. */
    private final class RebalanceListener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            completeDeadLetters();
            commit();
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (backingOff && !partitions.isEmpty()) {
                consumer.pause(partitions);
            }
        }

        private void drop(Collection<TopicPartition> partitions) {
            Set<TopicPartition> dropped = new HashSet<>(partitions);
            buffer.dropPartitions(dropped);
            offsets.forget(dropped);
            log.info("Dropped revoked partitions partitions={} bufferedDocuments={}", dropped, buffer.size());
            if (buffer.isEmpty()) {
                leaveBackoff();
            }
        }
    }
}
