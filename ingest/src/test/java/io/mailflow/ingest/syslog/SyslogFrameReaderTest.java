package io.mailflow.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogFrameReaderTest {

    private static final String RFC5424 = "<22>1 2026-06-10T09:28:17Z mx1 postfix/smtp 4711 - - 4BQ1: removed";
    private static final String RFC3164 = "<22>Jun 10 09:28:17 mx1 postfix/smtp[4711]: 4BQ1: removed";

    @Test
    void readsOctetCountedMessages() throws IOException {
        String stream = counted(RFC5424) + counted(RFC3164);

        assertThat(texts(stream, 1024)).containsExactly(RFC5424, RFC3164);
    }

    @Test
    void readsNewlineFramedMessages() throws IOException {
        String stream = RFC3164 + "\n" + RFC5424 + "\r\n" + "last without line end";

        assertThat(texts(stream, 1024)).containsExactly(RFC3164, RFC5424, "last without line end");
    }

    @Test
    void framingIsChosenPerMessage() throws IOException {
        String stream = counted(RFC5424) + RFC3164 + "\n" + counted(RFC3164);

        assertThat(texts(stream, 1024)).containsExactly(RFC5424, RFC3164, RFC3164);
    }

    @Test
    void octetCountedMessageMayContainNewlines() throws IOException {
        String multiLine = "<22>1 - mx1 app - - - first\nsecond";

        assertThat(texts(counted(multiLine), 1024)).containsExactly(multiLine);
    }

    @Test
    void leadingDigitsWithoutSpaceAreNoLength() throws IOException {
        String stream = "2026-06-10T09:28:17Z mx1 postfix/smtp[1]: x\n12345\n";

        assertThat(texts(stream, 1024)).containsExactly("2026-06-10T09:28:17Z mx1 postfix/smtp[1]: x", "12345");
    }

    @Test
    void oversizedOctetCountedMessageIsCut() throws IOException {
        String big = "<22>1 - mx1 app - - - " + "y".repeat(200);
        SyslogFrameReader reader = reader(counted(big) + counted(RFC3164), 64);

        SyslogFrameReader.Frame cut = reader.next();
        SyslogFrameReader.Frame next = reader.next();

        assertThat(text(cut)).isEqualTo(big.substring(0, 64));
        assertThat(cut.originalLength()).isEqualTo(big.length());
        assertThat(text(next)).isEqualTo(RFC3164);
        assertThat(next.originalLength()).isEqualTo(-1);
    }

    @Test
    void oversizedNewlineFramedMessageIsCut() throws IOException {
        String big = "<22>Jun 10 09:28:17 mx1 app: " + "z".repeat(200);
        SyslogFrameReader reader = reader(big + "\n" + RFC3164 + "\n", 64);

        SyslogFrameReader.Frame cut = reader.next();
        SyslogFrameReader.Frame next = reader.next();

        assertThat(text(cut)).isEqualTo(big.substring(0, 64));
        assertThat(cut.originalLength()).isEqualTo(big.length());
        assertThat(text(next)).isEqualTo(RFC3164);
    }

    @Test
    void streamEndingInsideOctetCountedMessageFails() {
        SyslogFrameReader reader = reader("100 <22>1 - mx1 app - - - short", 1024);

        assertThatThrownBy(reader::next).isInstanceOf(IOException.class).hasMessageContaining("octet-counted");
    }

    private static String counted(String message) {
        return message.getBytes(StandardCharsets.UTF_8).length + " " + message;
    }

    private static List<String> texts(String stream, int maxBytes) throws IOException {
        SyslogFrameReader reader = reader(stream, maxBytes);
        List<String> texts = new ArrayList<>();
        SyslogFrameReader.Frame frame;
        while ((frame = reader.next()) != null) {
            texts.add(text(frame));
        }
        return texts;
    }

    private static SyslogFrameReader reader(String stream, int maxBytes) {
        return new SyslogFrameReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), maxBytes);
    }

    private static String text(SyslogFrameReader.Frame frame) {
        return new String(frame.bytes(), 0, frame.length(), StandardCharsets.UTF_8);
    }
}
