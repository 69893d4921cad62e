package io.mailflow.streams.internals.window;

/** Attempts of one reply category in a window; mutable state. */
public final class CategoryTally {

    long attempts;
    long deferred;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;

    void add(boolean isDeferred, long eventTime) {
        attempts++;
        if (isDeferred) {
            deferred++;
        }
        firstSeen = Math.min(firstSeen, eventTime);
        lastSeen = Math.max(lastSeen, eventTime);
    }

    /** Attempts of any status with this category. */
    public long attempts() {
        return attempts;
    }

    /** Deferred attempts with this category. */
    public long deferred() {
        return deferred;
    }

    /** Event time of the first attempt with this category, in epoch milliseconds. */
    public long firstSeen() {
        return firstSeen;
    }

    /** Event time of the latest attempt with this category, in epoch milliseconds. */
    public long lastSeen() {
        return lastSeen;
    }
}
