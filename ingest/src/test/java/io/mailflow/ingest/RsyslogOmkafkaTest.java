package io.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailflow.embedded.EmbeddedKafka;
import io.mailflow.embedded.junit.EmbeddedServicesExtension;
import io.mailflow.streams.parse.MaillogRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shipped rsyslog configuration for real: rsyslogd in the foreground with its own work
 * folder, an imtcp input on 127.0.0.1 and {@code deploy/shippers/rsyslog/60-mailflow-kafka.conf}
 * pointed at the embedded broker. Skips when rsyslogd or its omkafka module is not installed
 * ({@code apt-get install rsyslog rsyslog-kafka}).
 */
@Tag("integration")
@ExtendWith(EmbeddedServicesExtension.class)
class RsyslogOmkafkaTest {

    private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
    private static final List<Path> MODULE_DIRS = List.of(Path.of("/usr/lib/x86_64-linux-gnu/rsyslog"),
            Path.of("/usr/lib/aarch64-linux-gnu/rsyslog"), Path.of("/usr/lib/rsyslog"), Path.of("/usr/lib64/rsyslog"));
    private static final String POSTFIX_LINE = "<22>Jun 10 09:28:17 mx1 postfix/smtp[4711]: 3F2A81C0D4: "
            + "to=<someone@b.example>, relay=mx.b.example[192.0.2.7]:25, delay=0.5, delays=0.1/0/0.2/0.2, dsn=2.0.0, "
            + "status=sent (250 2.0.0 OK 1781083697 x1si123)";
    private static final String POSTFIX_MESSAGE = POSTFIX_LINE.substring(POSTFIX_LINE.indexOf("3F2A81C0D4"));

    @TempDir
    Path dir;

    private Process rsyslogd;

    @AfterEach
    void stopRsyslogd() throws Exception {
        if (rsyslogd != null && rsyslogd.isAlive()) {
            rsyslogd.destroy();
            if (!rsyslogd.waitFor(10, TimeUnit.SECONDS)) {
                rsyslogd.destroyForcibly();
            }
        }
    }

    @Test
    void postfixLineArrivesAsKeyedEnvelope(EmbeddedKafka kafka) throws Exception {
        assumeTrue(Files.isExecutable(RSYSLOGD), "rsyslogd not installed: apt-get install rsyslog rsyslog-kafka");
        assumeTrue(omkafkaInstalled(), "rsyslog omkafka module not installed: apt-get install rsyslog-kafka");
        String topic = "rsyslog-omkafka";
        kafka.createTopic(topic, 1);
        int port = freePort();
        Path config = writeConfig(kafka.bootstrapServers(), topic, port);

        rsyslogd = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", config.toString(), "-i",
                dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("rsyslogd.out").toFile())
                .start();
        awaitListening(port);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((POSTFIX_LINE + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        List<ConsumerRecord<String, String>> records = awaitRecords(kafka, topic);

        assertThat(records).as("records in %s; rsyslogd output: %s", topic, rsyslogdOutput()).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        JsonNode envelope = new ObjectMapper().readTree(record.value());
        assertThat(record.key()).isEqualTo("mx1");
        assertThat(envelope.get("host").asText()).isEqualTo("mx1");
        assertThat(envelope.get("programname").asText()).isEqualTo("postfix/smtp");
        assertThat(envelope.get("procid").asText()).isEqualTo("4711");
        assertThat(envelope.get("msg").asText()).isEqualTo(POSTFIX_MESSAGE);
        assertThat(envelope.get("timestamp").asText()).matches("\\d{4}-06-10T09:28:17.*");

        MaillogRecord parsed = Parsing.parsed(record.value());
        assertThat(parsed.host()).isEqualTo("mx1");
        assertThat(parsed.program()).isEqualTo("postfix/smtp");
        assertThat(parsed.pid()).isEqualTo(4711);
        assertThat(parsed.queueId()).isEqualTo("3F2A81C0D4");
    }

    private Path writeConfig(String bootstrapServers, String topic, int port) throws IOException {
        Path deployed = Path.of(System.getProperty("basedir", "."))
                .resolve("../deploy/shippers/rsyslog/60-mailflow-kafka.conf").normalize();
        String dropIn = Files.readString(deployed)
                .replace("broker=[\"kafka1.example.net:9092\", \"kafka2.example.net:9092\"]",
                        "broker=[\"" + bootstrapServers + "\"]")
                .replace("topic=\"mailflow.maillog.raw\"", "topic=\"" + topic + "\"");
        assertThat(dropIn).contains(bootstrapServers).contains(topic);
        Path dropInFile = Files.writeString(dir.resolve("60-mailflow-kafka.conf"), dropIn);

        Path work = Files.createDirectories(dir.resolve("work"));
        String main = String.join("\n",
                "global(workDirectory=\"" + work + "\")",
                "module(load=\"imtcp\")",
                "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + port + "\")",
                "include(file=\"" + dropInFile + "\")",
                "");
        return Files.writeString(dir.resolve("rsyslog.conf"), main);
    }

    private void awaitListening(int port) throws Exception {
        TestShippers.await("rsyslogd to listen on 127.0.0.1:" + port, Duration.ofSeconds(20), () -> {
            if (!rsyslogd.isAlive()) {
                throw new AssertionError("rsyslogd exited with " + rsyslogd.exitValue() + ": " + rsyslogdOutput());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private static List<ConsumerRecord<String, String>> awaitRecords(EmbeddedKafka kafka, String topic)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<ConsumerRecord<String, String>> records = List.of();
        while (records.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            records = KafkaRecords.readAll(kafka.bootstrapServers(), topic);
        }
        return records;
    }

    private String rsyslogdOutput() {
        try {
            return Files.readString(dir.resolve("rsyslogd.out"));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static boolean omkafkaInstalled() {
        return MODULE_DIRS.stream().anyMatch(moduleDir -> Files.exists(moduleDir.resolve("omkafka.so")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
