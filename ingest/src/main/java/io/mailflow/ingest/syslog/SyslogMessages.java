package io.mailflow.ingest.syslog;

import io.mailflow.ingest.LineSink;
import io.mailflow.ingest.OutgoingLine;
import io.mailflow.ingest.ShipperCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns one received syslog message into an outgoing line keyed by its hostname. */
final class SyslogMessages {

    private static final Logger log = LoggerFactory.getLogger(SyslogMessages.class);

    private SyslogMessages() {
    }

    /**
     * Sends the message as received, keyed by its HOSTNAME field or, when it has none, by the
     * sender's IP address. Empty messages are counted as blank and not sent.
     */
    static void send(byte[] bytes, int length, int originalLength, String peerAddress, LineSink sink,
            ShipperCounters counters) throws InterruptedException {
        counters.lineRead(originalLength < 0 ? length : originalLength);
        if (length == 0) {
            counters.blankLine();
            return;
        }
        OutgoingLine line = OutgoingLine.decode(null, bytes, 0, length, originalLength);
        String host = SyslogHostField.extract(line.value());
        if (originalLength >= 0) {
            counters.lineTruncated();
            log.warn("Syslog message cut and flagged with header {}: peer={} host={} originalLength={}",
                    OutgoingLine.TRUNCATED_HEADER, peerAddress, host, originalLength);
        }
        sink.send(line.withKey(host == null ? peerAddress : host), () -> { });
    }
}
