package io.mailflow.streams.internals;

import java.util.OptionalLong;

import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Combines the watermarks of the upstream tasks of one processor: the aligned watermark is the
 * minimum over all {@code origins} upstream partitions, and exists only once each has sent one.
 * The latest watermark per origin is kept in a store under {@link #KEY_PREFIX}, so a restarted task
 * does not wait for watermarks it already consumed. Not thread-safe; one per processor.
 *
 * <p>If the configured number of origins is larger than the real number of upstream partitions,
 * watermarks never align and windows close only with stream time or the idle flush.
 */
public final class WatermarkAlignment {

    /** Prefix of the store keys, followed by the origin partition. */
    public static final String KEY_PREFIX = "watermark-origin-";

    private static final Logger LOG = LoggerFactory.getLogger(WatermarkAlignment.class);

    private final KeyValueStore<String, Long> store;
    private final int origins;
    private long aligned = Long.MIN_VALUE;

    public WatermarkAlignment(KeyValueStore<String, Long> store, int origins) {
        this.store = store;
        this.origins = origins;
        this.aligned = minimum();
    }

    /**
     * Records the watermark of one origin.
     *
     * @return the aligned watermark when this one moved it forward, else empty
     */
    public OptionalLong advance(int origin, long watermark) {
        if (origin < 0 || origin >= origins) {
            LOG.warn("Ignoring watermark from unknown origin={} time={} expectedOrigins={}", origin, watermark, origins);
            return OptionalLong.empty();
        }
        String key = KEY_PREFIX + origin;
        Long previous = store.get(key);
        if (previous != null && previous >= watermark) {
            return OptionalLong.empty();
        }
        store.put(key, watermark);
        long minimum = minimum();
        if (minimum > aligned) {
            aligned = minimum;
            return OptionalLong.of(minimum);
        }
        return OptionalLong.empty();
    }

    /** The minimum over all origins, or {@link Long#MIN_VALUE} while one has not sent a watermark. */
    private long minimum() {
        long minimum = Long.MAX_VALUE;
        for (int origin = 0; origin < origins; origin++) {
            Long watermark = store.get(KEY_PREFIX + origin);
            if (watermark == null) {
                return Long.MIN_VALUE;
            }
            minimum = Math.min(minimum, watermark);
        }
        return minimum;
    }
}
