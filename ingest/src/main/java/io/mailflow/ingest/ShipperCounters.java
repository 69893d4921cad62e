package io.mailflow.ingest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one shipper run, shared by its sources and its Kafka sender. Thread-safe.
 *
 * <p>A line is <em>read</em> when a source has split it off its input, <em>sent</em> when the
 * producer accepted it, and <em>acknowledged</em> when Kafka confirmed it with the configured acks.
 * Blank lines are read and counted but not sent.
 */
public final class ShipperCounters {

    private final AtomicLong linesRead = new AtomicLong();
    private final AtomicLong linesBlank = new AtomicLong();
    private final AtomicLong linesSent = new AtomicLong();
    private final AtomicLong linesAcknowledged = new AtomicLong();
    private final AtomicLong linesTruncated = new AtomicLong();
    private final AtomicLong linesFailed = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong bytesAcknowledged = new AtomicLong();
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final AtomicLong blockedEpisodes = new AtomicLong();
    private final AtomicLong filesOpened = new AtomicLong();
    private final AtomicLong rotationsByRename = new AtomicLong();
    private final AtomicLong rotationsByTruncation = new AtomicLong();
    private final AtomicLong connectionsAccepted = new AtomicLong();
    private final AtomicLong connectionsRejected = new AtomicLong();
    private final AtomicLong framingErrors = new AtomicLong();

    public void lineRead(long bytes) {
        linesRead.incrementAndGet();
        bytesRead.addAndGet(bytes);
    }

    public void blankLine() {
        linesBlank.incrementAndGet();
    }

    public void lineTruncated() {
        linesTruncated.incrementAndGet();
    }

    public void lineSent() {
        linesSent.incrementAndGet();
    }

    public void lineAcknowledged(long bytes) {
        linesAcknowledged.incrementAndGet();
        bytesAcknowledged.addAndGet(bytes);
    }

    public void lineFailed() {
        linesFailed.incrementAndGet();
    }

    public void bufferedBytesChanged(long delta) {
        bufferedBytes.addAndGet(delta);
    }

    public void readersBlocked() {
        blockedEpisodes.incrementAndGet();
    }

    public void fileOpened() {
        filesOpened.incrementAndGet();
    }

    public void rotatedByRename() {
        rotationsByRename.incrementAndGet();
    }

    public void rotatedByTruncation() {
        rotationsByTruncation.incrementAndGet();
    }

    public void connectionAccepted() {
        connectionsAccepted.incrementAndGet();
    }

    public void connectionRejected() {
        connectionsRejected.incrementAndGet();
    }

    public void framingError() {
        framingErrors.incrementAndGet();
    }

    public long linesRead() {
        return linesRead.get();
    }

    public long linesBlank() {
        return linesBlank.get();
    }

    public long linesSent() {
        return linesSent.get();
    }

    public long linesAcknowledged() {
        return linesAcknowledged.get();
    }

    public long linesTruncated() {
        return linesTruncated.get();
    }

    public long linesFailed() {
        return linesFailed.get();
    }

    public long bytesRead() {
        return bytesRead.get();
    }

    public long bytesAcknowledged() {
        return bytesAcknowledged.get();
    }

    /** Bytes of lines handed to the producer and not yet acknowledged: the send buffer's fill. */
    public long bufferedBytes() {
        return bufferedBytes.get();
    }

    /**
     * Times readers were blocked long enough to log it: the send buffer was full, or Kafka had no
     * metadata for the topic (unreachable at start or after losing it).
     */
    public long blockedEpisodes() {
        return blockedEpisodes.get();
    }

    public long filesOpened() {
        return filesOpened.get();
    }

    public long rotationsByRename() {
        return rotationsByRename.get();
    }

    public long rotationsByTruncation() {
        return rotationsByTruncation.get();
    }

    public long connectionsAccepted() {
        return connectionsAccepted.get();
    }

    public long connectionsRejected() {
        return connectionsRejected.get();
    }

    public long framingErrors() {
        return framingErrors.get();
    }

    /** Formats every counter as one {@code key=value} log fragment. */
    public String summary() {
        return "linesRead=" + linesRead()
                + " linesSent=" + linesSent()
                + " linesAcknowledged=" + linesAcknowledged()
                + " linesBlank=" + linesBlank()
                + " linesTruncated=" + linesTruncated()
                + " linesFailed=" + linesFailed()
                + " bytesRead=" + bytesRead()
                + " bytesAcknowledged=" + bytesAcknowledged()
                + " bufferedBytes=" + bufferedBytes()
                + " blockedEpisodes=" + blockedEpisodes()
                + " filesOpened=" + filesOpened()
                + " rotationsByRename=" + rotationsByRename()
                + " rotationsByTruncation=" + rotationsByTruncation()
                + " connectionsAccepted=" + connectionsAccepted()
                + " connectionsRejected=" + connectionsRejected()
                + " framingErrors=" + framingErrors();
    }
}
