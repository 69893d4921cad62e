package io.mailflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.embedded.internals.Directories;
import io.mailflow.embedded.junit.EmbeddedServicesExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs a Kafka Streams application with {@code exactly_once_v2} against the embedded broker. */
@Tag("integration")
@ExtendWith(EmbeddedServicesExtension.class)
class ExactlyOnceStreamsTest {

    private static final String STATUSES = "eos-delivery-statuses";
    private static final String STATUSES_UPPER_CASE = "eos-delivery-statuses-upper-case";
    private static final String STATUS_COUNTS = "eos-delivery-status-counts";
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(90);

    private Path stateDir;

    @BeforeEach
    void createStateDir() throws Exception {
        stateDir = Files.createTempDirectory("mailflow-streams-state-");
    }

    @AfterEach
    void deleteStateDir() throws Exception {
        Directories.deleteRecursively(stateDir);
    }

    @Test
    void upperCasesAndCountsExactlyOnce(EmbeddedKafka kafka) throws Exception {
        kafka.createTopic(STATUSES, 2);
        kafka.createTopic(STATUSES_UPPER_CASE, 2);
        kafka.createTopic(STATUS_COUNTS, 2);
        List<String[]> input = List.of(
                new String[] {"gmail.com", "sent"},
                new String[] {"gmail.com", "deferred"},
                new String[] {"outlook.com", "bounced"},
                new String[] {"gmail.com", "sent"},
                new String[] {"yahoo.com", "deferred"},
                new String[] {"outlook.com", "sent"});
        try (KafkaProducer<String, String> producer = EmbeddedKafkaTest.producer(kafka)) {
            for (String[] record : input) {
                producer.send(new ProducerRecord<>(STATUSES, record[0], record[1]));
            }
            producer.flush();
        }

        try (KafkaStreams streams = new KafkaStreams(topology(), streamsProperties(kafka))) {
            streams.start();

            List<ConsumerRecord<String, String>> upperCase = readCommitted(kafka, STATUSES_UPPER_CASE,
                    new StringDeserializer(), input.size());
            List<ConsumerRecord<String, Long>> counts = readCommitted(kafka, STATUS_COUNTS,
                    new LongDeserializer(), input.size());

            assertThat(upperCase).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("SENT", "DEFERRED", "BOUNCED", "SENT", "DEFERRED", "SENT");
            assertThat(counts).filteredOn(record -> record.key().equals("gmail.com"))
                    .extracting(ConsumerRecord::value)
                    .containsExactly(1L, 2L, 3L);
            Map<String, Long> latestCounts = new HashMap<>();
            counts.forEach(record -> latestCounts.put(record.key(), record.value()));
            assertThat(latestCounts).containsExactlyInAnyOrderEntriesOf(
                    Map.of("gmail.com", 3L, "outlook.com", 2L, "yahoo.com", 1L));
            streams.close(Duration.ofSeconds(30));
        }
    }

    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> statuses = builder.stream(STATUSES,
                Consumed.with(Serdes.String(), Serdes.String()).withName("read-delivery-statuses"));
        statuses.mapValues(status -> status.toUpperCase(Locale.ROOT), Named.as("upper-case-status"))
                .to(STATUSES_UPPER_CASE, Produced.with(Serdes.String(), Serdes.String()).withName("write-upper-case-statuses"));
        KTable<String, Long> counts = statuses
                .groupByKey(Grouped.with("group-by-recipient-domain", Serdes.String(), Serdes.String()))
                .count(Named.as("count-statuses"),
                        Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("status-counts-store")
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Serdes.Long()));
        counts.toStream(Named.as("stream-status-counts"))
                .to(STATUS_COUNTS, Produced.with(Serdes.String(), Serdes.Long()).withName("write-status-counts"));
        return builder.build();
    }

    private Properties streamsProperties(EmbeddedKafka kafka) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "mailflow-embedded-eos-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        // Without the record cache every input record yields one count update, so the output size is exact.
        properties.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return properties;
    }

    /**
     * Reads committed records until {@code expected} arrived, then polls once more so that duplicates
     * would show. Fails unless exactly {@code expected} records were read.
     */
    private static <V> List<ConsumerRecord<String, V>> readCommitted(EmbeddedKafka kafka, String topic,
            Deserializer<V> valueDeserializer, int expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-verifier");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");

        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + OUTPUT_TIMEOUT.toNanos();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), valueDeserializer)) {
            consumer.subscribe(List.of(topic));
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        assertThat(records).as("committed records on %s within %d s", topic, OUTPUT_TIMEOUT.toSeconds())
                .hasSize(expected);
        return records;
    }
}
