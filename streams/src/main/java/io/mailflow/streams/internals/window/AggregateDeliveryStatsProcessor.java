package io.mailflow.streams.internals.window;

import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.streams.internals.DeliveryKeys;
import io.mailflow.streams.internals.StateStores;

/**
 * Aggregates delivery attempts per sending IP and provider in tumbling windows, see
 * {@link WindowedAggregationProcessor}. Input keys are {@code sendingIp|provider}; the stores are
 * {@link #WINDOW_STORE} and {@link #HORIZON_STORE}.
 */
public final class AggregateDeliveryStatsProcessor extends WindowedAggregationProcessor<IpProviderWindow> {

    /** Open windows keyed by end, size and {@code sendingIp|provider}. */
    public static final String WINDOW_STORE = "aggregate-ip-provider-windows-store";

    /** Counter of attempts dropped because their window had closed, once per window size. */
    public static final String LATE_METRIC = "ip-provider-late-attempts-dropped";

    /** Close horizon of the windows of {@link #WINDOW_STORE}. */
    public static final String HORIZON_STORE = "aggregate-ip-provider-windows-horizon";

    /** Builders of the stores this processor needs; the window store is cached to spare its changelog. */
    public static List<StoreBuilder<?>> storeBuilders() {
        return List.of(
                StateStores.persistentJson(WINDOW_STORE, IpProviderWindow.class).withCachingEnabled(),
                StateStores.persistent(HORIZON_STORE, Serdes.Long()));
    }

    public AggregateDeliveryStatsProcessor(WindowSettings settings) {
        super(settings, WINDOW_STORE, HORIZON_STORE, LATE_METRIC);
    }

    @Override
    String groupKey(DeliveryEvent event) {
        return DeliveryKeys.ipProvider(event);
    }

    @Override
    IpProviderWindow createWindow(DeliveryEvent event, long windowStart, long windowSizeMs) {
        return IpProviderWindow.empty(DeliveryKeys.sendingIp(event), DeliveryKeys.provider(event), windowStart,
                windowSizeMs);
    }

    @Override
    void addTo(IpProviderWindow aggregate, DeliveryEvent event) {
        aggregate.add(event);
    }

    @Override
    String groupKeyOf(IpProviderWindow aggregate) {
        return DeliveryKeys.ipProvider(aggregate.sendingIp(), aggregate.provider());
    }
}
