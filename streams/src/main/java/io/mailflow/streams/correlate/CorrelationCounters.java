package io.mailflow.streams.correlate;

/** Counts of what the correlator did. Not thread-safe, like the correlator. */
public final class CorrelationCounters {

    long attempts;
    long expiredEvents;
    long held;
    long releasedWithoutSender;
    long untrackedRecipients;
    long evictedStates;
    long removedStates;

    /** Delivery events emitted for attempt lines (one per recipient). */
    public long attempts() {
        return attempts;
    }

    /** Events with status expired emitted for qmgr expiry lines. */
    public long expiredEvents() {
        return expiredEvents;
    }

    /** Attempts that were held because their sender line had not been seen. */
    public long held() {
        return held;
    }

    /** Held attempts released without a qmgr sender (wait over, queue id removed, end of input, limits). */
    public long releasedWithoutSender() {
        return releasedWithoutSender;
    }

    /** Deferrals not tracked for expiry because the queue id already tracks the maximum of recipients. */
    public long untrackedRecipients() {
        return untrackedRecipients;
    }

    /** Queue ids dropped because no line came for the state's time to live. */
    public long evictedStates() {
        return evictedStates;
    }

    /** Queue ids dropped on their {@code removed} line. */
    public long removedStates() {
        return removedStates;
    }

    @Override
    public String toString() {
        return "attempts=" + attempts + " expiredEvents=" + expiredEvents + " held=" + held + " releasedWithoutSender="
                + releasedWithoutSender + " untrackedRecipients=" + untrackedRecipients + " evictedStates=" + evictedStates
                + " removedStates=" + removedStates;
    }
}
