package io.mailflow.sink.internals;

import java.time.Duration;

/**
 * Exponential backoff between attempts: the initial delay, doubled after each failure up to the
 * maximum. A failed request (Elasticsearch unreachable) is retried without limit, since giving up
 * would mean dead-lettering every record during an outage. A document that fails on its own with 429
 * or 5xx is dead-lettered after {@code maxDocumentAttempts} failed attempts, so one bad shard cannot
 * stall its partition forever.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxDocumentAttempts) {

    public RetryPolicy {
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive: " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is less than initialBackoff " + initialBackoff);
        }
        if (maxDocumentAttempts < 1) {
            throw new IllegalArgumentException("maxDocumentAttempts must be at least 1: " + maxDocumentAttempts);
        }
    }

    /** Returns the delay before retry number {@code retry}, 1 for the first retry. */
    public Duration backoff(int retry) {
        return Duration.ofNanos(delayNanos(retry));
    }

    /** Returns the delay before retry number {@code retry} (1 for the first retry), in nanoseconds. */
    long delayNanos(int retry) {
        long initial = initialBackoff.toNanos();
        long max = maxBackoff.toNanos();
        int doublings = Math.min(Math.max(retry - 1, 0), 62);
        if (initial > (max >> doublings)) {
            return max;
        }
        return Math.min(max, initial << doublings);
    }
}
