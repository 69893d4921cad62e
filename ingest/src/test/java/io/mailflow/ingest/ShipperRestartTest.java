package io.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.embedded.EmbeddedKafka;
import io.mailflow.embedded.junit.EmbeddedServicesExtension;
import io.mailflow.ingest.send.SenderSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@ExtendWith(EmbeddedServicesExtension.class)
class ShipperRestartTest {

    private static final int LINES = 100_000;

    @TempDir
    Path dir;

    @Test
    void restartMidFileShipsEveryLineExactlyOnce(EmbeddedKafka kafka) throws Exception {
        String topic = "ship-restart";
        kafka.createTopic(topic, 3);
        Path log = dir.resolve("mail.log");
        List<String> lines = lines(LINES);
        Files.write(log, lines, StandardCharsets.UTF_8);
        SenderSettings sender = SenderSettings.defaults(kafka.bootstrapServers()).withTopic(topic)
                .withBufferBytes(256 * 1024);
        Path state = dir.resolve("ship.state");

        Shipper first = Shipper.start(TestShippers.files(sender, TestShippers.tail(log, state, false)), null,
                Clock.systemUTC());
        TestShippers.await("10000 acknowledged lines", Duration.ofSeconds(60),
                () -> first.counters().linesAcknowledged() >= 10_000);
        first.stop();
        long acknowledgedBeforeStop = first.counters().linesAcknowledged();

        Shipper second = Shipper.start(TestShippers.files(sender, TestShippers.tail(log, state, true)), null,
                Clock.systemUTC());
        boolean completed = second.awaitCompletion();
        second.stop();

        List<ConsumerRecord<String, String>> records = KafkaRecords.readAll(kafka.bootstrapServers(), topic);
        List<String> values = KafkaRecords.values(records);
        assertThat(acknowledgedBeforeStop).isBetween(10_000L, LINES - 1L);
        assertThat(completed).isTrue();
        assertThat(second.counters().linesAcknowledged()).isEqualTo(LINES - acknowledgedBeforeStop);
        assertThat(records).hasSize(LINES);
        assertThat(new HashSet<>(values)).hasSize(LINES);
        assertThat(values).containsExactlyElementsOf(lines);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly(TestShippers.HOST);
    }

    static List<String> lines(int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(String.format("Jun 10 09:%02d:%02d mx1 postfix/qmgr[812]: 4BQ%07X: removed (line %d)",
                    i / 60 % 60, i % 60, i, i));
        }
        return lines;
    }
}
