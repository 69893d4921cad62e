package io.mailflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mailflow.embedded.EmbeddedKafka;
import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStats;
import io.mailflow.schemas.HostInventoryEntry;
import io.mailflow.streams.settings.Setting;

/**
 * Restarting the application mid-stream, with the same state folder and broker, gives the same
 * final windowed counts as an uninterrupted run. Both runs read the same lines from their own
 * topics with their own application id; the restarted run is stopped after the first half of the
 * lines, while the second half arrives.
 */
@Tag("integration")
class RestartIntegrationTest {

    private static final long MINUTE = 60_000L;
    private static final int PARTITIONS = 3;
    private static final int MESSAGES_PER_HOST = 200;
    private static final List<String> HOSTS = List.of("mx1", "mx2", "mx3");
    private static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(120);
    private static final MailflowRules RULES = MailflowRules.loadDefault();

    private static EmbeddedKafka kafka;

    @TempDir
    Path stateDirs;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void restartGivesSameFinalCounts() throws InterruptedException {
        List<List<String>> messages = messages();
        List<String> lines = messages.stream().flatMap(List::stream).toList();
        int firstHalfMessages = messages.size() / 2;
        List<String> firstHalf = messages.subList(0, firstHalfMessages).stream().flatMap(List::stream).toList();
        List<String> secondHalf = messages.subList(firstHalfMessages, messages.size()).stream()
                .flatMap(List::stream).toList();
        Map<String, Long> expected = expectedOneMinuteCounts();

        TopologySettings uninterrupted = settings("uninterrupted");
        createTopics(uninterrupted);
        try (MailflowStreamsApp app = new MailflowStreamsApp(uninterrupted,
                appSettings("mailflow-uninterrupted", stateDirs.resolve("uninterrupted")), RULES)) {
            app.start();
            produceLines(uninterrupted, lines);
            produceWatermarks(uninterrupted);
            assertThat(finalCounts(uninterrupted, expected)).isEqualTo(expected);
        }

        TopologySettings restarted = settings("restarted");
        StreamsAppSettings restartedApp = appSettings("mailflow-restarted", stateDirs.resolve("restarted"));
        createTopics(restarted);
        try (MailflowStreamsApp first = new MailflowStreamsApp(restarted, restartedApp, RULES)) {
            first.start();
            produceLines(restarted, firstHalf);
            List<ConsumerRecord<String, DeliveryEvent>> seen = KafkaTestClients.readUntil(kafka.bootstrapServers(),
                    restarted.topics().deliveries(), records -> records.size() >= firstHalfMessages, COMPLETION_TIMEOUT);
            assertThat(seen).hasSize(firstHalfMessages);
        }
        produceLines(restarted, secondHalf);
        produceWatermarks(restarted);
        try (MailflowStreamsApp second = new MailflowStreamsApp(restarted, restartedApp, RULES)) {
            second.start();
            assertThat(second.awaitRunning(Duration.ofSeconds(60))).isTrue();
            assertThat(finalCounts(restarted, expected)).isEqualTo(expected);
            assertThat(second.state()).contains(KafkaStreams.State.RUNNING);
        }
    }

    /** Topics of their own per run; grace long enough that the parallel tasks of a replay never drop a line as late. */
    private static TopologySettings settings(String run) {
        TopologySettings settings = TopologySettings.defaults();
        for (Setting<String> topic : TopologySettings.TOPICS) {
            settings = settings.with(topic, run + "." + settings.get(topic));
        }
        return settings
                .with(TopologySettings.WINDOW_GRACE, Duration.ofHours(2))
                .with(TopologySettings.WINDOW_IDLE_FLUSH_AFTER, Duration.ZERO);
    }

    private static StreamsAppSettings appSettings(String applicationId, Path stateDir) {
        return StreamsAppSettings.forBootstrapServers(kafka.bootstrapServers())
                .with(StreamsAppSettings.APPLICATION_ID, applicationId)
                .with(StreamsAppSettings.STATE_DIR, stateDir.toString())
                .with(StreamsAppSettings.TOPIC_PARTITIONS, PARTITIONS)
                .with(StreamsAppSettings.COMMIT_INTERVAL, Duration.ofMillis(200));
    }

    /** Creates the topics of a run and writes the inventory of its hosts. */
    private static void createTopics(TopologySettings settings) {
        MailflowTopics topics = settings.topics();
        for (Topic<?, ?> topic : topics.all()) {
            kafka.createTopic(topic.name(), PARTITIONS, topic.compacted() ? Map.of("cleanup.policy", "compact") : Map.of());
        }
        List<ProducerRecord<String, HostInventoryEntry>> inventory = new ArrayList<>();
        for (int i = 0; i < HOSTS.size(); i++) {
            String host = HOSTS.get(i);
            inventory.add(new ProducerRecord<>(topics.inventoryHosts().name(), host,
                    TopologyHarness.host(host, "acme", "203.0.113." + (10 + i))));
        }
        KafkaTestClients.produce(kafka.bootstrapServers(), topics.inventoryHosts(), inventory);
    }

    /** Writes raw lines without keys, as a third-party shipper does. */
    private static void produceLines(TopologySettings settings, List<String> lines) {
        String topic = settings.topics().maillogRaw().name();
        List<ProducerRecord<String, String>> raw = new ArrayList<>();
        for (String line : lines) {
            raw.add(new ProducerRecord<>(topic, null, line));
        }
        KafkaTestClients.produce(kafka.bootstrapServers(), settings.topics().maillogRaw(), raw);
    }

    /** Writes a watermark well after the last line to every raw partition, as a shipper does at the end of input. */
    private static void produceWatermarks(TopologySettings settings) {
        String topic = settings.topics().maillogRaw().name();
        String watermark = "#mailflow-watermark " + TopologyHarness.at(4 * 60 * MINUTE);
        List<ProducerRecord<String, String>> raw = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            raw.add(new ProducerRecord<>(topic, partition, null, watermark));
        }
        KafkaTestClients.produce(kafka.bootstrapServers(), settings.topics().maillogRaw(), raw);
    }

    /** The final attempt count of every closed one-minute window, keyed by the stats key. */
    private static Map<String, Long> finalCounts(TopologySettings settings, Map<String, Long> expected) {
        List<ConsumerRecord<String, DeliveryStats>> records = KafkaTestClients.readUntil(kafka.bootstrapServers(),
                settings.topics().ipProviderStats(), read -> oneMinuteCounts(read).equals(expected), COMPLETION_TIMEOUT);
        return oneMinuteCounts(records);
    }

    private static Map<String, Long> oneMinuteCounts(List<ConsumerRecord<String, DeliveryStats>> records) {
        Map<String, Long> counts = new HashMap<>();
        KafkaTestClients.latestByKey(records).forEach((key, stats) -> {
            if (stats.getWindowSizeMs() == MINUTE) {
                counts.put(key, stats.getAttempts());
            }
        });
        return counts;
    }

    /**
     * The lines of one message every 3 seconds per host, for 10 minutes: each minute a host sends
     * 20 messages, of which every fifth is deferred.
     */
    private static List<List<String>> messages() {
        List<List<String>> messages = new ArrayList<>();
        int counter = 0;
        for (int i = 0; i < MESSAGES_PER_HOST; i++) {
            for (String host : HOSTS) {
                long eventTime = TopologyHarness.at(i * 3_000L);
                boolean deferred = i % 5 == 4;
                messages.add(MaillogLines.message(host, MaillogLines.queueId(++counter), eventTime,
                        "user" + i + "@gmail.com", MaillogLines.GMAIL_RELAY, deferred ? "4.7.0" : "2.0.0",
                        deferred ? "deferred" : "sent", deferred
                                ? "host gmail-smtp-in.l.google.com[142.250.102.27] said: 421 4.7.0 Try again later"
                                : MaillogLines.GMAIL_SENT));
            }
        }
        return messages;
    }

    private static Map<String, Long> expectedOneMinuteCounts() {
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < HOSTS.size(); i++) {
            String ip = "203.0.113." + (10 + i);
            for (int minute = 0; minute < MESSAGES_PER_HOST * 3 / 60; minute++) {
                expected.put(ip + "|google|" + MINUTE + "|" + TopologyHarness.at(minute * MINUTE), 20L);
            }
        }
        return expected;
    }
}
