package io.mailflow.ingest.stdin;

import io.mailflow.ingest.LineSink;
import io.mailflow.ingest.OutgoingLine;
import io.mailflow.ingest.ShipperCounters;
import io.mailflow.ingest.tail.LineSplitter;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships every line of a stream, such as standard input fed by {@code journalctl -o json -f}. A line
 * that is a journald JSON record is keyed by its {@code _HOSTNAME}; any other line by the default
 * host. A stream has no position to save: lines read but not acknowledged when the process dies are
 * lost, and a graceful stop waits for them.
 */
public final class StreamShipper {

    private static final Logger log = LoggerFactory.getLogger(StreamShipper.class);

    private final InputStream in;
    private final String name;
    private final String defaultHost;
    private final int maxLineBytes;
    private final LineSink sink;
    private final ShipperCounters counters;

    public StreamShipper(InputStream in, String name, String defaultHost, int maxLineBytes, LineSink sink,
            ShipperCounters counters) {
        this.in = in;
        this.name = name;
        this.defaultHost = defaultHost;
        this.maxLineBytes = maxLineBytes;
        this.sink = sink;
        this.counters = counters;
    }

    /** Reads to the end of the stream; the last line needs no line end. Returns the lines read. */
    public long run() throws IOException, InterruptedException {
        log.info("Reading lines from a stream: source={} defaultHost={}", name, defaultHost);
        LineSplitter splitter = new LineSplitter(maxLineBytes, 0);
        long[] lines = new long[1];
        LineSplitter.LineHandler handler = (bytes, length, originalLength, endOffset) -> {
            lines[0]++;
            send(bytes, length, originalLength, endOffset);
        };
        byte[] chunk = new byte[65536];
        int read;
        while ((read = in.read(chunk)) >= 0) {
            splitter.feed(chunk, 0, read, handler);
        }
        splitter.finish(handler);
        log.info("End of stream: source={} lines={} bytes={}", name, lines[0], splitter.offset());
        return lines[0];
    }

    private void send(byte[] bytes, int length, int originalLength, long endOffset) throws InterruptedException {
        counters.lineRead(originalLength < 0 ? length : originalLength);
        if (length == 0) {
            counters.blankLine();
            return;
        }
        OutgoingLine line = OutgoingLine.decode(null, bytes, 0, length, originalLength);
        String host = JournaldHostField.extract(line.value());
        if (originalLength >= 0) {
            counters.lineTruncated();
            log.warn("Line longer than {} bytes cut and flagged with header {}: source={} endOffset={} originalLength={}",
                    maxLineBytes, OutgoingLine.TRUNCATED_HEADER, name, endOffset, originalLength);
        }
        sink.send(line.withKey(host == null ? defaultHost : host), () -> { });
    }
}
