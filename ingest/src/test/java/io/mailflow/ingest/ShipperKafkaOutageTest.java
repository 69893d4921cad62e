package io.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.embedded.EmbeddedKafka;
import io.mailflow.ingest.send.SenderSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka goes away while lines keep arriving: the shipper blocks with bounded memory and loses nothing. */
@Tag("integration")
class ShipperKafkaOutageTest {

    private static final int BEFORE_OUTAGE = 1_000;
    private static final int DURING_OUTAGE = 30_000;
    private static final long BUFFER_BYTES = 256 * 1024;

    @TempDir
    Path dir;

    @Test
    void outageBlocksThenShipsExactlyOnce() throws Exception {
        List<String> lines = ShipperRestartTest.lines(BEFORE_OUTAGE + DURING_OUTAGE);
        Path log = dir.resolve("mail.log");
        Files.write(log, lines.subList(0, BEFORE_OUTAGE), StandardCharsets.UTF_8);

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String topic = "ship-outage";
            kafka.createTopic(topic, 1);
            SenderSettings sender = SenderSettings.defaults(kafka.bootstrapServers()).withTopic(topic)
                    .withBufferBytes(BUFFER_BYTES).withMetadataWait(Duration.ofSeconds(1));
            Shipper shipper = Shipper.start(
                    TestShippers.files(sender, TestShippers.tail(log, dir.resolve("ship.state"), false)), null,
                    Clock.systemUTC());
            TestShippers.await("lines before the outage acknowledged", Duration.ofSeconds(60),
                    () -> shipper.counters().linesAcknowledged() == BEFORE_OUTAGE);

            kafka.stop();
            Files.write(log, lines.subList(BEFORE_OUTAGE, lines.size()), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            TestShippers.await("the reader to block", Duration.ofSeconds(60),
                    shipper::blocked);
            long readWhileBlocked = shipper.counters().linesRead();
            long bufferedWhileBlocked = shipper.counters().bufferedBytes();
            long acknowledgedWhileBlocked = shipper.counters().linesAcknowledged();

            kafka.restart();
            TestShippers.await("every line acknowledged", Duration.ofSeconds(120),
                    () -> shipper.counters().linesAcknowledged() == lines.size());
            shipper.stop();

            List<ConsumerRecord<String, String>> records = KafkaRecords.readAll(kafka.bootstrapServers(), topic);
            List<String> values = KafkaRecords.values(records);
            assertThat(bufferedWhileBlocked).isLessThanOrEqualTo(BUFFER_BYTES);
            assertThat(readWhileBlocked).isLessThan(lines.size());
            assertThat(acknowledgedWhileBlocked).isEqualTo(BEFORE_OUTAGE);
            assertThat(shipper.counters().blockedEpisodes()).isGreaterThanOrEqualTo(1);
            assertThat(shipper.failure()).isNull();
            assertThat(records).hasSize(lines.size());
            assertThat(new HashSet<>(values)).hasSize(lines.size());
            assertThat(values).containsExactlyElementsOf(lines);
        }
    }

    @Test
    void stopDuringOutageLosesNothing() throws Exception {
        List<String> lines = ShipperRestartTest.lines(BEFORE_OUTAGE + DURING_OUTAGE);
        Path log = dir.resolve("mail.log");
        Path state = dir.resolve("ship.state");
        Files.write(log, lines.subList(0, BEFORE_OUTAGE), StandardCharsets.UTF_8);

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String topic = "ship-stop-during-outage";
            kafka.createTopic(topic, 1);
            SenderSettings sender = SenderSettings.defaults(kafka.bootstrapServers()).withTopic(topic)
                    .withBufferBytes(BUFFER_BYTES).withMetadataWait(Duration.ofSeconds(1));
            Shipper first = Shipper.start(TestShippers.files(sender, TestShippers.tail(log, state, false),
                    Duration.ofSeconds(2)), null, Clock.systemUTC());
            TestShippers.await("lines before the outage acknowledged", Duration.ofSeconds(60),
                    () -> first.counters().linesAcknowledged() == BEFORE_OUTAGE);

            kafka.stop();
            Files.write(log, lines.subList(BEFORE_OUTAGE, lines.size()), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            TestShippers.await("the reader to block", Duration.ofSeconds(60), first::blocked);
            long stopStarted = System.nanoTime();
            first.stop();
            Duration stopTook = Duration.ofNanos(System.nanoTime() - stopStarted);

            kafka.restart();
            Shipper second = Shipper.start(TestShippers.files(sender, TestShippers.tail(log, state, true)), null,
                    Clock.systemUTC());
            boolean completed = second.awaitCompletion();
            second.stop();

            List<String> values = KafkaRecords.values(KafkaRecords.readAll(kafka.bootstrapServers(), topic));
            assertThat(stopTook).isLessThan(Duration.ofSeconds(30));
            assertThat(first.counters().linesAcknowledged()).isEqualTo(BEFORE_OUTAGE);
            assertThat(completed).isTrue();
            assertThat(values).hasSize(lines.size());
            assertThat(values).containsExactlyElementsOf(lines);
        }
    }
}
