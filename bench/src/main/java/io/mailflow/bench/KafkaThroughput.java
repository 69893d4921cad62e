package io.mailflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka's own speed for the benchmark lines, with nothing of mailflow in between. Like one
 * {@code mailflow ship} process given all host files, one producer reads the files and sends every
 * line with one record key, configured as the shipper configures its producer (zstd, 50 ms linger,
 * idempotence, acks=all). One consumer reads the topic with string deserializers and counts the
 * records.
 */
final class KafkaThroughput {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final String recordKey;

    /** Measures against {@code bootstrapServers}, with every record keyed by {@code recordKey}. */
    KafkaThroughput(String bootstrapServers, String recordKey) {
        this.bootstrapServers = bootstrapServers;
        this.recordKey = recordKey;
    }

    /**
     * Produces every line of {@code files} to {@code topic} while one consumer reads them; the span
     * runs from the first send to the last record consumed.
     */
    Span produceAndConsume(String topic, HostFiles files) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);

            CpuClock start = CpuClock.now();
            List<Thread> producers = startProducers(topic, files, failure);
            long consumed = consumeUntil(consumer, files.lines(), failure);
            CpuClock end = CpuClock.now();
            for (Thread producer : producers) {
                producer.join();
            }
            throwIfFailed(failure);
            return Span.between(consumed, start, end);
        }
    }

    /** Produces every line of {@code files} to {@code topic}; the span ends when every send is acknowledged. */
    Span produce(String topic, HostFiles files) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CpuClock start = CpuClock.now();
        for (Thread producer : startProducers(topic, files, failure)) {
            producer.join();
        }
        CpuClock end = CpuClock.now();
        throwIfFailed(failure);
        return Span.between(files.lines(), start, end);
    }

    /** Reads {@code expected} records of {@code topic} from the beginning. */
    Span consume(String topic, long expected) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            CpuClock start = CpuClock.now();
            long consumed = consumeUntil(consumer, expected, failure);
            return Span.between(consumed, start, CpuClock.now());
        }
    }

    private List<Thread> startProducers(String topic, HostFiles files, AtomicReference<Throwable> failure) {
        Thread thread = new Thread(() -> {
            try {
                produceFiles(topic, files);
            } catch (RuntimeException | IOException e) {
                failure.compareAndSet(null, e);
            }
        }, "bench-produce");
        thread.start();
        return List.of(thread);
    }

    private void produceFiles(String topic, HostFiles files) throws IOException {
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            for (Path file : files.files().values()) {
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        producer.send(new ProducerRecord<>(topic, recordKey, line), (metadata, e) -> {
                            if (e != null) {
                                sendFailure.compareAndSet(null, e);
                            }
                        });
                    }
                }
            }
            producer.flush();
        }
        if (sendFailure.get() != null) {
            throw new IllegalStateException("Producing to " + topic + " failed", sendFailure.get());
        }
    }

    private static long consumeUntil(KafkaConsumer<String, String> consumer, long expected,
            AtomicReference<Throwable> failure) {
        long consumed = 0;
        long idleSince = System.nanoTime();
        while (consumed < expected) {
            if (failure.get() != null) {
                break;
            }
            ConsumerRecords<String, String> records = consumer.poll(POLL);
            if (records.isEmpty()) {
                if (System.nanoTime() - idleSince > Duration.ofSeconds(60).toNanos()) {
                    throw new IllegalStateException("No record for 60 s after " + consumed + " of " + expected);
                }
                continue;
            }
            idleSince = System.nanoTime();
            consumed += records.count();
        }
        return consumed;
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        return partitions;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-kafka-producer");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 32L * 1024 * 1024);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-kafka-consumer");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    private static void throwIfFailed(AtomicReference<Throwable> failure) {
        Throwable cause = failure.get();
        if (cause != null) {
            throw new IllegalStateException("Kafka throughput run failed: " + cause.getMessage(), cause);
        }
    }
}
