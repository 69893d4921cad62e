package io.mailflow.streams.internals;


import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Combines the watermarks of the upstream tasks of one processor into a low watermark: the minimum
 * over all {@code origins} upstream partitions, leaving out those that declared themselves idle.
 * It exists only once every origin has sent a watermark or an idle marker, and it never moves
 * back. The latest value per origin is kept in a store under {@link #KEY_PREFIX}, so a restarted
 * task does not wait for watermarks it already consumed. Not thread-safe; one per processor.
 *
 * <p>If the configured number of origins is larger than the real number of upstream partitions,
 * the low watermark never exists and windows close only through the idle flush.
 */
public final class WatermarkAlignment {

    /** Prefix of the store keys, followed by the origin partition. */
    public static final String KEY_PREFIX = "watermark-origin-";

    private static final Logger LOG = LoggerFactory.getLogger(WatermarkAlignment.class);
    private static final long NOT_READY = Long.MIN_VALUE;
    private static final long ALL_IDLE = Long.MAX_VALUE;

    private final KeyValueStore<String, Long> store;
    private final int origins;
    private long aligned = Long.MIN_VALUE;

    /** Effect of one upstream watermark on the low watermark. */
    public sealed interface Result permits Advanced, AllIdle, Unchanged {
    }

    /** The low watermark moved forward to {@code time}. */
    public record Advanced(long time) implements Result {
    }

    /** Every origin is idle, so this processor is idle too. */
    public record AllIdle() implements Result {
    }

    /** Nothing moved. */
    public record Unchanged() implements Result {
    }

    public WatermarkAlignment(KeyValueStore<String, Long> store, int origins) {
        this.store = store;
        this.origins = origins;
        long minimum = minimum();
        this.aligned = minimum == ALL_IDLE ? Long.MIN_VALUE : minimum;
    }

    /**
     * Records the watermark, or the idle marker {@link Watermarks#IDLE}, of one origin. A watermark
     * lower than the origin's previous one is ignored, but it does end the origin's idleness.
     */
    public Result advance(int origin, long watermark) {
        if (origin < 0 || origin >= origins) {
            LOG.warn("Ignoring watermark from unknown origin={} time={} expectedOrigins={}", origin, watermark, origins);
            return new Unchanged();
        }
        String key = KEY_PREFIX + origin;
        Long previous = store.get(key);
        boolean wasIdle = previous != null && previous == Watermarks.IDLE;
        if (watermark == Watermarks.IDLE) {
            if (!wasIdle) {
                store.put(key, Watermarks.IDLE);
            }
        } else if (previous == null || wasIdle || watermark > previous) {
            store.put(key, watermark);
        }

        long minimum = minimum();
        if (minimum == ALL_IDLE) {
            return new AllIdle();
        }
        if (minimum > aligned) {
            aligned = minimum;
            return new Advanced(minimum);
        }
        return new Unchanged();
    }

    /** Returns the current low watermark, or {@link Long#MIN_VALUE} before there is one. */
    public long aligned() {
        return aligned;
    }

    /**
     * Computes the minimum over the origins that are not idle. Returns {@link #NOT_READY} while one
     * origin has sent nothing, and {@link #ALL_IDLE} when all are idle.
     */
    private long minimum() {
        long minimum = Long.MAX_VALUE;
        boolean anyActive = false;
        for (int origin = 0; origin < origins; origin++) {
            Long watermark = store.get(KEY_PREFIX + origin);
            if (watermark == null) {
                return NOT_READY;
            }
            if (watermark != Watermarks.IDLE) {
                anyActive = true;
                minimum = Math.min(minimum, watermark);
            }
        }
        return anyActive ? minimum : ALL_IDLE;
    }
}
