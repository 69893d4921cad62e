package io.mailflow.ingest.stdin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.ingest.OutgoingLine;
import io.mailflow.ingest.RecordingSink;
import io.mailflow.ingest.ShipperCounters;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamShipperTest {

    @Test
    void keysByJournaldHostnameOrDefault() throws Exception {
        String journald = "{\"_HOSTNAME\":\"mx7\",\"SYSLOG_IDENTIFIER\":\"postfix/smtp\",\"MESSAGE\":\"4BQ1: removed\"}";
        String plain = "Jun 10 09:28:17 mx1 postfix/qmgr[812]: 4BQ1: removed";
        String input = journald + "\n" + plain + "\n\n" + "last line";
        RecordingSink sink = RecordingSink.acknowledging();
        ShipperCounters counters = new ShipperCounters();

        long lines = new StreamShipper(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "stdin",
                "default-host", 1024, sink, counters).run();

        assertThat(lines).isEqualTo(4);
        assertThat(sink.values()).containsExactly(journald, plain, "last line");
        assertThat(sink.lines()).extracting(OutgoingLine::key).containsExactly("mx7", "default-host", "default-host");
        assertThat(counters.linesBlank()).isEqualTo(1);
    }

    @Test
    void overlongLineIsCutAndFlagged() throws Exception {
        RecordingSink sink = RecordingSink.acknowledging();
        ShipperCounters counters = new ShipperCounters();
        String input = "a".repeat(40) + "\n";

        new StreamShipper(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "stdin", "h", 16, sink,
                counters).run();

        assertThat(sink.lines().get(0).value()).isEqualTo("a".repeat(16));
        assertThat(sink.lines().get(0).originalLength()).isEqualTo(40);
        assertThat(counters.linesTruncated()).isEqualTo(1);
    }
}
