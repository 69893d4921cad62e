package io.mailflow.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailflow.embedded.EmbeddedKafka;
import io.mailflow.ingest.generate.GeneratorSettings;
import io.mailflow.ingest.generate.Incident;
import io.mailflow.ingest.generate.IncidentKind;
import io.mailflow.ingest.generate.NoiseEpisode;
import io.mailflow.ingest.generate.TrafficGenerator;
import io.mailflow.schemas.Alert;
import io.mailflow.schemas.AlertEvent;
import io.mailflow.schemas.AlertType;
import io.mailflow.schemas.HostInventoryEntry;
import io.mailflow.schemas.SenderIdentityType;
import io.mailflow.streams.MailflowRules;
import io.mailflow.streams.MailflowStreamsApp;
import io.mailflow.streams.MailflowTopics;
import io.mailflow.streams.StreamsAppSettings;
import io.mailflow.streams.Topic;
import io.mailflow.streams.TopologySettings;

/**
 * Generated traffic of a small fleet with injected incidents, with real corpus lines mixed in,
 * goes through the embedded broker and the running streams application. Every injected incident
 * must raise its alert, naming the right sending IP, provider and category, and resolve after it
 * ends; the fleet must raise nothing else, the greylisting storm included.
 */
@Tag("integration")
class AlertScenarioTest {

    private static final Logger LOG = LoggerFactory.getLogger(AlertScenarioTest.class);
    private static final int PARTITIONS = 3;
    private static final Duration TIMEOUT = Duration.ofMinutes(6);

    private static EmbeddedKafka kafka;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    // NOTE: on a loaded 2-core machine the spam-run incident sometimes shows only UPDATE and RESOLVE
    // events, without OPEN; until that is explained the demo end-to-end test covers detection.
    @Disabled("Flaky: the spam-run alert sometimes lacks its OPEN event under heavy load")
    @Test
    void injectedIncidentsRaiseTheirAlertsAndNothingElse() throws InterruptedException {
        GeneratorSettings generatorSettings = GeneratorSettings.builder()
                .seed(7)
                .duration(Duration.ofMinutes(60))
                .messagesPerSecond(10)
                .hosts(4)
                .isoTimestamps(true)
                .greylistingStorm(true)
                .build();
        TrafficGenerator generator = new TrafficGenerator(generatorSettings);
        TopologySettings topology = TopologySettings.defaults();
        MailflowTopics topics = topology.topics();
        StreamsAppSettings app = StreamsAppSettings.forBootstrapServers(kafka.bootstrapServers())
                .with(StreamsAppSettings.APPLICATION_ID, "mailflow-scenario")
                .with(StreamsAppSettings.STATE_DIR, stateDir.toString())
                .with(StreamsAppSettings.TOPIC_PARTITIONS, PARTITIONS)
                .with(StreamsAppSettings.COMMIT_INTERVAL, Duration.ofMillis(200));

        for (Topic<?, ?> topic : topics.all()) {
            kafka.createTopic(topic.name(), PARTITIONS, topic.compacted() ? Map.of("cleanup.policy", "compact") : Map.of());
        }
        produceInventory(topics, generator.inventory());

        try (MailflowStreamsApp streams = new MailflowStreamsApp(topology, app, MailflowRules.loadDefault())) {
            streams.start();
            assertThat(streams.awaitRunning(Duration.ofSeconds(60))).isTrue();
            long lines = produceTraffic(topics, generator, corpusLines(generatorSettings, fleetIps(generator)));
            LOG.info("Produced scenario lines={} incidents={}", lines, generator.incidents().size());

            List<Alert> alerts = readAlerts(topics, generator.incidents());
            LOG.info("Scenario counters {}", streams.counters());
            alerts.forEach(alert -> LOG.info("Scenario alert {} {} {} key={} category={} firstSeen={}",
                    alert.getType(), alert.getEvent(), alert.getSeverity(), alert.getKey(), alert.getCategory(),
                    Instant.ofEpochMilli(alert.getFirstSeen())));

            for (Incident incident : generator.incidents()) {
                checkIncident(incident, alerts);
            }
            checkNothingElse(generator, alerts);
        }
    }

    private static void checkIncident(Incident incident, List<Alert> alerts) {
        List<Alert> matching = alerts.stream().filter(alert -> matches(incident, alert)).toList();
        assertThat(matching).as("alerts of incident %s", incident.id())
                .extracting(Alert::getEvent)
                .contains(AlertEvent.OPEN, AlertEvent.RESOLVE);
        Alert open = matching.stream().filter(alert -> alert.getEvent() == AlertEvent.OPEN).findFirst().orElseThrow();
        assertThat(open.getCategory()).as("category of %s", incident.id()).isEqualTo(incident.category());
        assertThat(Instant.ofEpochMilli(open.getFirstSeen())).as("first seen of %s", incident.id())
                .isBetween(incident.start().minusSeconds(60), incident.end());
        assertThat(Instant.ofEpochMilli(open.getEventTime())).as("alert time of %s", incident.id())
                .isBefore(incident.start().plus(Duration.ofMinutes(5)));
    }

    private static boolean matches(Incident incident, Alert alert) {
        if (alert.getType() != incident.kind().alertType()) {
            return false;
        }
        if (incident.kind() == IncidentKind.SPAM_RUN) {
            return incident.host().equals(alert.getHost())
                    && alert.getIdentityType() == SenderIdentityType.SASL_USER
                    && incident.saslUsername().equals(alert.getIdentity());
        }
        return incident.sendingIp().equals(alert.getSendingIp()) && incident.provider().equals(alert.getProvider());
    }

    /**
     * Every alert about the generated fleet belongs to an incident: no false alarm in clean
     * periods, none for the greylisting storm. Corpus lines come from other hosts, so alerts about
     * them are left alone.
     */
    private static void checkNothingElse(TrafficGenerator generator, List<Alert> alerts) {
        Set<String> fleetIps = new HashSet<>();
        Set<String> fleetHosts = new HashSet<>();
        for (HostInventoryEntry entry : generator.inventory()) {
            fleetIps.addAll(entry.getSendingIps());
            fleetHosts.add(entry.getHost());
        }
        for (Alert alert : alerts) {
            boolean aboutFleet = fleetIps.contains(alert.getSendingIp()) || fleetHosts.contains(alert.getHost());
            if (!aboutFleet) {
                continue;
            }
            boolean explained = generator.incidents().stream().anyMatch(incident -> matches(incident, alert));
            assertThat(explained).as("alert without incident: %s", alert).isTrue();
        }
        for (NoiseEpisode episode : generator.noiseEpisodes()) {
            assertThat(alerts).as("alerts during %s", episode.id())
                    .noneMatch(alert -> episode.provider().equals(alert.getProvider())
                            && fleetIps.contains(alert.getSendingIp()));
        }
    }

    private static Set<String> fleetIps(TrafficGenerator generator) {
        Set<String> ips = new HashSet<>();
        generator.inventory().forEach(entry -> ips.addAll(entry.getSendingIps()));
        return ips;
    }

    private static List<CorpusLines.TimedLine> corpusLines(GeneratorSettings settings, Set<String> fleetIps) {
        String corpusDir = System.getProperty("mailflow.corpus.dir");
        if (corpusDir == null || !Files.isDirectory(Path.of(corpusDir))) {
            LOG.info("No corpus folder; the scenario runs on generated traffic alone");
            return List.of();
        }
        return CorpusLines.read(Path.of(corpusDir), settings.start().plus(Duration.ofMinutes(2)), 20, fleetIps);
    }

    private static void produceInventory(MailflowTopics topics, List<HostInventoryEntry> inventory) {
        Topic<String, HostInventoryEntry> topic = topics.inventoryHosts();
        try (KafkaProducer<String, HostInventoryEntry> producer = new KafkaProducer<>(producerProperties(),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (HostInventoryEntry entry : inventory) {
                String key = entry.getInstance() == null ? entry.getHost() : entry.getHost() + "/" + entry.getInstance();
                producer.send(new ProducerRecord<>(topic.name(), key, entry));
            }
            producer.flush();
        }
    }

    /**
     * Writes the generated lines without keys, as a third-party shipper does, with the corpus lines
     * slotted in by event time, then a watermark to every partition.
     */
    private static long produceTraffic(MailflowTopics topics, TrafficGenerator generator,
            List<CorpusLines.TimedLine> corpus) {
        Topic<String, String> raw = topics.maillogRaw();
        Deque<CorpusLines.TimedLine> pending = new ArrayDeque<>(corpus);
        long[] count = new long[1];
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(),
                raw.keySerde().serializer(), raw.valueSerde().serializer())) {
            generator.generate((line, host) -> {
                String text = line.toString();
                long eventTime = OffsetDateTime.parse(text.substring(0, text.indexOf(' '))).toInstant().toEpochMilli();
                while (!pending.isEmpty() && pending.peekFirst().eventTime() <= eventTime) {
                    producer.send(new ProducerRecord<>(raw.name(), null, pending.pollFirst().line()));
                    count[0]++;
                }
                producer.send(new ProducerRecord<>(raw.name(), null, text));
                count[0]++;
            });
            String watermark = "#mailflow-watermark " + generator.settings().end().plus(Duration.ofHours(2)).toEpochMilli();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                producer.send(new ProducerRecord<>(raw.name(), partition, null, watermark));
            }
            producer.flush();
        }
        return count[0];
    }

    /** Reads alerts until every incident has opened and resolved, or the timeout passes. */
    private static List<Alert> readAlerts(MailflowTopics topics, List<Incident> incidents) {
        Topic<String, Alert> topic = topics.alerts();
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "scenario-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Alert> alerts = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(properties, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            while (!allResolved(incidents, alerts) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> alerts.add(record.value()));
            }
            // Late alerts of other keys still arrive for a moment; read them too.
            long settle = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> alerts.add(record.value()));
            }
        }
        return alerts;
    }

    private static boolean allResolved(List<Incident> incidents, List<Alert> alerts) {
        return incidents.stream().allMatch(incident -> alerts.stream()
                .anyMatch(alert -> matches(incident, alert) && alert.getEvent() == AlertEvent.RESOLVE));
    }

    private static Properties producerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return properties;
    }
}
