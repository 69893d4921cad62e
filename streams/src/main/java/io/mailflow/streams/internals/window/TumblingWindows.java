package io.mailflow.streams.internals.window;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Epoch-aligned tumbling windows of several sizes over one key-value store, with grace and an
 * explicit close horizon. Used by the window processors; not thread-safe.
 *
 * <p>Store keys are {@code <end, 13 digits>|<size>|<group key>}, so a range scan from the start of
 * the store finds the windows that may close, oldest end first. A window closes when the horizon
 * reaches its end plus grace; it is then returned once and deleted. The horizon is the low
 * watermark of the upstream tasks, or more when an idle flush moved it ahead; it is stored under
 * {@link #HORIZON_KEY} in a second store so that a restart does not reopen windows that were
 * already written as final.
 *
 * @param <A> aggregate type
 */
public final class TumblingWindows<A extends WindowAggregate> {

    /** Key of the persisted horizon in the clock store. */
    public static final String HORIZON_KEY = "horizon";

    private static final long UNKNOWN = Long.MIN_VALUE;

    private final KeyValueStore<String, A> windows;
    private final KeyValueStore<String, Long> clock;
    private final List<Long> sizesMs;
    private final long graceMs;
    private final Set<String> dirty = new LinkedHashSet<>();
    private long storedHorizon;
    private long nextCloseAt = UNKNOWN;

    public TumblingWindows(KeyValueStore<String, A> windows, KeyValueStore<String, Long> clock, List<Long> sizesMs,
            long graceMs) {
        this.windows = windows;
        this.clock = clock;
        this.sizesMs = List.copyOf(sizesMs);
        this.graceMs = graceMs;
        Long stored = clock.get(HORIZON_KEY);
        this.storedHorizon = stored == null ? Long.MIN_VALUE : stored;
    }

    /** Creates the aggregate of a new window of a group. */
    @FunctionalInterface
    public interface WindowFactory<A> {
        A create(long windowStart, long windowSizeMs);
    }

    /** Result of adding one attempt: the windows it changed and the number of sizes it was too late for. */
    public record Added<A>(List<A> changed, int late) {
    }

    /**
     * Adds one attempt to its window of every size, unless that window is already closed.
     *
     * @param groupKey  key of the aggregate, such as {@code sendingIp|provider}
     * @param eventTime event time of the attempt
     * @param horizon   current close horizon, from {@link #horizon(long)}
     * @param factory   creates the aggregate of a window the group does not have yet
     * @param adder     adds the attempt to an aggregate
     */
    public Added<A> add(String groupKey, long eventTime, long horizon, WindowFactory<A> factory, Consumer<A> adder) {
        List<A> changed = new ArrayList<>(sizesMs.size());
        int late = 0;
        for (long size : sizesMs) {
            long start = eventTime - Math.floorMod(eventTime, size);
            long end = start + size;
            if (end + graceMs <= horizon) {
                late++;
                continue;
            }
            String storeKey = storeKey(end, size, groupKey);
            A aggregate = windows.get(storeKey);
            if (aggregate == null) {
                aggregate = factory.create(start, size);
                if (nextCloseAt != UNKNOWN) {
                    nextCloseAt = Math.min(nextCloseAt, end + graceMs);
                }
            }
            adder.accept(aggregate);
            windows.put(storeKey, aggregate);
            dirty.add(storeKey);
            changed.add(aggregate);
        }
        return new Added<>(changed, late);
    }

    /** Returns the close horizon at this low watermark: the later of the watermark and the stored horizon. */
    public long horizon(long lowWatermark) {
        return Math.max(lowWatermark, storedHorizon);
    }

    /** Returns whether a close pass at this horizon would close at least one window. */
    public boolean mayClose(long horizon) {
        if (nextCloseAt == UNKNOWN) {
            nextCloseAt = earliestClose();
        }
        return horizon >= nextCloseAt;
    }

    /**
     * Closes every window whose end plus grace is at or before {@code horizon} and stores the horizon.
     *
     * @return the final aggregates of the closed windows, oldest end first
     */
    public List<A> closeThrough(long horizon) {
        List<A> closed = new ArrayList<>();
        if (horizon > storedHorizon) {
            storedHorizon = horizon;
            clock.put(HORIZON_KEY, horizon);
        }
        long lastClosableEnd = horizon - graceMs;
        if (lastClosableEnd < 0) {
            return closed;
        }
        List<String> closedKeys = new ArrayList<>();
        try (KeyValueIterator<String, A> iterator = windows.range(null, endPrefix(lastClosableEnd + 1))) {
            while (iterator.hasNext()) {
                KeyValue<String, A> entry = iterator.next();
                closedKeys.add(entry.key);
                closed.add(entry.value);
            }
        }
        for (String key : closedKeys) {
            windows.delete(key);
            dirty.remove(key);
        }
        nextCloseAt = earliestClose();
        return closed;
    }

    /** Returns the aggregates changed since the last call that are still open, and clears that list. */
    public List<A> drainChanged() {
        List<A> changed = new ArrayList<>(dirty.size());
        for (String key : dirty) {
            A aggregate = windows.get(key);
            if (aggregate != null) {
                changed.add(aggregate);
            }
        }
        dirty.clear();
        return changed;
    }

    private long earliestClose() {
        try (KeyValueIterator<String, A> iterator = windows.range(null, null)) {
            if (!iterator.hasNext()) {
                return Long.MAX_VALUE;
            }
            String first = iterator.next().key;
            return Long.parseLong(first.substring(0, first.indexOf('|'))) + graceMs;
        }
    }

    static String storeKey(long end, long size, String groupKey) {
        return endPrefix(end) + "|" + size + "|" + groupKey;
    }

    /** Formats the end as 13 digits, zero-padded, so that keys sort by end up to the year 2286. */
    private static String endPrefix(long end) {
        String digits = Long.toString(end);
        return digits.length() >= 13 ? digits : "0".repeat(13 - digits.length()) + digits;
    }
}
