package io.mailflow.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

import io.mailflow.schemas.DeliveryEvent;

/**
 * Builds the mailflow Kafka Streams topology. Building starts nothing and reads no environment:
 * the graph depends only on the arguments.
 */
public final class MailflowTopology {

    private MailflowTopology() {
    }

    /** Builds the topology with the shipped reply and provider rules. */
    public static Topology build(TopologySettings settings) {
        return build(settings, MailflowRules.loadDefault());
    }

    /**
     * Builds the whole topology: raw lines in; rejected lines, delivery events, windowed aggregates
     * and alerts out. Processor, store and internal topic names are fixed here and shown in
     * {@code topology.describe()}; renaming one orphans its state on upgrade.
     */
    public static Topology build(TopologySettings settings, MailflowRules rules) {
        TopologyAssembly assembly = new TopologyAssembly(settings);
        KStream<String, DeliveryEvent> events = assembly.ingest(rules);
        assembly.analyze(assembly.joinInventory(events));
        return assembly.build();
    }

    /**
     * Builds the part of the topology after correlation from a topic of delivery events keyed by
     * host: inventory join, deliveries topic, aggregates and detection. A record with a null value
     * is a watermark at its timestamp.
     */
    static Topology buildFromDeliveryEvents(TopologySettings settings, String deliveryEventTopic) {
        TopologyAssembly assembly = new TopologyAssembly(settings);
        KStream<String, DeliveryEvent> events = assembly.builder().stream(deliveryEventTopic,
                Consumed.with(Serdes.String(), assembly.topics().deliveries().valueSerde())
                        .withName("read-delivery-events"));
        assembly.analyze(assembly.joinInventory(events));
        return assembly.build();
    }
}
