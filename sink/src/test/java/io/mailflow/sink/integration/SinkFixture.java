package io.mailflow.sink.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.elasticsearch.client.ResponseException;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.json.JsonData;
import io.mailflow.embedded.EmbeddedKafka;
import io.mailflow.schemas.AvroSerdes;
import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.SourceCoordinates;
import io.mailflow.sink.ElasticsearchConnection;
import io.mailflow.sink.SinkService;
import io.mailflow.sink.SinkSettings;
import io.mailflow.sink.TestRecords;

/**
 * Topics, settings and queries for one integration test. Each test gets its own topic names, and
 * writes events of its own UTC day, so that tests sharing one Kafka broker and one Elasticsearch node
 * never count each other's documents.
 */
final class SinkFixture implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    final EmbeddedKafka kafka;
    final String elasticsearchUrl;
    final String prefix;
    final ElasticsearchConnection elasticsearch;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<SinkService> services = new ArrayList<>();

    SinkFixture(EmbeddedKafka kafka, String elasticsearchUrl, String prefix) {
        this.kafka = kafka;
        this.elasticsearchUrl = elasticsearchUrl;
        this.prefix = prefix;
        this.elasticsearch = ElasticsearchConnection.open(settings("unused"));
        for (String topic : List.of(deliveriesTopic(), ipProviderTopic(), senderTopic(), alertsTopic())) {
            kafka.createTopic(topic, 2);
        }
        kafka.createTopic(rejectedTopic(), 1);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(config);
    }

    String deliveriesTopic() {
        return prefix + ".deliveries";
    }

    String ipProviderTopic() {
        return prefix + ".stats.ip-provider";
    }

    String senderTopic() {
        return prefix + ".stats.sender";
    }

    String alertsTopic() {
        return prefix + ".alerts";
    }

    String rejectedTopic() {
        return prefix + ".sink.rejected";
    }

    SinkSettings settings(String groupId) {
        Map<String, String> values = new HashMap<>();
        values.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        values.put("elasticsearch.urls", elasticsearchUrl);
        values.put("sink.group.id", groupId);
        values.put("topic.deliveries", deliveriesTopic());
        values.put("topic.stats.ip.provider", ipProviderTopic());
        values.put("topic.stats.sender", senderTopic());
        values.put("topic.alerts", alertsTopic());
        values.put("topic.sink.rejected", rejectedTopic());
        values.put("sink.bulk.max.documents", "50");
        values.put("sink.bulk.flush.interval", "200ms");
        values.put("sink.retry.max.backoff", "1s");
        values.put("elasticsearch.connect.timeout", "1s");
        return SinkSettings.fromMap(values);
    }

    /** Starts a sink and waits until it consumes; the fixture closes it. */
    SinkService startSink(String groupId) throws InterruptedException {
        SinkService sink = new SinkService(settings(groupId));
        services.add(sink);
        sink.start();
        if (!sink.awaitRunning(TIMEOUT)) {
            throw new AssertionError("Sink did not start: " + sink.state(), sink.failure());
        }
        return sink;
    }

    void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("Failed to produce to " + topic, e.getCause());
        }
    }

    /** Produces {@code count} deliveries of one UTC day, each a distinct attempt; returns them. */
    List<DeliveryEvent> sendDeliveries(Instant day, int first, int count) {
        List<DeliveryEvent> events = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            DeliveryEvent event = delivery(day, i);
            send(deliveriesTopic(), event.getSendingIp() + "|" + event.getProvider(), serialize(event));
            events.add(event);
        }
        return events;
    }

    static DeliveryEvent delivery(Instant day, int i) {
        long eventTime = day.toEpochMilli() + i * 1_000L;
        return TestRecords.deferral()
                .setQueueId(String.format("4B1C2%05X", i))
                .setRecipient("user" + i + "@gmail.com")
                .setEventTime(eventTime)
                .setTimestamp(Instant.ofEpochMilli(eventTime).toString())
                .setSendingIp(i % 2 == 0 ? "203.0.113.7" : "203.0.113.8")
                .setSource(SourceCoordinates.newBuilder().setTopic("mailflow.maillog.raw").setPartition(0).setOffset((long) i).build())
                .build();
    }

    static byte[] serialize(DeliveryEvent event) {
        return AvroSerdes.serde(DeliveryEvent.class).serializer().serialize("deliveries", event);
    }

    /**
     * Refreshes and counts the documents of an index, alias or pattern. Returns 0 when none matches,
     * and -1 while a new index has no started shard yet, because Elasticsearch responds 503 then.
     */
    long count(String index) {
        try {
            elasticsearch.client().indices().refresh(r -> r.index(index).allowNoIndices(true).ignoreUnavailable(true));
            return elasticsearch.client().count(c -> c.index(index).allowNoIndices(true).ignoreUnavailable(true)).count();
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 503) {
                return -1;
            }
            throw new UncheckedIOException(e);
        } catch (ElasticsearchException e) {
            if (e.status() == 503) {
                return -1;
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the source of one document, or null when it does not exist. */
    JsonData get(String index, String id) throws IOException {
        GetResponse<JsonData> response = elasticsearch.client().get(g -> g.index(index).id(id), JsonData.class);
        return response.found() ? response.source() : null;
    }

    /** Returns the committed offsets of a consumer group, per partition. */
    Map<TopicPartition, Long> committedOffsets(String groupId) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> result = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    result.put(partition, offset.offset());
                }
            });
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /** Returns the end offsets of the partitions of the given topics. */
    Map<TopicPartition, Long> endOffsets(List<String> topics) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
                    description.partitions().forEach(partition ->
                            request.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> result = new HashMap<>();
            admin.listOffsets(request).all().get().forEach((partition, info) -> result.put(partition, info.offset()));
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /** Sums the committed offsets of a group over the given topics. */
    long committedTotal(String groupId, List<String> topics) {
        return committedOffsets(groupId).entrySet().stream()
                .filter(entry -> topics.contains(entry.getKey().topic()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** Reads every record of the dead-letter topic. */
    List<ConsumerRecord<byte[], byte[]>> deadLetters(int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(rejectedTopic(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** Waits until the condition holds, checking every 200 ms. */
    static void await(String condition, BooleanSupplier check) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!check.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + TIMEOUT + " waiting until " + condition);
            }
            Thread.sleep(200);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @Override
    public void close() throws Exception {
        for (SinkService service : services) {
            service.close();
        }
        producer.close();
        elasticsearch.close();
    }
}
