package io.mailflow.streams.correlate;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link QueueCorrelator}.
 *
 * <p>Holding rule: an attempt whose queue id has no envelope sender yet (no qmgr {@code from=}, no
 * sendmail {@code from=}, no Exim {@code <=} line) is held, because such a line may still follow.
 * It is released, with the origin facts known by then, when the sender line arrives, when the queue
 * id is removed or expires, when the state's time to live ends, at {@link QueueCorrelator#finish()},
 * or once {@code originWait} of event time has passed since the attempt. A null
 * {@code originWait} waits until one of the other events; the offline pipeline uses that. Attempts
 * whose sender is already known are never held.
 *
 * @param originWait             how long an attempt waits for its sender line, in event time; null
 *                               to wait until the queue id is removed, expires or the input ends;
 *                               {@link Duration#ZERO} turns holding off
 * @param orderedOutput          emit attempts strictly in line order even when one is held (all later
 *                               attempts wait behind it); needs the whole output in memory, so only
 *                               for the offline pipeline
 * @param stateTimeToLive        a queue id not seen for this long in event time is dropped; default
 *                               7 days, longer than Postfix's 5-day {@code maximal_queue_lifetime}
 * @param maxRecipientsPerQueue  recipients whose latest deferral is kept per queue id for expiry
 *                               events; later recipients are counted and not tracked
 * @param maxHeldPerQueue        held attempts per queue id; beyond it the oldest is released
 * @param maxHeldTotal           held attempts in ordered output across all queue ids; beyond it the
 *                               oldest queue id's attempts are released
 * @param maxTextLength          reply texts kept in state are cut to this many characters
 */
public record CorrelationSettings(
        Duration originWait,
        boolean orderedOutput,
        Duration stateTimeToLive,
        int maxRecipientsPerQueue,
        int maxHeldPerQueue,
        int maxHeldTotal,
        int maxTextLength) {

    public CorrelationSettings {
        Objects.requireNonNull(stateTimeToLive, "stateTimeToLive");
        if (originWait != null && originWait.isNegative()) {
            throw new IllegalArgumentException("originWait must not be negative, got " + originWait);
        }
        if (stateTimeToLive.isNegative() || stateTimeToLive.isZero()) {
            throw new IllegalArgumentException("stateTimeToLive must be positive, got " + stateTimeToLive);
        }
        requirePositive("maxRecipientsPerQueue", maxRecipientsPerQueue);
        requirePositive("maxHeldPerQueue", maxHeldPerQueue);
        requirePositive("maxHeldTotal", maxHeldTotal);
        if (maxTextLength < 64) {
            throw new IllegalArgumentException("maxTextLength must be at least 64 characters, got " + maxTextLength);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    /** For the streaming topology: hold an attempt up to 5 minutes for its sender line, unordered output. */
    public static CorrelationSettings streaming() {
        return builder().build();
    }

    /** For the offline pipeline: hold attempts until their sender line or the end of input, in line order. */
    public static CorrelationSettings offline() {
        return builder().originWait(null).orderedOutput(true).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .originWait(originWait)
                .orderedOutput(orderedOutput)
                .stateTimeToLive(stateTimeToLive)
                .maxRecipientsPerQueue(maxRecipientsPerQueue)
                .maxHeldPerQueue(maxHeldPerQueue)
                .maxHeldTotal(maxHeldTotal)
                .maxTextLength(maxTextLength);
    }

    /** Builder of {@link CorrelationSettings}, starting from the streaming defaults. */
    public static final class Builder {
        private Duration originWait = Duration.ofMinutes(5);
        private boolean orderedOutput;
        private Duration stateTimeToLive = Duration.ofDays(7);
        private int maxRecipientsPerQueue = 1000;
        private int maxHeldPerQueue = 1000;
        private int maxHeldTotal = 100_000;
        private int maxTextLength = 2048;

        private Builder() {
        }

        public Builder originWait(Duration value) {
            this.originWait = value;
            return this;
        }

        public Builder orderedOutput(boolean value) {
            this.orderedOutput = value;
            return this;
        }

        public Builder stateTimeToLive(Duration value) {
            this.stateTimeToLive = value;
            return this;
        }

        public Builder maxRecipientsPerQueue(int value) {
            this.maxRecipientsPerQueue = value;
            return this;
        }

        public Builder maxHeldPerQueue(int value) {
            this.maxHeldPerQueue = value;
            return this;
        }

        public Builder maxHeldTotal(int value) {
            this.maxHeldTotal = value;
            return this;
        }

        public Builder maxTextLength(int value) {
            this.maxTextLength = value;
            return this;
        }

        public CorrelationSettings build() {
            return new CorrelationSettings(
                    originWait, orderedOutput, stateTimeToLive, maxRecipientsPerQueue, maxHeldPerQueue, maxHeldTotal, maxTextLength);
        }
    }
}
