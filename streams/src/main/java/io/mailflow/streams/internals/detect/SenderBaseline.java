package io.mailflow.streams.internals.detect;

/**
 * What is normal for one sender identity: the EWMA of its output volume per closed detection
 * window; mutable state kept in {@link DetectSpamOutputProcessor#BASELINE_STORE}. A window in which
 * a spam alert is open or opening does not move it.
 */
public final class SenderBaseline {

    long windows;
    long lastWindowStart = Long.MIN_VALUE;
    double volume;
    double badShare;

    SenderBaseline() {
    }

    /** Closed windows that moved the baseline; 0 for an identity without history. */
    public long windows() {
        return windows;
    }

    /** EWMA of outbound attempts per window, greylisting deferrals left out. */
    public double volume() {
        return volume;
    }

    /** EWMA of the share of unknown recipients and refusals. */
    public double badShare() {
        return badShare;
    }
}
