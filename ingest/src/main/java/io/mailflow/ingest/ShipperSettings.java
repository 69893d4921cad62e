package io.mailflow.ingest;

import io.mailflow.ingest.send.SenderSettings;
import io.mailflow.ingest.syslog.ListenAddress;
import io.mailflow.ingest.syslog.SyslogSettings;
import io.mailflow.ingest.tail.TailSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything one {@code mailflow ship} run does.
 *
 * @param sender Kafka settings
 * @param tail files to follow, or null for none
 * @param stdin true to ship standard input (the {@code -} argument)
 * @param syslogUdp address of the UDP syslog listener, or null for none
 * @param syslogTcp address of the TCP syslog listener, or null for none
 * @param syslog limits of the syslog listeners
 * @param host record key of lines from files, and of stdin lines that are not journald JSON
 * @param maxLineBytes standard input lines longer than this are cut and flagged
 * @param watermark true to send the watermark line to every partition at the end of a finite run
 * @param watermarkMs the watermark's epoch ms, or null for the time the run ends
 * @param statsInterval how often the counters are logged
 * @param stopTimeout how long a stop waits for Kafka to acknowledge lines in flight
 */
public record ShipperSettings(
        SenderSettings sender,
        TailSettings tail,
        boolean stdin,
        ListenAddress syslogUdp,
        ListenAddress syslogTcp,
        SyslogSettings syslog,
        String host,
        int maxLineBytes,
        boolean watermark,
        Long watermarkMs,
        Duration statsInterval,
        Duration stopTimeout) {

    public ShipperSettings {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(syslog, "syslog");
        Objects.requireNonNull(host, "host");
        if (tail == null && !stdin && syslogUdp == null && syslogTcp == null) {
            throw new IllegalArgumentException("nothing to ship: give a FILE, '-' for standard input, --glob, "
                    + "--syslog-udp or --syslog-tcp");
        }
        if (watermark && !finite(tail, stdin, syslogUdp, syslogTcp)) {
            throw new IllegalArgumentException("--watermark needs a run that ends: --once for files, or standard "
                    + "input, and no syslog listener");
        }
    }

    /** True when the run ends by itself: files read once and/or standard input, no listener. */
    public boolean finite() {
        return finite(tail, stdin, syslogUdp, syslogTcp);
    }

    private static boolean finite(TailSettings tail, boolean stdin, ListenAddress udp, ListenAddress tcp) {
        return udp == null && tcp == null && (tail == null || tail.once());
    }
}
