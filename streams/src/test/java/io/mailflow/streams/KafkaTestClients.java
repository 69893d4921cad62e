package io.mailflow.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Producers and read-committed consumers for tests against a real broker. */
final class KafkaTestClients {

    private KafkaTestClients() {
    }

    /** Writes records to a topic and waits until the broker has them. */
    static <K, V> void produce(String bootstrapServers, Topic<K, V> topic, List<ProducerRecord<K, V>> records) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(properties, topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    /**
     * Reads the committed records of a topic from the start until {@code done} holds for everything
     * read so far, or the timeout passes; returns what was read either way.
     */
    static <K, V> List<ConsumerRecord<K, V>> readUntil(String bootstrapServers, Topic<K, V> topic,
            Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(properties, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The latest value per key, as a compacted topic keeps it. */
    static <K, V> Map<K, V> latestByKey(List<ConsumerRecord<K, V>> records) {
        Map<K, V> latest = new LinkedHashMap<>();
        records.forEach(record -> latest.put(record.key(), record.value()));
        return latest;
    }
}
