package io.mailflow.ingest.generate;

import java.time.Instant;
import java.util.Objects;

/**
 * A half-open span of event time, {@code [start, end)}.
 *
 * @param start inclusive start
 * @param end exclusive end, not before {@code start}
 */
public record TimeWindow(Instant start, Instant end) {

    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("time window end " + end + " is before its start " + start);
        }
    }

    public boolean contains(Instant time) {
        return !time.isBefore(start) && time.isBefore(end);
    }

    boolean containsMicros(long epochMicros) {
        return epochMicros >= EventTime.micros(start) && epochMicros < EventTime.micros(end);
    }

    public boolean overlaps(TimeWindow other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }
}
