package io.mailflow.streams.internals;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;

/**
 * Logs a repeating WARN at most once per interval and says how many were suppressed in between, so
 * that a flood of bad lines cannot flood the log. Uses the monotonic clock, not event time.
 * Not thread-safe: each processor instance owns one.
 */
public final class RateLimitedLogger {

    private final Logger logger;
    private final long intervalNanos;
    private long nextAllowedNanos = Long.MIN_VALUE;
    private long suppressed;

    public RateLimitedLogger(Logger logger, long interval, TimeUnit unit) {
        this.logger = logger;
        this.intervalNanos = unit.toNanos(interval);
    }

    /** Logs at WARN unless a message was logged within the interval; SLF4J placeholders apply. */
    public void warn(String format, Object... arguments) {
        long now = System.nanoTime();
        if (nextAllowedNanos != Long.MIN_VALUE && now - nextAllowedNanos < 0) {
            suppressed++;
            return;
        }
        nextAllowedNanos = now + intervalNanos;
        if (suppressed > 0) {
            logger.warn("Suppressed {} similar warnings in the last interval", suppressed);
            suppressed = 0;
        }
        logger.warn(format, arguments);
    }
}
