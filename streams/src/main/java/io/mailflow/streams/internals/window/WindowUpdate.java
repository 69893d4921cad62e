package io.mailflow.streams.internals.window;

/**
 * What a window processor tells the processors after it: a window changed, was written out, or
 * closed, or the close horizon moved. Passed between processors of one task only, never serialized.
 *
 * @param kind      what happened
 * @param aggregate the window's aggregate; null for {@link Kind#HORIZON}
 * @param horizon   close horizon after this update: every window whose end plus grace is at or
 *                  before it is closed, in epoch milliseconds
 * @param <A>       aggregate type
 */
public record WindowUpdate<A extends WindowAggregate>(Kind kind, A aggregate, long horizon) {

    /** What happened to the window. */
    public enum Kind {
        /** An attempt was added; sent for the detection window size only, once per attempt. */
        CHANGED,
        /** The aggregate of an open window is written out after it changed. */
        FLUSHED,
        /** The window closed; this is its final aggregate. */
        CLOSED,
        /** The close horizon moved; sent once per close pass, after the CLOSED updates. */
        HORIZON
    }

    /** Whether this update carries an aggregate for the stats topic. */
    public boolean isOutput() {
        return kind == Kind.FLUSHED || kind == Kind.CLOSED;
    }

    /** Whether a detector working on windows of {@code sizeMs} needs this update. */
    public boolean concernsDetection(long sizeMs) {
        return kind == Kind.HORIZON
                || ((kind == Kind.CHANGED || kind == Kind.CLOSED) && aggregate.windowSizeMs() == sizeMs);
    }
}
