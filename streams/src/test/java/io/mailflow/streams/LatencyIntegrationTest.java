package io.mailflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailflow.embedded.EmbeddedKafka;
import io.mailflow.schemas.Alert;
import io.mailflow.schemas.AlertEvent;
import io.mailflow.schemas.DeliveryStats;
import io.mailflow.schemas.HostInventoryEntry;

/**
 * Measures the wall-clock time from writing a line to reading its effect, on the embedded broker
 * with the default settings. An OPEN alert must follow a block-list reply within 10 s at p99, and a
 * fresh aggregate must follow a delivery within 2 s at p99. Lines carry the current time as event
 * time, as from a live shipper.
 */
@Tag("integration")
class LatencyIntegrationTest {

    private static final Logger LOG = LoggerFactory.getLogger(LatencyIntegrationTest.class);
    private static final int SAMPLES = 20;

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

    @Test
    void alertsAndAggregatesMeetLatencyTargets() throws Exception {
        TopologySettings topology = TopologySettings.defaults();
        MailflowTopics topics = topology.topics();
        StreamsAppSettings app = StreamsAppSettings.forBootstrapServers(kafka.bootstrapServers())
                .with(StreamsAppSettings.APPLICATION_ID, "mailflow-latency")
                .with(StreamsAppSettings.STATE_DIR, stateDir.toString())
                .with(StreamsAppSettings.TOPIC_PARTITIONS, 3);
        Map<String, Long> alertArrivals = new ConcurrentHashMap<>();
        Map<String, Long> statsArrivals = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);

        try (MailflowStreamsApp streams = new MailflowStreamsApp(topology, app, MailflowRules.loadDefault())) {
            streams.start();
            assertThat(streams.awaitRunning(Duration.ofSeconds(60))).isTrue();
            produceInventory(topics);
            Thread alertReader = reader(topics.alerts(), reading, (key, alert) -> {
                if (alert.getEvent() == AlertEvent.OPEN) {
                    alertArrivals.putIfAbsent(alert.getSendingIp(), System.nanoTime());
                }
            });
            Thread statsReader = reader(topics.ipProviderStats(), reading,
                    (key, stats) -> statsArrivals.putIfAbsent(stats.getSendingIp(), System.nanoTime()));

            Map<String, Long> deliveryWritten = new ConcurrentHashMap<>();
            Map<String, Long> refusalWritten = new ConcurrentHashMap<>();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(),
                    topics.maillogRaw().keySerde().serializer(), topics.maillogRaw().valueSerde().serializer())) {
                warmUp(producer, topics, statsArrivals);
                for (int i = 0; i < SAMPLES; i++) {
                    String host = host(i);
                    long now = System.currentTimeMillis();
                    send(producer, topics, MaillogLines.message(host, MaillogLines.queueId(2 * i), now,
                            "alice@gmail.com", MaillogLines.GMAIL_RELAY, "2.0.0", "sent", MaillogLines.GMAIL_SENT));
                    deliveryWritten.put(ip(i), System.nanoTime());
                    send(producer, topics, MaillogLines.message(host, MaillogLines.queueId(2 * i + 1), now + 1,
                            "carol@example.net", MaillogLines.EXAMPLE_RELAY, "5.7.1", "bounced",
                            "host mx.example.net[198.51.100.25] said: 554 5.7.1 Service unavailable; Client host ["
                                    + ip(i) + "] blocked using zen.spamhaus.org (in reply to RCPT TO command)"));
                    refusalWritten.put(ip(i), System.nanoTime());
                    Thread.sleep(250);
                }
            }

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((alertArrivals.size() < SAMPLES || statsArrivals.size() < SAMPLES) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            reading.set(false);
            alertReader.join();
            statsReader.join();

            List<Long> alertLatencies = latencies(refusalWritten, alertArrivals);
            List<Long> statsLatencies = latencies(deliveryWritten, statsArrivals);
            LOG.info("Alert latency ms samples={} p50={} p99={} max={}", alertLatencies.size(),
                    percentile(alertLatencies, 50), percentile(alertLatencies, 99), percentile(alertLatencies, 100));
            LOG.info("Aggregate latency ms samples={} p50={} p99={} max={}", statsLatencies.size(),
                    percentile(statsLatencies, 50), percentile(statsLatencies, 99), percentile(statsLatencies, 100));

            assertThat(alertLatencies).hasSize(SAMPLES);
            assertThat(statsLatencies).hasSize(SAMPLES);
            assertThat(percentile(alertLatencies, 99)).isLessThanOrEqualTo(10_000);
            // NOTE: on a starved machine (load average 15 on 2 cores) the aggregate p99 reached 2.1 s
            // once; typical runs measure 0.8 to 1.5 s.
            assertThat(percentile(statsLatencies, 99)).isLessThanOrEqualTo(2_000);
        }
    }

    /** Sends one delivery and waits for its aggregate, so that no sample pays for class loading and store creation. */
    private static void warmUp(KafkaProducer<String, String> producer, MailflowTopics topics, Map<String, Long> statsArrivals)
            throws InterruptedException {
        send(producer, topics, MaillogLines.message("warmup", MaillogLines.queueId(10_000), System.currentTimeMillis(),
                "alice@gmail.com", MaillogLines.GMAIL_RELAY, "2.0.0", "sent", MaillogLines.GMAIL_SENT));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!statsArrivals.containsKey("warmup") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static String host(int i) {
        return String.format("live%02d", i);
    }

    private static String ip(int i) {
        return "198.51.100." + (100 + i);
    }

    private static void produceInventory(MailflowTopics topics) {
        List<ProducerRecord<String, HostInventoryEntry>> entries = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            entries.add(new ProducerRecord<>(topics.inventoryHosts().name(), host(i),
                    TopologyHarness.host(host(i), "acme", ip(i))));
        }
        KafkaTestClients.produce(kafka.bootstrapServers(), topics.inventoryHosts(), entries);
    }

    private static void send(KafkaProducer<String, String> producer, MailflowTopics topics, List<String> lines) {
        for (String line : lines) {
            producer.send(new ProducerRecord<>(topics.maillogRaw().name(), null, line));
        }
        producer.flush();
    }

    private static <V> Thread reader(Topic<String, V> topic, AtomicBoolean reading,
            BiConsumer<String, V> onRecord) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "latency-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(properties, topic.keySerde().deserializer(),
                    topic.valueSerde().deserializer())) {
                consumer.subscribe(List.of(topic.name()));
                while (reading.get()) {
                    consumer.poll(Duration.ofMillis(50)).forEach(record -> onRecord.accept(record.key(), record.value()));
                }
            }
        }, "latency-reader-" + topic.name());
        thread.start();
        return thread;
    }

    private static List<Long> latencies(Map<String, Long> written, Map<String, Long> arrived) {
        List<Long> latencies = new ArrayList<>();
        written.forEach((ip, writtenAt) -> {
            Long arrivedAt = arrived.get(ip);
            if (arrivedAt != null) {
                latencies.add(Duration.ofNanos(arrivedAt - writtenAt).toMillis());
            }
        });
        Collections.sort(latencies);
        return latencies;
    }

    private static long percentile(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return Long.MAX_VALUE;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static Properties producerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return properties;
    }
}
