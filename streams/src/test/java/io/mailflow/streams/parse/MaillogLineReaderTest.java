package io.mailflow.streams.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

class MaillogLineReaderTest {

    @Test
    void readsPlainLinesAndDropsCarriageReturns() throws IOException {
        assertThat(lines("a\r\nb\n\nc".getBytes(StandardCharsets.UTF_8), 100)).containsExactly("a", "b", "", "c");
    }

    @Test
    void detectsGzipByMagicBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("first\nsecond\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(lines(bytes.toByteArray(), 100)).containsExactly("first", "second");
    }

    @Test
    void cutsLongLinesJustPastTheLimit() throws IOException {
        String huge = "x".repeat(100_000);

        List<String> lines = lines((huge + "\nnext\n").getBytes(StandardCharsets.UTF_8), 1000);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).hasSize(1001);
        assertThat(lines.get(1)).isEqualTo("next");
    }

    @Test
    void emptyInputHasNoLines() throws IOException {
        assertThat(lines(new byte[0], 100)).isEmpty();
    }

    private static List<String> lines(byte[] bytes, int maxLineLength) throws IOException {
        List<String> lines = new ArrayList<>();
        try (MaillogLineReader reader = new MaillogLineReader(new ByteArrayInputStream(bytes), maxLineLength)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
