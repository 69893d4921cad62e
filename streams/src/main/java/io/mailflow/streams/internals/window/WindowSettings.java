package io.mailflow.streams.internals.window;

import java.time.Duration;
import java.util.List;

import io.mailflow.streams.TopologySettings;

/**
 * Window settings of the window processors.
 *
 * @param sizesMs          window sizes in milliseconds
 * @param graceMs          grace after a window's end, in milliseconds of event time
 * @param detectionSizeMs  size whose changes are sent to the detectors
 * @param emitInterval     wall-clock interval at which changed open windows are written out
 * @param idleFlushAfterMs wall-clock idle time after which windows close as if event time moved on;
 *                         0 turns the idle flush off
 */
public record WindowSettings(List<Long> sizesMs, long graceMs, long detectionSizeMs, Duration emitInterval,
        long idleFlushAfterMs) {

    public WindowSettings {
        sizesMs = List.copyOf(sizesMs);
    }

    /** Reads the window settings of the topology. */
    public static WindowSettings from(TopologySettings settings) {
        return new WindowSettings(
                settings.windows().stream().map(Duration::toMillis).toList(),
                settings.grace().toMillis(),
                settings.detectionWindow().toMillis(),
                settings.get(TopologySettings.STATS_EMIT_INTERVAL),
                settings.get(TopologySettings.WINDOW_IDLE_FLUSH_AFTER).toMillis());
    }
}
