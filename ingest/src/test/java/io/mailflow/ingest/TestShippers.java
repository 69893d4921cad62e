package io.mailflow.ingest;

import io.mailflow.ingest.send.SenderSettings;
import io.mailflow.ingest.syslog.ListenAddress;
import io.mailflow.ingest.syslog.SyslogSettings;
import io.mailflow.ingest.tail.TailSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Settings and waits shared by the shipper's integration tests. */
public final class TestShippers {

    public static final String HOST = "mx1.example.net";

    private TestShippers() {
    }

    public static TailSettings tail(Path file, Path stateFile, boolean once) {
        return TailSettings.of(List.of(file), List.of(), stateFile, HOST, TailSettings.StartPosition.BEGINNING, false,
                once).withIntervals(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(100));
    }

    public static ShipperSettings files(SenderSettings sender, TailSettings tail) {
        return files(sender, tail, Duration.ofSeconds(20));
    }

    public static ShipperSettings files(SenderSettings sender, TailSettings tail, Duration stopTimeout) {
        return new ShipperSettings(sender, tail, false, null, null, syslog(), HOST, TailSettings.DEFAULT_MAX_LINE_BYTES,
                false, null, Duration.ofSeconds(30), stopTimeout);
    }

    public static ShipperSettings syslog(SenderSettings sender, ListenAddress udp, ListenAddress tcp,
            SyslogSettings syslog) {
        return new ShipperSettings(sender, null, false, udp, tcp, syslog, HOST, TailSettings.DEFAULT_MAX_LINE_BYTES,
                false, null, Duration.ofSeconds(30), Duration.ofSeconds(20));
    }

    public static SyslogSettings syslog() {
        return new SyslogSettings(TailSettings.DEFAULT_MAX_LINE_BYTES, SyslogSettings.DEFAULT_MAX_CONNECTIONS);
    }

    /** Polls {@code condition} every 20 ms until it holds, failing after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
