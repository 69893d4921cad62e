package io.mailflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.embedded.EmbeddedKafka;
import io.mailflow.embedded.junit.EmbeddedServicesExtension;
import io.mailflow.ingest.ShipperSettings;
import io.mailflow.ingest.tail.TailSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ShipCommandTest {

    @TempDir
    Path dir;

    @Test
    void onceStartsNewFilesAtBeginning() {
        ShipperSettings settings = parse("--once", "--host", "mx1", "--state", dir.resolve("s").toString(), "a.log");

        assertThat(settings.tail().once()).isTrue();
        assertThat(settings.tail().startAt()).isEqualTo(TailSettings.StartPosition.BEGINNING);
        assertThat(settings.tail().files()).containsExactly(Path.of("a.log"));
        assertThat(settings.host()).isEqualTo("mx1");
        assertThat(settings.finite()).isTrue();
    }

    @Test
    void liveRunStartsNewFilesAtEnd() {
        ShipperSettings settings = parse("--host", "mx1", "--state", dir.resolve("s").toString(), "a.log", "-");

        assertThat(settings.tail().startAt()).isEqualTo(TailSettings.StartPosition.END);
        assertThat(settings.stdin()).isTrue();
        assertThat(settings.finite()).isFalse();
    }

    @Test
    void producerSettingsComeFromOptions() {
        ShipperSettings settings = parse("--host", "mx1", "-b", "k1:9092,k2:9092", "--topic", "raw", "--compression",
                "lz4", "--linger-ms", "20", "--buffer-bytes", "1048576", "--producer-property", "security.protocol=SSL",
                "-");

        assertThat(settings.sender().bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(settings.sender().topic()).isEqualTo("raw");
        assertThat(settings.sender().compression()).isEqualTo("lz4");
        assertThat(settings.sender().linger()).isEqualTo(Duration.ofMillis(20));
        assertThat(settings.sender().bufferBytes()).isEqualTo(1_048_576);
        assertThat(settings.sender().producerOverrides()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void syslogAddressWithoutHostIsUsageError() {
        StringWriter err = new StringWriter();

        int exitCode = execute(err, "ship", "--host", "mx1", "--syslog-tcp", ":5514");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("host:port");
    }

    @Test
    void watermarkOnEndlessRunIsUsageError() {
        StringWriter err = new StringWriter();

        int exitCode = execute(err, "ship", "--host", "mx1", "--watermark", "--syslog-tcp", "127.0.0.1:5514");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--watermark needs a run that ends");
    }

    @Test
    void nothingToShipIsUsageError() {
        StringWriter err = new StringWriter();

        int exitCode = execute(err, "ship", "--host", "mx1");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("nothing to ship");
    }

    @Test
    @Tag("integration")
    @ExtendWith(EmbeddedServicesExtension.class)
    void onceWithWatermarkShipsFileAndExitsZero(EmbeddedKafka kafka) throws Exception {
        String topic = "ship-command";
        kafka.createTopic(topic, 2);
        Path log = Files.writeString(dir.resolve("mail.log"),
                "Jun 10 09:28:17 mx1 postfix/qmgr[812]: 3F2A81C0D4: removed\n"
                        + "Jun 10 09:28:18 mx1 postfix/qmgr[812]: 3F2A81C0D5: removed\n");

        int exitCode = Main.execute("ship", "--once", "--watermark=1781083697000", "-b", kafka.bootstrapServers(),
                "--topic", topic, "--host", "mx1", "--state", dir.resolve("ship.state").toString(), log.toString());

        List<String> values = readValues(kafka.bootstrapServers(), topic);
        assertThat(exitCode).isZero();
        assertThat(values).containsExactlyInAnyOrder(
                "Jun 10 09:28:17 mx1 postfix/qmgr[812]: 3F2A81C0D4: removed",
                "Jun 10 09:28:18 mx1 postfix/qmgr[812]: 3F2A81C0D5: removed",
                "#mailflow-watermark 1781083697000",
                "#mailflow-watermark 1781083697000");
        assertThat(Files.readString(dir.resolve("ship.state"))).contains("\"offset\" : 118");
    }

    private ShipperSettings parse(String... args) {
        ShipCommand command = new ShipCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    private static int execute(StringWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(new StringWriter()));
        return commandLine.execute(args);
    }

    private static List<String> readValues(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long total = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
