package io.mailflow.streams;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import io.mailflow.schemas.Alert;
import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.HostInventoryEntry;
import io.mailflow.schemas.ProviderRule;
import io.mailflow.streams.correlate.CorrelationSettings;
import io.mailflow.streams.internals.DeliveryKeys;
import io.mailflow.streams.internals.WatermarkPartitioner;
import io.mailflow.streams.internals.detect.DetectDeliveryIncidentProcessor;
import io.mailflow.streams.internals.detect.DetectSpamOutputProcessor;
import io.mailflow.streams.internals.detect.DetectionSettings;
import io.mailflow.streams.internals.enrich.JoinHostInventoryProcessor;
import io.mailflow.streams.internals.enrich.ProviderRuleVersion;
import io.mailflow.streams.internals.enrich.StoreInventoryEntryProcessor;
import io.mailflow.streams.internals.enrich.StoreProviderRuleProcessor;
import io.mailflow.streams.internals.ingest.CorrelateQueueProcessor;
import io.mailflow.streams.internals.ingest.Hosts;
import io.mailflow.streams.internals.ingest.KeyLineByHostProcessor;
import io.mailflow.streams.internals.ingest.LineOutcome;
import io.mailflow.streams.internals.ingest.ParseMaillogLineProcessor;
import io.mailflow.streams.internals.window.AggregateDeliveryStatsProcessor;
import io.mailflow.streams.internals.window.AggregateSenderStatsProcessor;
import io.mailflow.streams.internals.window.IpProviderWindow;
import io.mailflow.streams.internals.window.SenderIdentity;
import io.mailflow.streams.internals.window.SenderWindow;
import io.mailflow.streams.internals.window.WindowSettings;
import io.mailflow.streams.internals.window.WindowUpdate;
import io.mailflow.streams.parse.ParserSettings;

/**
 * Assembles the parts of the mailflow topology on one {@link StreamsBuilder}. Every processor,
 * store and repartition topic gets its name here.
 */
final class TopologyAssembly {

    private final StreamsBuilder builder = new StreamsBuilder(namingCheckConfig());
    private final TopologySettings settings;
    private final MailflowTopics topics;
    private final WindowSettings windowSettings;
    private final DetectionSettings detectionSettings;

    TopologyAssembly(TopologySettings settings) {
        this.settings = settings;
        this.topics = settings.topics();
        this.windowSettings = WindowSettings.from(settings);
        this.detectionSettings = DetectionSettings.from(settings);
    }

    /**
     * Configuration that makes {@link StreamsBuilder#build()} reject any store, changelog or
     * repartition topic with a generated name. Kafka Streams replaces these application settings with
     * the real ones when the topology is started, so the placeholder id and servers are never used.
     */
    @SuppressWarnings("deprecation")
    private static TopologyConfig namingCheckConfig() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "mailflow-topology-build");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused.invalid:9092");
        properties.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // Only set to silence the warning Kafka 4.4 logs for every configuration without it.
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return new TopologyConfig(new StreamsConfig(properties));
    }

    StreamsBuilder builder() {
        return builder;
    }

    MailflowTopics topics() {
        return topics;
    }

    Topology build() {
        return builder.build();
    }

    /**
     * Reads raw lines, parses and correlates them into delivery events keyed by host; unreadable
     * lines go to the rejected-lines topic. Unless the input is keyed by host, lines are first keyed
     * by their parsed host and repartitioned, so that every line of a host reaches the same task.
     */
    KStream<String, DeliveryEvent> ingest(MailflowRules rules) {
        ParserSettings parserSettings = settings.parserSettings();
        Topic<String, String> raw = topics.maillogRaw();
        KStream<String, String> lines = builder.stream(raw.name(), raw.consumed("read-maillog-lines"));
        if (!settings.inputKeyedByHost()) {
            KStream<String, LineOutcome> keyed = lines.process(() -> new KeyLineByHostProcessor(parserSettings),
                    Named.as("key-maillog-line-by-host"));
            writeRejected(keyed, "before-repartition");
            Repartitioned<String, String> byHost = Repartitioned
                    .<String, String>as("partition-maillog-lines-by-host")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(Serdes.String())
                    .withStreamPartitioner(new WatermarkPartitioner<>());
            lines = keyed
                    .filterNot((key, outcome) -> outcome instanceof LineOutcome.Rejected,
                            Named.as("select-keyed-lines"))
                    .mapValues(outcome -> outcome == null ? null : ((LineOutcome.Accepted) outcome).rawLine(),
                            Named.as("unwrap-keyed-lines"))
                    .repartition(withPartitionCount(byHost));
        }

        KStream<String, LineOutcome> parsed = lines.process(() -> new ParseMaillogLineProcessor(parserSettings),
                Named.as("parse-maillog-line"));
        writeRejected(parsed, null);

        ProviderRuleVersion ruleVersion = new ProviderRuleVersion();
        Topic<String, ProviderRule> providers = topics.providers();
        builder.addGlobalStore(Stores
                        .keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreProviderRuleProcessor.STORE),
                                Serdes.String(), providers.valueSerde())
                        .withLoggingDisabled(),
                providers.name(), providers.consumed("update-provider-rules-store"),
                () -> new StoreProviderRuleProcessor(ruleVersion));
        builder.addStateStore(CorrelateQueueProcessor.storeBuilder());
        CorrelationSettings correlation = settings.correlationSettings();
        Duration evictionInterval = settings.get(TopologySettings.CORRELATION_EVICTION_INTERVAL);
        return parsed
                .filterNot((key, outcome) -> outcome instanceof LineOutcome.Rejected, Named.as("select-parsed-lines"))
                .process(() -> new CorrelateQueueProcessor(correlation, rules.replies(), rules.providers(), ruleVersion,
                                evictionInterval),
                        Named.as("correlate-by-queue-id"), CorrelateQueueProcessor.STORE);
    }

    /** Writes the rejected lines of a front processor to the rejected-lines topic, headers included. */
    private void writeRejected(KStream<String, LineOutcome> outcomes, String stage) {
        String suffix = stage == null ? "" : "-" + stage;
        Topic<String, String> rejected = topics.maillogRejected();
        outcomes.filter((key, outcome) -> outcome instanceof LineOutcome.Rejected, Named.as("select-rejected-lines" + suffix))
                .mapValues(outcome -> ((LineOutcome.Rejected) outcome).rawLine(), Named.as("unwrap-rejected-lines" + suffix))
                .to(rejected.name(), rejected.produced("write-rejected-lines" + suffix));
    }

    /** Adds the inventory as a global store and joins each event with it. */
    KStream<String, DeliveryEvent> joinInventory(KStream<String, DeliveryEvent> events) {
        Topic<String, HostInventoryEntry> inventory = topics.inventoryHosts();
        StoreBuilder<KeyValueStore<String, HostInventoryEntry>> store = Stores
                .keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreInventoryEntryProcessor.STORE),
                        Serdes.String(), inventory.valueSerde())
                .withLoggingDisabled();
        builder.addGlobalStore(store, inventory.name(), inventory.consumed("update-inventory-store"),
                StoreInventoryEntryProcessor::new);
        return events.processValues(JoinHostInventoryProcessor::new, Named.as("join-host-inventory"));
    }

    /**
     * Writes enriched events to the deliveries topic and feeds both aggregations and their
     * detectors, which write the stats and alert topics.
     */
    void analyze(KStream<String, DeliveryEvent> enriched) {
        Topic<String, DeliveryEvent> deliveries = topics.deliveries();
        KStream<String, DeliveryEvent> byIpProvider = enriched.selectKey(
                (key, event) -> event == null ? Hosts.WATERMARK_KEY : DeliveryKeys.ipProvider(event),
                Named.as("key-delivery-by-ip-provider"));
        byIpProvider
                .filter((key, event) -> event != null, Named.as("drop-watermarks-from-deliveries"))
                .to(deliveries.name(), deliveries.produced("write-deliveries"));

        analyzeIpProviders(repartition(byIpProvider, "partition-deliveries-by-ip-provider"));

        KStream<String, DeliveryEvent> bySender = enriched.selectKey(
                (key, event) -> event == null ? Hosts.WATERMARK_KEY : SenderIdentity.of(event).key(),
                Named.as("key-delivery-by-sender-identity"));
        analyzeSenders(repartition(bySender, "partition-deliveries-by-sender"));
    }

    private void analyzeIpProviders(KStream<String, DeliveryEvent> deliveries) {
        AggregateDeliveryStatsProcessor.storeBuilders().forEach(builder::addStateStore);
        DetectDeliveryIncidentProcessor.storeBuilders().forEach(builder::addStateStore);

        KStream<String, WindowUpdate<IpProviderWindow>> updates = deliveries.process(
                () -> new AggregateDeliveryStatsProcessor(windowSettings),
                Named.as("aggregate-ip-provider-windows"),
                AggregateDeliveryStatsProcessor.WINDOW_STORE, AggregateDeliveryStatsProcessor.HORIZON_STORE);

        updates.filter((key, update) -> update.isOutput(), Named.as("select-ip-provider-stats"))
                .map((key, update) -> KeyValue.pair(
                                DeliveryKeys.window(key, update.aggregate().windowSizeMs(), update.aggregate().windowStart()),
                                update.aggregate().toDeliveryStats()),
                        Named.as("format-ip-provider-stats"))
                .to(topics.ipProviderStats().name(), topics.ipProviderStats().produced("write-ip-provider-stats"));

        Topic<String, Alert> alerts = topics.alerts();
        updates.filter((key, update) -> update.concernsDetection(windowSettings.detectionSizeMs()),
                        Named.as("select-ip-provider-detection-input"))
                .process(() -> new DetectDeliveryIncidentProcessor(detectionSettings),
                        Named.as("detect-delivery-incidents"),
                        DetectDeliveryIncidentProcessor.BASELINE_STORE, DetectDeliveryIncidentProcessor.ALERT_STORE)
                .to(alerts.name(), alerts.produced("write-delivery-alerts"));
    }

    private void analyzeSenders(KStream<String, DeliveryEvent> deliveries) {
        AggregateSenderStatsProcessor.storeBuilders().forEach(builder::addStateStore);
        DetectSpamOutputProcessor.storeBuilders().forEach(builder::addStateStore);

        KStream<String, WindowUpdate<SenderWindow>> updates = deliveries.process(
                () -> new AggregateSenderStatsProcessor(windowSettings),
                Named.as("aggregate-sender-windows"),
                AggregateSenderStatsProcessor.WINDOW_STORE, AggregateSenderStatsProcessor.HORIZON_STORE);

        updates.filter((key, update) -> update.isOutput(), Named.as("select-sender-stats"))
                .map((key, update) -> KeyValue.pair(
                                DeliveryKeys.window(key, update.aggregate().windowSizeMs(), update.aggregate().windowStart()),
                                update.aggregate().toSenderStats()),
                        Named.as("format-sender-stats"))
                .to(topics.senderStats().name(), topics.senderStats().produced("write-sender-stats"));

        Topic<String, Alert> alerts = topics.alerts();
        updates.filter((key, update) -> update.concernsDetection(windowSettings.detectionSizeMs()),
                        Named.as("select-sender-detection-input"))
                .process(() -> new DetectSpamOutputProcessor(detectionSettings),
                        Named.as("detect-spam-output"),
                        DetectSpamOutputProcessor.BASELINE_STORE, DetectSpamOutputProcessor.ALERT_STORE,
                        DetectSpamOutputProcessor.CLOCK_STORE)
                .to(alerts.name(), alerts.produced("write-sender-alerts"));
    }

    private KStream<String, DeliveryEvent> repartition(KStream<String, DeliveryEvent> stream, String name) {
        Repartitioned<String, DeliveryEvent> repartitioned = Repartitioned
                .<String, DeliveryEvent>as(name)
                .withKeySerde(Serdes.String())
                .withValueSerde(topics.deliveries().valueSerde())
                .withStreamPartitioner(new WatermarkPartitioner<>());
        return stream.repartition(withPartitionCount(repartitioned));
    }

    <V> Repartitioned<String, V> withPartitionCount(Repartitioned<String, V> repartitioned) {
        int partitions = settings.get(TopologySettings.INTERNAL_PARTITIONS);
        return partitions > 0 ? repartitioned.withNumberOfPartitions(partitions) : repartitioned;
    }
}
