package io.mailflow.bench;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailflow.ingest.generate.AsciiLineWriter;
import io.mailflow.ingest.generate.GeneratorSettings;
import io.mailflow.ingest.generate.TrafficGenerator;

/**
 * Background traffic in real time: the generator's lines, stamped with the wall clock, appended to
 * one file per host at the moment of their event time, as Postfix and syslog would write them. The
 * latency probes run on top of this load.
 */
final class LiveLoad implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveLoad.class);

    // Lines per message of the generated traffic, to turn a line rate into a message rate.
    private static final double LINES_PER_MESSAGE = 7.6;
    private static final long AHEAD_TOLERANCE_NANOS = Duration.ofMillis(5).toNanos();
    private static final long FLUSH_INTERVAL_NANOS = Duration.ofMillis(10).toNanos();

    private final Path directory;
    private final Map<String, AsciiLineWriter> writers = new HashMap<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong lines = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private long lastFlushNanos = System.nanoTime();

    private LiveLoad(Path directory, GeneratorSettings settings) {
        this.directory = directory;
        this.thread = new Thread(() -> run(settings), "bench-live-load");
    }

    /** Starts appending about {@code linesPerSecond} lines per second to {@code directory/<host>.log} for {@code duration}. */
    static LiveLoad start(Path directory, long seed, double linesPerSecond, Duration duration) {
        GeneratorSettings settings = GeneratorSettings.builder()
                .seed(seed)
                .start(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .duration(duration)
                .hosts(BenchTraffic.HOSTS)
                .messagesPerSecond(linesPerSecond / LINES_PER_MESSAGE)
                .noIncidents()
                .isoTimestamps(true)
                .build();
        LiveLoad load = new LiveLoad(directory, settings);
        load.thread.start();
        return load;
    }

    long lines() {
        return lines.get();
    }

    private void run(GeneratorSettings settings) {
        try {
            new TrafficGenerator(settings).generate(this::append);
        } catch (StopRequested e) {
            LOG.debug("Live load stopped after lines={}", lines.get());
        } catch (RuntimeException e) {
            failure.set(e);
            LOG.error("Live load failed after lines={}", lines.get(), e);
        } finally {
            closeWriters();
        }
    }

    private void append(CharSequence line, String host) {
        if (stopping.get()) {
            throw new StopRequested();
        }
        waitForEventTime(line);
        writers.computeIfAbsent(host, this::open).accept(line, host);
        lines.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastFlushNanos >= FLUSH_INTERVAL_NANOS) {
            flushWriters();
            lastFlushNanos = now;
        }
    }

    // The line starts with its RFC 3339 timestamp; nothing is written before the wall clock reaches it.
    private void waitForEventTime(CharSequence line) {
        int space = indexOf(line, ' ');
        Instant eventTime = OffsetDateTime.parse(line.subSequence(0, space)).toInstant();
        long aheadNanos = Duration.between(Instant.now(), eventTime).toNanos();
        if (aheadNanos > AHEAD_TOLERANCE_NANOS) {
            flushWriters();
            try {
                Thread.sleep(aheadNanos / 1_000_000, (int) (aheadNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StopRequested();
            }
        }
    }

    private AsciiLineWriter open(String host) {
        Path file = directory.resolve(host + ".log");
        try {
            return new AsciiLineWriter(new FileOutputStream(file.toFile(), true));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to open " + file + " for appending", e);
        }
    }

    private void flushWriters() {
        for (AsciiLineWriter writer : writers.values()) {
            try {
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to append live load lines", e);
            }
        }
    }

    private void closeWriters() {
        for (AsciiLineWriter writer : writers.values()) {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.warn("Failed to close a live load file", e);
            }
        }
    }

    private static int indexOf(CharSequence text, char c) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        throw new IllegalStateException("generated line without a space: " + text);
    }

    /** Fails when the load thread failed. */
    void checkHealthy() {
        if (failure.get() != null) {
            throw new IllegalStateException("live load failed: " + failure.get().getMessage(), failure.get());
        }
    }

    @Override
    public void close() {
        stopping.set(true);
        thread.interrupt();
        Threads.join(thread);
    }

    /** Ends the generator's run from inside its sink. */
    private static final class StopRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopRequested() {
            super(null, null, false, false);
        }
    }
}
