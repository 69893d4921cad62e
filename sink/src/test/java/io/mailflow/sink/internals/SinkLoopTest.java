package io.mailflow.sink.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mailflow.schemas.Alert;
import io.mailflow.schemas.AlertEvent;
import io.mailflow.schemas.AvroSerdes;
import io.mailflow.schemas.DeliveryStats;
import io.mailflow.sink.DeadLetterHeaders;
import io.mailflow.sink.SinkCounters;
import io.mailflow.sink.SinkSettings;
import io.mailflow.sink.TestRecords;
import io.mailflow.sink.mapping.AlertMapper;
import io.mailflow.sink.mapping.DeliveryStatsMapper;

class SinkLoopTest {

    private static final String STATS = "mailflow.stats.ip-provider";
    private static final String ALERTS = "mailflow.alerts";
    private static final TopicPartition STATS_0 = new TopicPartition(STATS, 0);
    private static final TopicPartition STATS_1 = new TopicPartition(STATS, 1);
    private static final TopicPartition ALERTS_0 = new TopicPartition(ALERTS, 0);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final FakeBulkSender elasticsearch = new FakeBulkSender();
    private final SinkCounters counters = new SinkCounters();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();

    private SinkLoop loop;

    @BeforeEach
    void assignPartitions() {
        loop = loop(new BulkLimits(3, 1_000_000, Duration.ofSeconds(1)), new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 3));
    }

    @Test
    void fullBufferIsIndexedAndCommitted() {
        String first = addStats(STATS_0, 1);
        String second = addStats(STATS_0, 2);
        String third = addStats(STATS_0, 3);

        loop.runOnce();

        assertThat(elasticsearch.indexed).containsOnlyKeys(doc(first), doc(second), doc(third));
        assertThat(committed(STATS_0)).isEqualTo(3);
        assertThat(counters.documentsIndexed()).isEqualTo(3);
    }

    @Test
    void nothingIsCommittedBeforeTheFlushInterval() {
        addStats(STATS_0, 1);

        loop.runOnce();

        assertThat(elasticsearch.requests).isEmpty();
        assertThat(committed(STATS_0)).isNull();

        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        loop.runOnce();

        assertThat(elasticsearch.requests).hasSize(1);
        assertThat(committed(STATS_0)).isEqualTo(1);
    }

    @Test
    void rejectedDocumentIsDeadLettered() {
        String good = addStats(STATS_0, 1);
        String bad = addStats(STATS_0, 2);
        String alsoGood = addStats(STATS_0, 3);
        elasticsearch.always(bad, 400);

        loop.runOnce();

        assertThat(elasticsearch.indexed).containsOnlyKeys(doc(good), doc(alsoGood));
        assertThat(producer.history()).hasSize(1);
        ProducerRecord<byte[], byte[]> deadLetter = producer.history().get(0);
        assertThat(deadLetter.topic()).isEqualTo("mailflow.sink.rejected");
        assertThat(new String(deadLetter.key(), StandardCharsets.UTF_8)).isEqualTo(bad);
        assertThat(deadLetter.value()).isEqualTo(statsBytes(2));
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).isEqualTo("document_parsing_exception");
        assertThat(header(deadLetter, DeadLetterHeaders.STATUS)).isEqualTo("400");
        assertThat(header(deadLetter, DeadLetterHeaders.DETAIL)).contains("destination.ip");
        assertThat(header(deadLetter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(STATS);
        assertThat(header(deadLetter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(deadLetter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(header(deadLetter, DeadLetterHeaders.DOCUMENT_ID)).isEqualTo(bad);
        assertThat(header(deadLetter, "origin")).isEqualTo("test");
        assertThat(committed(STATS_0)).isEqualTo(3);
        assertThat(counters.recordsRejectedByReason()).containsEntry("document_parsing_exception", 1L);
    }

    @Test
    void undecodableRecordIsDeadLetteredWithItsReason() {
        add(STATS_0, "broken".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});

        loop.runOnce();

        assertThat(producer.history()).hasSize(1);
        assertThat(header(producer.history().get(0), DeadLetterHeaders.REASON)).isEqualTo(TopicRoute.REASON_DECODE_FAILED);
        assertThat(header(producer.history().get(0), DeadLetterHeaders.STATUS)).isNull();
        assertThat(producer.history().get(0).value()).containsExactly(1, 2, 3);
        assertThat(committed(STATS_0)).isEqualTo(1);
    }

    @Test
    void emptyValueIsDeadLettered() {
        add(STATS_0, "tombstone".getBytes(StandardCharsets.UTF_8), null);

        loop.runOnce();

        assertThat(header(producer.history().get(0), DeadLetterHeaders.REASON)).isEqualTo(TopicRoute.REASON_EMPTY_VALUE);
        assertThat(committed(STATS_0)).isEqualTo(1);
    }

    @Test
    void outagePausesConsumptionAndLosesNothing() {
        elasticsearch.unavailable = true;
        String first = addStats(STATS_0, 1);
        String second = addStats(STATS_0, 2);
        String third = addStats(STATS_0, 3);

        loop.runOnce();

        assertThat(loop.backingOff()).isTrue();
        assertThat(consumer.paused()).containsExactlyInAnyOrder(STATS_0, STATS_1, ALERTS_0);
        assertThat(committed(STATS_0)).isNull();

        String arrivedDuringOutage = addStats(STATS_0, 4);
        for (int i = 0; i < 5; i++) {
            clock.addAndGet(Duration.ofSeconds(10).toNanos());
            loop.runOnce();
        }
        assertThat(loop.bufferedDocuments()).isEqualTo(3);
        assertThat(committed(STATS_0)).isNull();

        elasticsearch.unavailable = false;
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        loop.runOnce();

        assertThat(loop.backingOff()).isFalse();
        assertThat(consumer.paused()).isEmpty();
        assertThat(elasticsearch.indexed).containsOnlyKeys(doc(first), doc(second), doc(third));
        assertThat(committed(STATS_0)).isEqualTo(3);

        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        loop.runOnce();
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        loop.runOnce();

        assertThat(elasticsearch.indexed).containsKey(doc(arrivedDuringOutage));
        assertThat(committed(STATS_0)).isEqualTo(4);
        assertThat(counters.failedBulkRequests()).isEqualTo(6);
    }

    @Test
    void retryWaitsForBackoff() {
        elasticsearch.unavailable = true;
        addStats(STATS_0, 1);
        addStats(STATS_0, 2);
        addStats(STATS_0, 3);
        loop.runOnce();
        elasticsearch.unavailable = false;

        clock.addAndGet(Duration.ofMillis(99).toNanos());
        loop.runOnce();

        assertThat(elasticsearch.requests).isEmpty();

        clock.addAndGet(Duration.ofMillis(1).toNanos());
        loop.runOnce();

        assertThat(elasticsearch.requests).hasSize(1);
    }

    @Test
    void throttledDocumentHoldsBackCommit() {
        String throttled = addStats(STATS_0, 1);
        addStats(STATS_0, 2);
        addStats(STATS_0, 3);
        elasticsearch.script(throttled, 429);

        loop.runOnce();

        assertThat(elasticsearch.indexed).hasSize(2);
        assertThat(committed(STATS_0)).isNull();
        assertThat(loop.backingOff()).isTrue();

        clock.addAndGet(Duration.ofMillis(100).toNanos());
        loop.runOnce();

        assertThat(elasticsearch.indexed).containsKey(doc(throttled));
        assertThat(elasticsearch.requests.get(1)).containsExactly(throttled);
        assertThat(committed(STATS_0)).isEqualTo(3);
        assertThat(loop.backingOff()).isFalse();
        assertThat(counters.documentsRetried()).isEqualTo(1);
    }

    @Test
    void documentFailingEveryAttemptIsDeadLettered() {
        String failing = addStats(STATS_0, 1);
        addStats(STATS_0, 2);
        addStats(STATS_0, 3);
        elasticsearch.always(failing, 503);

        loop.runOnce();
        for (int i = 0; i < 5; i++) {
            clock.addAndGet(Duration.ofSeconds(5).toNanos());
            loop.runOnce();
        }

        assertThat(elasticsearch.requests.stream().filter(request -> request.contains(failing))).hasSize(3);
        assertThat(producer.history()).hasSize(1);
        assertThat(header(producer.history().get(0), DeadLetterHeaders.REASON)).isEqualTo("retries-exhausted");
        assertThat(header(producer.history().get(0), DeadLetterHeaders.STATUS)).isEqualTo("503");
        assertThat(committed(STATS_0)).isEqualTo(3);
        assertThat(loop.backingOff()).isFalse();
    }

    @Test
    void laterVersionOfADocumentReplacesTheBufferedOne() {
        String windowKey = addStats(STATS_0, 1, 10);
        addStats(STATS_0, 1, 25);
        addStats(STATS_0, 2);

        loop.runOnce();
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        loop.runOnce();

        assertThat(elasticsearch.requests).hasSize(1);
        assertThat(elasticsearch.requests.get(0)).hasSize(2);
        assertThat(elasticsearch.indexed.get(doc(windowKey))).contains("\"attempts\":25");
        assertThat(committed(STATS_0)).isEqualTo(3);
    }

    @Test
    void alertWaitsForBothDocuments() {
        Alert alert = TestRecords.alert(AlertEvent.OPEN).build();
        add(ALERTS_0, alert.getAlertId().getBytes(StandardCharsets.UTF_8), AvroSerdes.serde(Alert.class).serializer().serialize(ALERTS, alert));
        elasticsearch.always(AlertMapper.incidentId(alert), 400);

        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        loop.runOnce();
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        loop.runOnce();

        assertThat(elasticsearch.indexed).containsOnlyKeys("mailflow-alert-events-2026.06.10/" + AlertMapper.eventId(alert));
        assertThat(producer.history()).hasSize(1);
        assertThat(committed(ALERTS_0)).isEqualTo(1);
    }

    @Test
    void requestsStayWithinDocumentAndByteLimits() {
        loop = loop(new BulkLimits(2, 1_000_000, Duration.ofSeconds(1)), new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 3));
        for (int i = 1; i <= 5; i++) {
            addStats(STATS_0, i);
        }

        loop.runOnce();

        assertThat(elasticsearch.requests).extracting(List::size).containsExactly(2, 2, 1);

        SinkLoop bytesBound = loop(new BulkLimits(100, 1, Duration.ZERO), new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 3));
        elasticsearch.requests.clear();
        addStats(STATS_1, 1);
        addStats(STATS_1, 2);

        bytesBound.runOnce();

        assertThat(elasticsearch.requests).extracting(List::size).containsExactly(1, 1);
    }

    @Test
    void commitWaitsForEveryPartitionIndependently() {
        String slow = addStats(STATS_0, 1);
        addStats(STATS_1, 2);
        addStats(STATS_1, 3);
        elasticsearch.script(slow, 429);

        loop.runOnce();

        assertThat(committed(STATS_0)).isNull();
        assertThat(committed(STATS_1)).isEqualTo(2);
    }

    @Test
    void revokedPartitionLeavesTheBufferUncommitted() {
        elasticsearch.unavailable = true;
        addStats(STATS_0, 1);
        addStats(STATS_0, 2);
        addStats(STATS_1, 3);
        loop.runOnce();
        assertThat(loop.backingOff()).isTrue();

        consumer.rebalance(List.of(STATS_1, ALERTS_0));

        assertThat(loop.bufferedDocuments()).isEqualTo(1);
        assertThat(committed(STATS_0)).isNull();

        consumer.rebalance(List.of(ALERTS_0));

        assertThat(loop.bufferedDocuments()).isZero();
        assertThat(loop.backingOff()).isFalse();
        assertThat(loop.outstandingRecords()).isZero();
    }

    @Test
    void failedDeadLetterSendStopsTheLoopUncommitted() {
        MockProducer<byte[], byte[]> failing = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized void flush() {
                while (errorNext(new TimeoutException("Topic mailflow.sink.rejected not present in metadata after 60000 ms"))) {
                    // fail every pending send, as the producer does when its delivery timeout passes
                }
            }
        };
        SinkLoop failingLoop = new SinkLoop(consumer, elasticsearch, new DeadLetterPublisher(failing, "mailflow.sink.rejected"),
                routes(), new DocumentSerializer(), new BulkLimits(3, 1_000_000, Duration.ofSeconds(1)),
                new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 3), counters, clock::get, Duration.ZERO);
        failingLoop.subscribe();
        consumer.rebalance(List.of(STATS_0));
        add(STATS_0, "broken".getBytes(StandardCharsets.UTF_8), new byte[] {9});

        assertThatThrownBy(failingLoop::runOnce)
                .isInstanceOf(DeadLetterException.class)
                .hasMessageContaining("mailflow.sink.rejected");
        assertThat(committed(STATS_0)).isNull();
    }

    @Test
    void commitTimeoutIsRetriedWithTheNextCommit() {
        MockConsumer<byte[], byte[]> slowCoordinator = new MockConsumer<>("earliest") {
            private boolean timedOut;

            @Override
            public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
                if (!timedOut) {
                    timedOut = true;
                    throw new TimeoutException("Timeout of 60000ms expired before successfully committing offsets");
                }
                super.commitSync(offsets);
            }
        };
        SinkLoop timingOut = new SinkLoop(slowCoordinator, elasticsearch, new DeadLetterPublisher(producer, "mailflow.sink.rejected"),
                routes(), new DocumentSerializer(), new BulkLimits(1, 1_000_000, Duration.ofSeconds(1)),
                new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 3), counters, clock::get, Duration.ZERO);
        timingOut.subscribe();
        slowCoordinator.rebalance(List.of(STATS_0));
        slowCoordinator.updateBeginningOffsets(Map.of(STATS_0, 0L));
        DeliveryStats stats = stats(1, 40);
        slowCoordinator.addRecord(new ConsumerRecord<>(STATS, 0, 0, new byte[0],
                AvroSerdes.serde(DeliveryStats.class).serializer().serialize(STATS, stats)));

        timingOut.runOnce();

        assertThat(slowCoordinator.committed(Set.of(STATS_0)).get(STATS_0)).isNull();

        timingOut.runOnce();

        assertThat(slowCoordinator.committed(Set.of(STATS_0)).get(STATS_0).offset()).isEqualTo(1);
    }

    private SinkLoop loop(BulkLimits limits, RetryPolicy retry) {
        SinkLoop created = new SinkLoop(consumer, elasticsearch, new DeadLetterPublisher(producer, "mailflow.sink.rejected"),
                routes(), new DocumentSerializer(), limits, retry, counters, clock::get, Duration.ZERO);
        created.subscribe();
        consumer.rebalance(List.of(STATS_0, STATS_1, ALERTS_0));
        Map<TopicPartition, Long> beginning = Map.of(STATS_0, 0L, STATS_1, 0L, ALERTS_0, 0L);
        consumer.updateBeginningOffsets(beginning);
        return created;
    }

    private static List<TopicRoute<?>> routes() {
        SinkSettings settings = SinkSettings.fromMap(Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:9092",
                "elasticsearch.urls", "http://127.0.0.1:9200",
                "sink.deliveries.enabled", "false"));
        return TopicRoutes.fromSettings(settings);
    }

    /** Adds a statistics record whose window starts {@code window} minutes after the base window and returns its key, the document id. */
    private String addStats(TopicPartition partition, int window) {
        return addStats(partition, window, 40);
    }

    private String addStats(TopicPartition partition, int window, long attempts) {
        DeliveryStats stats = stats(window, attempts);
        String key = DeliveryStatsMapper.id(stats);
        add(partition, key.getBytes(StandardCharsets.UTF_8), AvroSerdes.serde(DeliveryStats.class).serializer().serialize(STATS, stats));
        return key;
    }

    private static DeliveryStats stats(int window, long attempts) {
        long start = TestRecords.WINDOW_START + window * 60_000L;
        return TestRecords.ipProviderStats().setWindowStart(start).setWindowEnd(start + 60_000).setWindowSizeMs(60_000)
                .setAttempts(attempts).build();
    }

    private static byte[] statsBytes(int window) {
        return AvroSerdes.serde(DeliveryStats.class).serializer().serialize(STATS, stats(window, 40));
    }

    private void add(TopicPartition partition, byte[] key, byte[] value) {
        long offset = nextOffsets.merge(partition, 1L, Long::sum) - 1;
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(partition.topic(), partition.partition(), offset, key, value);
        record.headers().add("origin", "test".getBytes(StandardCharsets.UTF_8));
        consumer.addRecord(record);
    }

    private Long committed(TopicPartition partition) {
        OffsetAndMetadata offset = consumer.committed(Set.of(partition)).get(partition);
        return offset == null ? null : offset.offset();
    }

    private static String doc(String id) {
        return "mailflow-stats-ip-provider-2026.06.10/" + id;
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
