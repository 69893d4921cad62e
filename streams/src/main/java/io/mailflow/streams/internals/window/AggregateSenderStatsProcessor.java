package io.mailflow.streams.internals.window;

import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.streams.internals.StateStores;

/**
 * Aggregates delivery attempts per host and sender identity in tumbling windows, see
 * {@link WindowedAggregationProcessor}. Input keys are {@code host|identityType|identity}; the
 * stores are {@link #WINDOW_STORE} and {@link #HORIZON_STORE}.
 */
public final class AggregateSenderStatsProcessor extends WindowedAggregationProcessor<SenderWindow> {

    /** Open windows keyed by end, size and {@code host|identityType|identity}. */
    public static final String WINDOW_STORE = "aggregate-sender-windows-store";

    /** Counter of attempts dropped because their window had closed, once per window size. */
    public static final String LATE_METRIC = "sender-late-attempts-dropped";

    /** Close horizon of the windows of {@link #WINDOW_STORE}. */
    public static final String HORIZON_STORE = "aggregate-sender-windows-horizon";

    /** Builders of the stores this processor needs; the window store is cached to spare its changelog. */
    public static List<StoreBuilder<?>> storeBuilders() {
        return List.of(
                StateStores.persistentJson(WINDOW_STORE, SenderWindow.class).withCachingEnabled(),
                StateStores.persistent(HORIZON_STORE, Serdes.Long()));
    }

    public AggregateSenderStatsProcessor(WindowSettings settings) {
        super(settings, WINDOW_STORE, HORIZON_STORE, LATE_METRIC);
    }

    @Override
    String groupKey(DeliveryEvent event) {
        return SenderIdentity.of(event).key();
    }

    @Override
    SenderWindow createWindow(DeliveryEvent event, long windowStart, long windowSizeMs) {
        return SenderWindow.empty(SenderIdentity.of(event), windowStart, windowSizeMs);
    }

    @Override
    void addTo(SenderWindow aggregate, DeliveryEvent event) {
        aggregate.add(event);
    }

    @Override
    String groupKeyOf(SenderWindow aggregate) {
        return new SenderIdentity(aggregate.host(), aggregate.identityType(), aggregate.identity()).key();
    }
}
