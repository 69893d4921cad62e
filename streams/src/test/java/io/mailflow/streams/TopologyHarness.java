package io.mailflow.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

import io.mailflow.schemas.Alert;
import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStats;
import io.mailflow.schemas.HostInventoryEntry;
import io.mailflow.schemas.ProviderRule;
import io.mailflow.schemas.SenderStats;
import io.mailflow.streams.internals.MailflowSensors;

/**
 * A TopologyTestDriver around the mailflow topology, fed with raw lines or, for the topology after
 * correlation, with delivery events keyed by host. Every record carries an explicit timestamp;
 * wall-clock time moves only through {@link #advanceWallClock(Duration)}.
 */
final class TopologyHarness implements AutoCloseable {

    static final String EVENTS_TOPIC = "test.delivery-events";

    private final TopologyTestDriver driver;
    private final MailflowTopics topics;
    private final TestInputTopic<String, DeliveryEvent> events;
    private final TestInputTopic<String, String> rawLines;
    private final TestInputTopic<String, HostInventoryEntry> inventory;
    private final TestInputTopic<String, ProviderRule> providerRules;
    private final TestOutputTopic<String, String> rejected;
    private final TestOutputTopic<String, DeliveryEvent> deliveries;
    private final TestOutputTopic<String, DeliveryStats> ipProviderStats;
    private final TestOutputTopic<String, SenderStats> senderStats;
    private final TestOutputTopic<String, Alert> alerts;

    /** A harness around the topology after correlation, fed through {@link #pipe(DeliveryEvent)}. */
    static TopologyHarness analytics(TopologySettings settings, Path stateDir) {
        return new TopologyHarness(MailflowTopology.buildFromDeliveryEvents(settings, EVENTS_TOPIC), settings, stateDir);
    }

    /** A harness around the whole topology, fed through {@link #pipeLine(String, String, long)}. */
    static TopologyHarness full(TopologySettings settings, Path stateDir) {
        return new TopologyHarness(MailflowTopology.build(settings, RULES), settings, stateDir);
    }

    /** Loaded once per test JVM; both are thread-safe and immutable. */
    private static final MailflowRules RULES = MailflowRules.loadDefault();

    TopologyHarness(Topology topology, TopologySettings settings, Path stateDir) {
        this.driver = new TopologyTestDriver(topology, driverProperties(stateDir), TestAttempts.T0);
        this.topics = settings.topics();
        this.events = driver.createInputTopic(EVENTS_TOPIC, Serdes.String().serializer(),
                topics.deliveries().valueSerde().serializer());
        this.rawLines = input(topics.maillogRaw());
        this.inventory = input(topics.inventoryHosts());
        this.providerRules = input(topics.providers());
        this.rejected = output(topics.maillogRejected());
        this.deliveries = output(topics.deliveries());
        this.ipProviderStats = output(topics.ipProviderStats());
        this.senderStats = output(topics.senderStats());
        this.alerts = output(topics.alerts());
    }

    static Properties driverProperties(Path stateDir) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "mailflow-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused.invalid:9092");
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return properties;
    }

    <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    TopologyTestDriver driver() {
        return driver;
    }

    /** Pipes one event keyed by its host, at its event time. */
    void pipe(DeliveryEvent event) {
        events.pipeInput(event.getHost(), event, event.getEventTime());
    }

    /** Pipes each event built by the builders. */
    void pipeAll(List<DeliveryEvent> batch) {
        batch.forEach(this::pipe);
    }

    /** Pipes a watermark at {@code T0 + offsetMillis}. */
    void watermark(long offsetMillis) {
        events.pipeInput(null, null, TestAttempts.T0.toEpochMilli() + offsetMillis);
    }

    /** Pipes one raw line with the given key (null for none) and record timestamp. */
    void pipeLine(String key, String line, long timestamp) {
        rawLines.pipeInput(key, line, timestamp);
    }

    TestOutputTopic<String, String> rejectedTopic() {
        return rejected;
    }

    void providerRule(String id, ProviderRule rule) {
        providerRules.pipeInput(id, rule, TestAttempts.T0);
    }

    void inventory(String key, HostInventoryEntry entry) {
        inventory.pipeInput(key, entry, TestAttempts.T0);
    }

    void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    List<KeyValue<String, DeliveryEvent>> deliveries() {
        return deliveries.readKeyValuesToList();
    }

    List<KeyValue<String, DeliveryStats>> ipProviderStats() {
        return ipProviderStats.readKeyValuesToList();
    }

    List<KeyValue<String, SenderStats>> senderStats() {
        return senderStats.readKeyValuesToList();
    }

    List<Alert> alerts() {
        List<Alert> values = new ArrayList<>();
        alerts.readValuesToList().forEach(values::add);
        return values;
    }

    /** Sum of a mailflow counter over all tasks, such as {@code late-attempts-dropped}. */
    double counter(String operation) {
        return counter(driver.metrics(), operation);
    }

    static double counter(Map<MetricName, ? extends Metric> metrics, String operation) {
        return metrics.entrySet().stream()
                .filter(entry -> entry.getKey().group().equals(MailflowSensors.GROUP))
                .filter(entry -> entry.getKey().name().equals(operation + "-total"))
                .mapToDouble(entry -> ((Number) entry.getValue().metricValue()).doubleValue())
                .sum();
    }

    static HostInventoryEntry host(String host, String tenant, String... sendingIps) {
        return HostInventoryEntry.newBuilder()
                .setHost(host)
                .setTenant(tenant)
                .setSendingIps(List.of(sendingIps))
                .build();
    }

    static long at(long offsetMillis) {
        return TestAttempts.T0.toEpochMilli() + offsetMillis;
    }

    static Instant instant(long offsetMillis) {
        return Instant.ofEpochMilli(at(offsetMillis));
    }

    @Override
    public void close() {
        driver.close();
    }
}
