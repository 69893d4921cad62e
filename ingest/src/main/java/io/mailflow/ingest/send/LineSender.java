package io.mailflow.ingest.send;

import io.mailflow.ingest.LineSink;
import io.mailflow.ingest.OutgoingLine;
import io.mailflow.ingest.ShipperCounters;
import io.mailflow.ingest.ShipperFailedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends lines to the raw maillog topic with an idempotent {@code acks=all} producer, behind a
 * bounded send buffer. Thread-safe: several sources may send at once.
 *
 * <p>A line counts as delivered only when its callback reports success; then its
 * {@code onAcknowledged} runs, which is where sources advance their saved positions. A line that
 * Kafka rejects for good stops the sender: later sends throw {@link ShipperFailedException} and the
 * rejected line's position is never saved, so a restart resends it.
 */
public final class LineSender implements LineSink, AutoCloseable {

    /** Prefix of the watermark line, which marks that no earlier event follows on a partition. */
    public static final String WATERMARK_PREFIX = "#mailflow-watermark ";

    private static final Logger log = LoggerFactory.getLogger(LineSender.class);

    // Rough per-record cost beyond key and value in the producer's batches (headers, lengths, offsets).
    private static final int RECORD_OVERHEAD_BYTES = 70;

    private final Producer<String, String> producer;
    private final String topic;
    private final ShipperCounters counters;
    private final SendBuffer buffer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final ReentrantLock inFlightLock = new ReentrantLock();
    private final Condition allAcknowledged = inFlightLock.newCondition();
    private long inFlight;
    private volatile boolean unreachableLogged;
    private volatile boolean closing;

    LineSender(Producer<String, String> producer, String topic, long bufferBytes, Duration blockedLogAfter,
            ShipperCounters counters) {
        this.producer = producer;
        this.topic = topic;
        this.counters = counters;
        this.buffer = new SendBuffer(bufferBytes, blockedLogAfter, counters);
    }

    /** Creates a sender with a new Kafka producer. */
    public static LineSender create(SenderSettings settings, ShipperCounters counters) {
        Producer<String, String> producer = new KafkaProducer<>(ProducerConfigs.of(settings));
        log.info("Kafka producer started: bootstrapServers={} topic={} compression={} lingerMs={} bufferBytes={}",
                settings.bootstrapServers(), settings.topic(), settings.compression(), settings.linger().toMillis(),
                settings.bufferBytes());
        return new LineSender(producer, settings.topic(), settings.bufferBytes(), settings.blockedLogAfter(), counters);
    }

    @Override
    public void send(OutgoingLine line, Runnable onAcknowledged) throws InterruptedException {
        throwIfFailed();
        ProducerRecord<String, String> record = toRecord(line);
        sendRecord(record, line.sizeBytes(), onAcknowledged);
    }

    /**
     * Sends the watermark line {@code #mailflow-watermark <epochMs>} to every partition of the topic,
     * keyed by {@code key}, and waits until Kafka acknowledged all of them.
     *
     * @return the number of partitions written
     */
    public int sendWatermarks(String key, long epochMs, Duration timeout) throws InterruptedException {
        List<PartitionInfo> partitions = partitionsWithRetry();
        String value = WATERMARK_PREFIX + epochMs;
        for (PartitionInfo partition : partitions) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition.partition(), key, value);
            sendRecord(record, value.length(), () -> { });
        }
        if (!awaitAcknowledged(timeout)) {
            throw new ShipperFailedException("watermarks not acknowledged within " + timeout.toMillis() + " ms", null);
        }
        log.info("Watermark sent: topic={} partitions={} watermarkMs={}", topic, partitions.size(), epochMs);
        return partitions.size();
    }

    /**
     * Waits until every line sent so far is acknowledged, or sending failed.
     *
     * @return true when nothing is in flight; false on timeout or failure
     */
    public boolean awaitAcknowledged(Duration timeout) throws InterruptedException {
        // No producer.flush(): it has no timeout and would hang a stop while Kafka is away. The
        // bounded linger sends every batch soon anyway.
        long remaining = timeout.toNanos();
        inFlightLock.lock();
        try {
            while (inFlight > 0 && failure.get() == null) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = allAcknowledged.awaitNanos(remaining);
            }
            return failure.get() == null;
        } finally {
            inFlightLock.unlock();
        }
    }

    /** Returns the first line failure, or null while every line either succeeded or is in flight. */
    public Exception failure() {
        return failure.get();
    }

    /** Records sent and not yet acknowledged or failed. */
    public long inFlight() {
        inFlightLock.lock();
        try {
            return inFlight;
        } finally {
            inFlightLock.unlock();
        }
    }

    /** True while readers are blocked: on a full send buffer past the log threshold, or waiting for Kafka metadata. */
    public boolean blocked() {
        return buffer.blocked() || unreachableLogged;
    }

    public long bufferCapacityBytes() {
        return buffer.capacityBytes();
    }

    /** Closes the producer, giving in-flight lines up to {@code timeout} to be acknowledged. */
    public void close(Duration timeout) {
        closing = true;
        producer.close(timeout);
        log.info("Kafka producer closed: topic={} {}", topic, counters.summary());
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    private ProducerRecord<String, String> toRecord(OutgoingLine line) {
        RecordHeaders headers = new RecordHeaders();
        if (line.truncated()) {
            headers.add(OutgoingLine.TRUNCATED_HEADER,
                    Integer.toString(line.originalLength()).getBytes(StandardCharsets.US_ASCII));
        }
        return new ProducerRecord<>(topic, null, null, line.key(), line.value(), headers);
    }

    private void sendRecord(ProducerRecord<String, String> record, int sizeBytes, Runnable onAcknowledged)
            throws InterruptedException {
        long reserved;
        try {
            reserved = buffer.acquire(sizeBytes + keySize(record) + RECORD_OVERHEAD_BYTES);
        } catch (IllegalStateException aborted) {
            throw failedException();
        }
        beginInFlight();

        while (true) {
            DeliveryCallback callback = new DeliveryCallback(reserved, sizeBytes, onAcknowledged);
            try {
                producer.send(record, callback);
            } catch (InterruptException e) {
                endInFlight(reserved);
                throw new InterruptedException("interrupted while sending to " + topic);
            } catch (RuntimeException e) {
                callback.onCompletion(null, e);
                throw failedException();
            }
            callback.sendReturned();
            if (!callback.metadataTimedOut()) {
                counters.lineSent();
                return;
            }
            logUnreachable();
            if (Thread.interrupted()) {
                endInFlight(reserved);
                throw new InterruptedException("interrupted while waiting for Kafka metadata of " + topic);
            }
        }
    }

    private List<PartitionInfo> partitionsWithRetry() throws InterruptedException {
        while (true) {
            try {
                return producer.partitionsFor(topic);
            } catch (TimeoutException e) {
                logUnreachable();
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for Kafka metadata of " + topic);
                }
            }
        }
    }

    private synchronized void logUnreachable() {
        if (!unreachableLogged) {
            unreachableLogged = true;
            counters.readersBlocked();
            log.warn("Kafka metadata for topic {} not available, retrying until Kafka is reachable: linesSent={} "
                    + "linesAcknowledged={}", topic, counters.linesSent(), counters.linesAcknowledged());
        }
    }

    private void logReachable() {
        if (unreachableLogged) {
            logReachableOnce();
        }
    }

    private synchronized void logReachableOnce() {
        if (unreachableLogged) {
            unreachableLogged = false;
            log.info("Kafka reachable again: topic={} linesSent={} linesAcknowledged={}", topic, counters.linesSent(),
                    counters.linesAcknowledged());
        }
    }

    private static int keySize(ProducerRecord<String, String> record) {
        return record.key() == null ? 0 : record.key().length();
    }

    private void beginInFlight() {
        inFlightLock.lock();
        try {
            inFlight++;
        } finally {
            inFlightLock.unlock();
        }
    }

    private void endInFlight(long reserved) {
        buffer.release(reserved);
        inFlightLock.lock();
        try {
            inFlight--;
            if (inFlight == 0) {
                allAcknowledged.signalAll();
            }
        } finally {
            inFlightLock.unlock();
        }
    }

    private void fail(Exception exception) {
        if (closing) {
            // Lines abandoned by a close after the stop timeout: their positions were not saved.
            log.debug("Line abandoned at close: topic={} error={}", topic, exception.toString());
            return;
        }
        if (failure.compareAndSet(null, exception)) {
            log.error("Kafka rejected a line for good, stopping the shipper; its position is not saved, so a restart "
                    + "resends it: topic={} error={}", topic, exception.toString());
            buffer.abort();
            inFlightLock.lock();
            try {
                allAcknowledged.signalAll();
            } finally {
                inFlightLock.unlock();
            }
        }
    }

    private void throwIfFailed() {
        if (failure.get() != null) {
            throw failedException();
        }
    }

    private ShipperFailedException failedException() {
        return new ShipperFailedException("sending to topic " + topic + " failed", failure.get());
    }

    /**
     * Callback of one send. A metadata timeout is reported synchronously on the sending thread,
     * before send() returns, and means the producer never took the record: the caller retries it.
     * Delivery timeouts cannot occur because the delivery timeout is unbounded.
     */
    private final class DeliveryCallback implements Callback {

        private final Thread sendingThread = Thread.currentThread();
        private final long reserved;
        private final int sizeBytes;
        private final Runnable onAcknowledged;
        private volatile boolean returned;
        private volatile boolean metadataTimedOut;

        DeliveryCallback(long reserved, int sizeBytes, Runnable onAcknowledged) {
            this.reserved = reserved;
            this.sizeBytes = sizeBytes;
            this.onAcknowledged = onAcknowledged;
        }

        void sendReturned() {
            returned = true;
        }

        boolean metadataTimedOut() {
            return metadataTimedOut;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception instanceof TimeoutException && !returned && Thread.currentThread() == sendingThread) {
                metadataTimedOut = true;
                return;
            }
            if (exception == null) {
                logReachable();
                counters.lineAcknowledged(sizeBytes);
                onAcknowledged.run();
            } else {
                counters.lineFailed();
                fail(exception);
            }
            endInFlight(reserved);
        }
    }
}
