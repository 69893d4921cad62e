package io.mailflow.app.run;

import io.mailflow.app.config.Configuration;
import io.mailflow.app.config.MailflowSettings;
import java.util.ArrayList;
import java.util.List;

/** Builds the components that the {@code components} setting names, in start order. */
public final class Components {

    private Components() {
    }

    /**
     * Returns the components in start order: sink, then streams, then ship. The supervisor stops them
     * in reverse, so the shipper stops first and the sink last, after it has indexed what the streams
     * application wrote before it stopped.
     */
    public static List<Component> create(Configuration configuration) {
        List<String> names = configuration.get(MailflowSettings.COMPONENTS);
        List<Component> components = new ArrayList<>();
        if (names.contains(MailflowSettings.COMPONENT_SINK)) {
            components.add(new SinkComponent(configuration));
        }
        if (names.contains(MailflowSettings.COMPONENT_STREAMS)) {
            components.add(new StreamsComponent(configuration));
        }
        if (names.contains(MailflowSettings.COMPONENT_SHIP)) {
            components.add(new ShipComponent(configuration));
        }
        return components;
    }
}
