package io.mailflow.streams;

import java.util.List;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import io.mailflow.schemas.Alert;
import io.mailflow.schemas.AvroSerdes;
import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStats;
import io.mailflow.schemas.HostInventoryEntry;
import io.mailflow.schemas.ProviderRule;
import io.mailflow.schemas.SenderStats;

/**
 * The topics mailflow reads and writes, each with its serdes; immutable. Names come from
 * {@link TopologySettings}, so no topic name is written anywhere else.
 */
public final class MailflowTopics {

    private final Topic<String, String> maillogRaw;
    private final Topic<String, String> maillogRejected;
    private final Topic<String, HostInventoryEntry> inventoryHosts;
    private final Topic<String, ProviderRule> providers;
    private final Topic<String, DeliveryEvent> deliveries;
    private final Topic<String, DeliveryStats> ipProviderStats;
    private final Topic<String, SenderStats> senderStats;
    private final Topic<String, Alert> alerts;

    MailflowTopics(TopologySettings settings) {
        Serde<String> strings = Serdes.String();
        maillogRaw = new Topic<>(settings.get(TopologySettings.TOPIC_MAILLOG_RAW), strings, strings, false);
        maillogRejected = new Topic<>(settings.get(TopologySettings.TOPIC_MAILLOG_REJECTED), strings, strings, false);
        inventoryHosts = new Topic<>(settings.get(TopologySettings.TOPIC_INVENTORY_HOSTS), strings,
                AvroSerdes.serde(HostInventoryEntry.class), true);
        providers = new Topic<>(settings.get(TopologySettings.TOPIC_PROVIDERS), strings,
                AvroSerdes.serde(ProviderRule.class), true);
        deliveries = new Topic<>(settings.get(TopologySettings.TOPIC_DELIVERIES), strings,
                AvroSerdes.serde(DeliveryEvent.class), false);
        ipProviderStats = new Topic<>(settings.get(TopologySettings.TOPIC_STATS_IP_PROVIDER), strings,
                AvroSerdes.serde(DeliveryStats.class), true);
        senderStats = new Topic<>(settings.get(TopologySettings.TOPIC_STATS_SENDER), strings,
                AvroSerdes.serde(SenderStats.class), true);
        alerts = new Topic<>(settings.get(TopologySettings.TOPIC_ALERTS), strings, AvroSerdes.serde(Alert.class), false);
    }

    /** Raw maillog lines, keyed by host or null. */
    public Topic<String, String> maillogRaw() {
        return maillogRaw;
    }

    /** Dead-letter topic of lines that could not be parsed, keyed as the input. */
    public Topic<String, String> maillogRejected() {
        return maillogRejected;
    }

    /** Host inventory, compacted, keyed by host or host/instance. */
    public Topic<String, HostInventoryEntry> inventoryHosts() {
        return inventoryHosts;
    }

    /** Provider rules, compacted, keyed by rule id. */
    public Topic<String, ProviderRule> providers() {
        return providers;
    }

    /** Delivery events keyed {@code sendingIp|provider}. */
    public Topic<String, DeliveryEvent> deliveries() {
        return deliveries;
    }

    /** Windowed aggregates keyed {@code sendingIp|provider|windowSizeMs|windowStart}; compacted. */
    public Topic<String, DeliveryStats> ipProviderStats() {
        return ipProviderStats;
    }

    /** Windowed aggregates keyed {@code host|identityType|identity|windowSizeMs|windowStart}; compacted. */
    public Topic<String, SenderStats> senderStats() {
        return senderStats;
    }

    /** Alert events keyed by alert id. */
    public Topic<String, Alert> alerts() {
        return alerts;
    }

    /** Every topic, inputs first. */
    public List<Topic<?, ?>> all() {
        return List.of(maillogRaw, inventoryHosts, providers, maillogRejected, deliveries, ipProviderStats,
                senderStats, alerts);
    }
}
