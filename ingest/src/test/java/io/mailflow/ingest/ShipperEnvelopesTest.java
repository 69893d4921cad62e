package io.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.streams.parse.MaillogRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The envelope each shipped configuration documents in {@code deploy/shippers/<tool>/example-envelope.json}
 * must be accepted by the topology's parser with the host, program and queue id of its line.
 */
class ShipperEnvelopesTest {

    private static final Path SHIPPERS = Path.of(System.getProperty("basedir", "."))
            .resolve("../deploy/shippers").normalize();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"filebeat", "vector", "fluent-bit", "rsyslog"})
    void documentedEnvelopeParses(String tool) throws IOException {
        String envelope = Files.readString(SHIPPERS.resolve(tool).resolve("example-envelope.json")).strip();

        MaillogRecord record = Parsing.parsed(envelope);

        assertThat(record.host()).isEqualTo("mx1");
        assertThat(record.program()).isEqualTo("postfix/smtp");
        assertThat(record.pid()).isEqualTo(4711);
        assertThat(record.queueId()).isEqualTo("3F2A81C0D4");
    }
}
