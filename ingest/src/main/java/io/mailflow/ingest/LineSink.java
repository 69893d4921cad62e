package io.mailflow.ingest;

/** Where sources hand their lines: in production the Kafka sender, in tests a recording fake. */
public interface LineSink {

    /**
     * Sends one line. Blocks while the send buffer is full, so a slow or unreachable Kafka slows the
     * reader down instead of losing lines.
     *
     * @param onAcknowledged runs once Kafka has acknowledged the line, on a producer thread; it
     *     must be quick and must not block
     * @throws InterruptedException when the calling thread is interrupted while blocked
     * @throws ShipperFailedException when an earlier line failed for good, so nothing more can be
     *     sent without losing that line
     */
    void send(OutgoingLine line, Runnable onAcknowledged) throws InterruptedException;
}
