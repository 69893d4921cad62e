package io.mailflow.sink.internals;

import java.util.ArrayList;
import java.util.List;

import io.mailflow.schemas.Alert;
import io.mailflow.schemas.AvroSerdes;
import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStats;
import io.mailflow.schemas.SenderStats;
import io.mailflow.sink.SinkSettings;
import io.mailflow.sink.mapping.AlertMapper;
import io.mailflow.sink.mapping.DeliveryEventMapper;
import io.mailflow.sink.mapping.DeliveryStatsMapper;
import io.mailflow.sink.mapping.SenderStatsMapper;

/** The routes of the sink's input topics: each topic with its Avro value serde and its mapper. */
public final class TopicRoutes {

    private TopicRoutes() {
    }

    /** Returns one route per input topic of the settings; deliveries only when enabled. */
    public static List<TopicRoute<?>> fromSettings(SinkSettings settings) {
        List<TopicRoute<?>> routes = new ArrayList<>();
        routes.add(new TopicRoute<>(settings.ipProviderStatsTopic(),
                AvroSerdes.serde(DeliveryStats.class).deserializer(), new DeliveryStatsMapper()));
        routes.add(new TopicRoute<>(settings.senderStatsTopic(),
                AvroSerdes.serde(SenderStats.class).deserializer(), new SenderStatsMapper()));
        routes.add(new TopicRoute<>(settings.alertsTopic(),
                AvroSerdes.serde(Alert.class).deserializer(), new AlertMapper(settings.alertHistoryEnabled())));
        if (settings.deliveriesEnabled()) {
            routes.add(new TopicRoute<>(settings.deliveriesTopic(),
                    AvroSerdes.serde(DeliveryEvent.class).deserializer(), new DeliveryEventMapper()));
        }
        return List.copyOf(routes);
    }
}
