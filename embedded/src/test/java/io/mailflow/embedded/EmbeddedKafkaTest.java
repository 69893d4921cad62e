package io.mailflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailflow.embedded.junit.EmbeddedServicesExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@ExtendWith(EmbeddedServicesExtension.class)
class EmbeddedKafkaTest {

    private static final int RECORD_COUNT = 10_000;
    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void tenThousandRecordsRoundTrip(EmbeddedKafka kafka) throws Exception {
        String topic = "maillog-lines-round-trip";
        kafka.createTopic(topic, 3);

        try (KafkaProducer<String, String> producer = producer(kafka)) {
            for (int i = 0; i < RECORD_COUNT; i++) {
                producer.send(new ProducerRecord<>(topic, "queue-" + i, line(i)));
            }
            producer.flush();
        }
        Map<String, String> consumed = consumeAll(kafka, topic, RECORD_COUNT);

        assertThat(consumed).hasSize(RECORD_COUNT);
        for (int i = 0; i < RECORD_COUNT; i++) {
            assertThat(consumed).containsEntry("queue-" + i, line(i));
        }
    }

    @Test
    void bootstrapServersIsLoopback(EmbeddedKafka kafka) {
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.brokerPort());
    }

    @Test
    void createTopicAppliesConfig(EmbeddedKafka kafka) throws Exception {
        String topic = "queue-state-compacted";
        kafka.createTopic(topic, 2, Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "1000"));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);

            assertThat(description.partitions()).hasSize(2);
            assertThat(description.partitions().get(0).replicas()).hasSize(1);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(config.get("min.compaction.lag.ms").value()).isEqualTo("1000");
        }
    }

    @Test
    void createTopicRejectsExistingName(EmbeddedKafka kafka) {
        kafka.createTopic("maillog-lines-duplicate", 1);

        assertThatThrownBy(() -> kafka.createTopic("maillog-lines-duplicate", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("maillog-lines-duplicate")
                .hasMessageContaining("already exists");
    }

    @Test
    void createTopicRejectsZeroPartitions(EmbeddedKafka kafka) {
        assertThatThrownBy(() -> kafka.createTopic("maillog-lines-empty", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partitions");
    }

    static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    /** Reads the topic from the start until {@code expected} records arrived. Keys must be unique. */
    static Map<String, String> consumeAll(EmbeddedKafka kafka, String topic, int expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");

        Map<String, String> consumed = new HashMap<>();
        int duplicates = 0;
        long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (consumed.size() + duplicates < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (consumed.put(record.key(), record.value()) != null) {
                        duplicates++;
                    }
                }
            }
        }
        assertThat(duplicates).as("records consumed twice").isZero();
        return consumed;
    }

    private static String line(int i) {
        return String.format("Jun 10 09:28:%02d mx%d postfix/smtp[%d]: Q%05X: to=<user%d@example.com>, status=sent",
                i % 60, i % 4, 1000 + i, i, i);
    }
}
