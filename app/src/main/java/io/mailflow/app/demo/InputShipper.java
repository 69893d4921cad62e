package io.mailflow.app.demo;

import io.mailflow.ingest.Shipper;
import io.mailflow.ingest.ShipperCounters;
import io.mailflow.ingest.ShipperSettings;
import io.mailflow.ingest.send.LineSender;
import io.mailflow.ingest.send.SenderSettings;
import io.mailflow.ingest.syslog.SyslogSettings;
import io.mailflow.ingest.tail.TailSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships finite input files into the raw topic through the code path of {@code mailflow ship --once}:
 * one shipper run per file, in the given order, so that the lines of one file are not interleaved
 * with another's. The end-of-input watermark is a separate step through the shipper's own sender
 * (see {@link #sendWatermarks}), because it must wait until the topology has processed the lines.
 */
final class InputShipper {

    private static final Logger log = LoggerFactory.getLogger(InputShipper.class);
    private static final Duration WATERMARK_TIMEOUT = Duration.ofMinutes(1);

    private final SenderSettings sender;
    private final Path stateDir;
    private final String key;
    private final AtomicLong finishedRunsAcknowledged = new AtomicLong();
    private final AtomicReference<Shipper> current = new AtomicReference<>();

    /**
     * @param sender the Kafka settings, with the raw topic
     * @param stateDir a folder for the read positions of these runs, which are thrown away
     * @param key the record key of every line
     */
    InputShipper(SenderSettings sender, Path stateDir, String key) {
        this.sender = sender;
        this.stateDir = stateDir;
        this.key = key;
    }

    /**
     * Ships every file from its first byte to its end and waits until Kafka acknowledged every line.
     *
     * @throws IOException when a file cannot be read
     * @throws IllegalStateException when Kafka does not take the lines
     */
    void ship(List<Path> files) throws IOException, InterruptedException {
        for (int i = 0; i < files.size(); i++) {
            shipOne(files.get(i), i);
        }
    }

    /**
     * Writes the end-of-input watermark to every partition of the raw topic, as {@code mailflow ship
     * --watermark} does at the end of a finite run.
     *
     * @param watermarkMs event time of the watermark, in epoch ms
     */
    void sendWatermarks(long watermarkMs) throws InterruptedException {
        try (LineSender watermarks = LineSender.create(sender, new ShipperCounters())) {
            watermarks.sendWatermarks(key, watermarkMs, WATERMARK_TIMEOUT);
        }
    }

    /** Returns the lines Kafka has acknowledged so far, over every run. */
    long linesShipped() {
        Shipper running = current.get();
        return finishedRunsAcknowledged.get() + (running == null ? 0 : running.counters().linesAcknowledged());
    }

    private void shipOne(Path file, int index) throws IOException, InterruptedException {
        TailSettings tail = TailSettings.of(List.of(file), List.of(), stateDir.resolve("positions-" + index + ".state"),
                key, TailSettings.StartPosition.BEGINNING, true, true);
        ShipperSettings settings = new ShipperSettings(sender, tail, false, null, null,
                new SyslogSettings(TailSettings.DEFAULT_MAX_LINE_BYTES, SyslogSettings.DEFAULT_MAX_CONNECTIONS), key,
                TailSettings.DEFAULT_MAX_LINE_BYTES, false, null, Duration.ofMinutes(1), Duration.ofSeconds(30));

        Shipper shipper = Shipper.start(settings, InputStream.nullInputStream(), Clock.systemUTC());
        current.set(shipper);
        try {
            if (!shipper.awaitCompletion()) {
                throw new IllegalStateException("Failed to ship " + file + " to Kafka at " + sender.bootstrapServers()
                        + ": " + shipper.failure());
            }
        } finally {
            shipper.stop();
            finishedRunsAcknowledged.addAndGet(shipper.counters().linesAcknowledged());
            current.set(null);
        }
        log.info("Shipped file={} lines={}", file, shipper.counters().linesAcknowledged());
    }
}
