package io.mailflow.streams.internals;

import java.util.OptionalLong;

/**
 * Event-time progress of one front task: which watermark to send after each line, and when the
 * task has been silent long enough to declare itself idle.
 *
 * <p>The watermark is the latest event time seen so far. Lines a little older than it can still
 * follow, from hosts whose clocks or shippers lag; downstream windows tolerate that up to their
 * grace. A watermark is sent once the progress has moved by {@link #STEP_MS} since the last one,
 * so downstream tasks learn of progress at most a second of event time late, and on every
 * watermark line of a shipper. Not thread-safe; one per processor.
 */
public final class ProgressTracker {

    /** Event time between two progress watermarks, in milliseconds. */
    public static final long STEP_MS = 1_000L;

    private final long idleAfterMs;
    private long latestEventTime = Long.MIN_VALUE;
    private long lastSent = Long.MIN_VALUE;
    private long lastInputWallClock;
    private boolean idle;

    /**
     * @param idleAfterMs wall-clock silence after which the task declares itself idle; 0 never
     * @param wallClock   wall-clock time at start, in epoch milliseconds
     */
    public ProgressTracker(long idleAfterMs, long wallClock) {
        this.idleAfterMs = idleAfterMs;
        this.lastInputWallClock = wallClock;
    }

    /** Takes the event time of a line; returns the watermark to send after it, if one is due. */
    public OptionalLong observe(long eventTime, long wallClock) {
        boolean resumed = active(wallClock);
        latestEventTime = Math.max(latestEventTime, eventTime);
        if (resumed && lastSent != Long.MIN_VALUE) {
            return OptionalLong.of(lastSent);
        }
        if (lastSent == Long.MIN_VALUE || latestEventTime >= lastSent + STEP_MS) {
            lastSent = latestEventTime;
            return OptionalLong.of(lastSent);
        }
        return OptionalLong.empty();
    }

    /** Takes a shipper's watermark; returns the watermark to send, which never moves back. */
    public OptionalLong watermark(long time, long wallClock) {
        active(wallClock);
        long next = Math.max(time, latestEventTime);
        if (next > lastSent) {
            lastSent = next;
            return OptionalLong.of(next);
        }
        return OptionalLong.empty();
    }

    /** Whether the task should now send an idle marker: silent long enough and not idle yet. */
    public boolean idleDue(long wallClock) {
        if (idle || idleAfterMs <= 0 || wallClock - lastInputWallClock < idleAfterMs) {
            return false;
        }
        idle = true;
        return true;
    }

    /** Returns the latest event time seen, or 0 before the first, for the timestamps of watermark records. */
    public long latestEventTime() {
        return Math.max(0, latestEventTime);
    }

    private boolean active(long wallClock) {
        lastInputWallClock = wallClock;
        boolean resumed = idle;
        idle = false;
        return resumed;
    }
}
