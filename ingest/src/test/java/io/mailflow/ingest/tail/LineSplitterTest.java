package io.mailflow.ingest.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private record Line(String text, int originalLength, long endOffset) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final LineSplitter.LineHandler handler = (bytes, length, originalLength, endOffset) ->
            lines.add(new Line(new String(bytes, 0, length, StandardCharsets.UTF_8), originalLength, endOffset));

    @Test
    void splitsLinesAcrossFeedsWithEndOffsets() throws InterruptedException {
        LineSplitter splitter = new LineSplitter(64, 100);

        feed(splitter, "first line\nsec");
        feed(splitter, "ond line\r\nthi");

        assertThat(lines).containsExactly(new Line("first line", -1, 111), new Line("second line", -1, 124));
        assertThat(splitter.offset()).isEqualTo(127);
        assertThat(splitter.hasPartialLine()).isTrue();
    }

    @Test
    void finishEmitsUnterminatedLastLine() throws InterruptedException {
        LineSplitter splitter = new LineSplitter(64, 0);
        feed(splitter, "a\nlast");

        splitter.finish(handler);

        assertThat(lines).extracting(Line::text).containsExactly("a", "last");
        assertThat(lines.get(1).endOffset()).isEqualTo(6);
    }

    @Test
    void finishWithoutPartialLineEmitsNothing() throws InterruptedException {
        LineSplitter splitter = new LineSplitter(64, 0);
        feed(splitter, "a\n");

        splitter.finish(handler);

        assertThat(lines).hasSize(1);
    }

    @Test
    void blankLineIsReportedWithZeroLength() throws InterruptedException {
        LineSplitter splitter = new LineSplitter(64, 0);

        feed(splitter, "\n\r\nx\n");

        assertThat(lines).extracting(Line::text).containsExactly("", "", "x");
    }

    @Test
    void overlongLineIsCutAndReportsOriginalLength() throws InterruptedException {
        LineSplitter splitter = new LineSplitter(16, 0);
        String longLine = "0123456789abcdefghijklmnopqrstuvwxyz";

        feed(splitter, longLine.substring(0, 10));
        feed(splitter, longLine.substring(10) + "\nshort\n");

        assertThat(lines.get(0)).isEqualTo(new Line("0123456789abcdef", 36, 37));
        assertThat(lines.get(1)).isEqualTo(new Line("short", -1, 43));
    }

    @Test
    void cutNeverSplitsMultiByteCharacter() throws InterruptedException {
        LineSplitter splitter = new LineSplitter(16, 0);
        // 15 ASCII bytes, then a 2-byte character that would straddle the 16-byte limit.
        String line = "abcdefghijklmno\u00e9xyz";

        feed(splitter, line + "\n");

        assertThat(lines.get(0).text()).isEqualTo("abcdefghijklmno");
        assertThat(lines.get(0).originalLength()).isEqualTo(line.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void lineOfExactlyMaximumLengthIsNotCut() throws InterruptedException {
        LineSplitter splitter = new LineSplitter(16, 0);

        feed(splitter, "0123456789abcdef\r\n");

        assertThat(lines).containsExactly(new Line("0123456789abcdef", -1, 18));
    }

    private void feed(LineSplitter splitter, String text) throws InterruptedException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        splitter.feed(bytes, 0, bytes.length, handler);
    }
}
