package io.mailflow.ingest.send;

import io.mailflow.ingest.ShipperCounters;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the bytes of lines handed to the producer and not yet acknowledged. A reader that would
 * exceed the bound blocks until acknowledgements free room, which is how the shipper applies
 * backpressure instead of dropping lines. Thread-safe.
 *
 * <p>A short wait is normal under load and is not logged. A wait longer than {@code blockedLogAfter}
 * starts a blocked episode: one WARN when it starts and one INFO when a reader gets through again,
 * however many readers wait meanwhile.
 */
final class SendBuffer {

    private static final Logger log = LoggerFactory.getLogger(SendBuffer.class);

    private final long capacityBytes;
    private final long blockedLogAfterNanos;
    private final ShipperCounters counters;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roomFreed = lock.newCondition();

    private long usedBytes;
    private boolean aborted;
    private long blockedSinceNanos;
    private long acknowledgedAtBlockStart;

    SendBuffer(long capacityBytes, Duration blockedLogAfter, ShipperCounters counters) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("send buffer capacity must be positive, got " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
        this.blockedLogAfterNanos = blockedLogAfter.toNanos();
        this.counters = counters;
    }

    /**
     * Reserves room for one record, blocking while the buffer is full. A record larger than the
     * whole buffer is admitted alone once the buffer is empty, and then counts as the full capacity.
     *
     * @return the bytes reserved, to pass back to {@link #release(long)}
     * @throws IllegalStateException when the buffer was aborted because sending failed
     */
    long acquire(long bytes) throws InterruptedException {
        long reserved = Math.min(bytes, capacityBytes);
        lock.lockInterruptibly();
        try {
            long waitStart = System.nanoTime();
            while (!aborted && usedBytes + reserved > capacityBytes) {
                awaitRoom(waitStart);
            }
            if (aborted) {
                throw new IllegalStateException("send buffer aborted after a send failure");
            }

            usedBytes += reserved;
            counters.bufferedBytesChanged(reserved);
            if (blockedSinceNanos != 0) {
                logRecovered();
            }
            return reserved;
        } finally {
            lock.unlock();
        }
    }

    void release(long reservedBytes) {
        lock.lock();
        try {
            usedBytes -= reservedBytes;
            counters.bufferedBytesChanged(-reservedBytes);
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every blocked reader with an exception; used when a line failed for good. */
    void abort() {
        lock.lock();
        try {
            aborted = true;
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long usedBytes() {
        lock.lock();
        try {
            return usedBytes;
        } finally {
            lock.unlock();
        }
    }

    long capacityBytes() {
        return capacityBytes;
    }

    /** True while a blocked episode is open, that is a reader has waited past the log threshold. */
    boolean blocked() {
        lock.lock();
        try {
            return blockedSinceNanos != 0;
        } finally {
            lock.unlock();
        }
    }

    private void awaitRoom(long waitStart) throws InterruptedException {
        if (blockedSinceNanos != 0) {
            roomFreed.await();
            return;
        }
        long remaining = blockedLogAfterNanos - (System.nanoTime() - waitStart);
        if (remaining > 0) {
            roomFreed.awaitNanos(remaining);
            return;
        }
        blockedSinceNanos = System.nanoTime();
        acknowledgedAtBlockStart = counters.linesAcknowledged();
        counters.readersBlocked();
        log.warn("Send buffer full, blocking readers until Kafka acknowledges lines: bufferedBytes={} capacityBytes={} "
                + "linesSent={} linesAcknowledged={}", usedBytes, capacityBytes, counters.linesSent(),
                counters.linesAcknowledged());
    }

    private void logRecovered() {
        long blockedMs = Duration.ofNanos(System.nanoTime() - blockedSinceNanos).toMillis();
        log.info("Send buffer has room again, readers resumed: blockedMs={} linesAcknowledgedWhileBlocked={} "
                + "bufferedBytes={} linesSent={} linesAcknowledged={}", blockedMs,
                counters.linesAcknowledged() - acknowledgedAtBlockStart, usedBytes, counters.linesSent(),
                counters.linesAcknowledged());
        blockedSinceNanos = 0;
    }
}
