package io.mailflow.ingest.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailflow.ingest.OutgoingLine;
import io.mailflow.ingest.ShipperCounters;
import io.mailflow.ingest.ShipperFailedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class LineSenderTest {

    private static final String TOPIC = "mailflow.maillog.raw";
    private static final Node NODE = new Node(1, "127.0.0.1", 9092);

    private final ShipperCounters counters = new ShipperCounters();

    @Test
    void acknowledgedLineRunsCallbackAndFreesBuffer() throws Exception {
        MockProducer<String, String> producer = producer(false, 1);
        LineSender sender = new LineSender(producer, TOPIC, 64 * 1024, Duration.ofSeconds(1), counters);
        AtomicInteger acknowledged = new AtomicInteger();

        sender.send(OutgoingLine.of("mx1", "Jun 10 09:28:17 mx1 postfix/qmgr[812]: 4BQ1: removed"),
                acknowledged::incrementAndGet);
        assertThat(counters.bufferedBytes()).isPositive();
        assertThat(acknowledged).hasValue(0);

        producer.completeNext();

        assertThat(acknowledged).hasValue(1);
        assertThat(counters.linesAcknowledged()).isEqualTo(1);
        assertThat(counters.bufferedBytes()).isZero();
        assertThat(sender.inFlight()).isZero();
        assertThat(producer.history().get(0).key()).isEqualTo("mx1");
    }

    @Test
    void fullBufferBlocksUntilAcknowledged() throws Exception {
        MockProducer<String, String> producer = producer(false, 1);
        LineSender sender = new LineSender(producer, TOPIC, 4096, Duration.ZERO, counters);
        String kilobyte = "x".repeat(1000);
        for (int i = 0; i < 3; i++) {
            sender.send(OutgoingLine.of("mx1", kilobyte), () -> { });
        }
        CountDownLatch fourthSent = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();

        Thread reader = new Thread(() -> {
            try {
                sender.send(OutgoingLine.of("mx1", kilobyte), () -> { });
                fourthSent.countDown();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        reader.start();

        assertThat(fourthSent.await(300, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(counters.bufferedBytes()).isLessThanOrEqualTo(4096);
        producer.completeNext();
        assertThat(fourthSent.await(10, TimeUnit.SECONDS)).isTrue();
        reader.join();
        assertThat(failure.get()).isNull();
        assertThat(counters.blockedEpisodes()).isEqualTo(1);
        assertThat(sender.blocked()).isFalse();
    }

    @Test
    void rejectedLineStopsSenderWithoutAcknowledging() throws Exception {
        MockProducer<String, String> producer = producer(false, 1);
        LineSender sender = new LineSender(producer, TOPIC, 64 * 1024, Duration.ofSeconds(1), counters);
        AtomicInteger acknowledged = new AtomicInteger();
        sender.send(OutgoingLine.of("mx1", "line"), acknowledged::incrementAndGet);

        producer.errorNext(new RecordTooLargeException("too large"));

        assertThat(acknowledged).hasValue(0);
        assertThat(sender.failure()).isInstanceOf(RecordTooLargeException.class);
        assertThat(counters.linesFailed()).isEqualTo(1);
        assertThatThrownBy(() -> sender.send(OutgoingLine.of("mx1", "next"), () -> { }))
                .isInstanceOf(ShipperFailedException.class);
        assertThat(sender.awaitAcknowledged(Duration.ofSeconds(1))).isFalse();
    }

    @Test
    void truncatedLineCarriesOriginalLengthHeader() throws Exception {
        MockProducer<String, String> producer = producer(true, 1);
        LineSender sender = new LineSender(producer, TOPIC, 64 * 1024, Duration.ofSeconds(1), counters);

        sender.send(new OutgoingLine("mx1", "cut line", 8, 70_000), () -> { });
        sender.send(OutgoingLine.of("mx1", "whole line"), () -> { });

        Header header = producer.history().get(0).headers().lastHeader(OutgoingLine.TRUNCATED_HEADER);
        assertThat(new String(header.value(), StandardCharsets.US_ASCII)).isEqualTo("70000");
        assertThat(producer.history().get(1).headers().lastHeader(OutgoingLine.TRUNCATED_HEADER)).isNull();
    }

    @Test
    void watermarkGoesToEveryPartition() throws Exception {
        MockProducer<String, String> producer = producer(true, 3);
        LineSender sender = new LineSender(producer, TOPIC, 64 * 1024, Duration.ofSeconds(1), counters);

        int partitions = sender.sendWatermarks("mx1", 1_781_083_697_000L, Duration.ofSeconds(5));

        assertThat(partitions).isEqualTo(3);
        assertThat(producer.history()).extracting(ProducerRecord::partition).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(producer.history()).extracting(ProducerRecord::value)
                .containsOnly("#mailflow-watermark 1781083697000");
    }

    @Test
    void metadataTimeoutIsRetried() throws Exception {
        MetadataTimeoutProducer producer = new MetadataTimeoutProducer(2);
        LineSender sender = new LineSender(producer, TOPIC, 64 * 1024, Duration.ofSeconds(1), counters);
        AtomicInteger acknowledged = new AtomicInteger();

        sender.send(OutgoingLine.of("mx1", "line"), acknowledged::incrementAndGet);

        assertThat(producer.history()).hasSize(1);
        assertThat(acknowledged).hasValue(1);
        assertThat(sender.failure()).isNull();
        assertThat(counters.linesSent()).isEqualTo(1);
        assertThat(counters.linesFailed()).isZero();
    }

    private static MockProducer<String, String> producer(boolean autoComplete, int partitions) {
        return new MockProducer<>(cluster(partitions), autoComplete, null, new StringSerializer(),
                new StringSerializer());
    }

    private static Cluster cluster(int partitions) {
        List<PartitionInfo> infos = new java.util.ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(TOPIC, p, NODE, new Node[] {NODE}, new Node[] {NODE}));
        }
        return new Cluster("test", List.of(NODE), infos, java.util.Set.of(), java.util.Set.of());
    }

    /** Reports a metadata timeout synchronously, as KafkaProducer does, for the first sends. */
    private static final class MetadataTimeoutProducer extends MockProducer<String, String> {

        private int timeoutsLeft;

        MetadataTimeoutProducer(int timeouts) {
            super(cluster(1), true, null, new StringSerializer(), new StringSerializer());
            this.timeoutsLeft = timeouts;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, String> record, Callback callback) {
            if (timeoutsLeft > 0) {
                timeoutsLeft--;
                TimeoutException timeout = new TimeoutException("Topic " + TOPIC + " not present in metadata after 10 ms.");
                callback.onCompletion(null, timeout);
                return CompletableFuture.failedFuture(timeout);
            }
            return super.send(record, callback);
        }
    }
}
