package io.mailflow.ingest;

import io.mailflow.ingest.send.LineSender;
import io.mailflow.ingest.stdin.StreamShipper;
import io.mailflow.ingest.syslog.SyslogTcpListener;
import io.mailflow.ingest.syslog.SyslogUdpListener;
import io.mailflow.ingest.tail.FileTailer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code mailflow ship}: the Kafka sender and every source of lines (files, standard
 * input, syslog listeners), each source on its own thread.
 *
 * <p>A finite run (files with {@code once}, standard input, no listener) ends by itself:
 * {@link #awaitCompletion()} waits until every line is acknowledged. Any run ends with
 * {@link #stop()}, which stops the sources, waits up to the stop timeout for lines in flight, saves
 * file positions and closes the producer. Lines not acknowledged by then keep their file position
 * unsaved and are sent again by the next run.
 */
public final class Shipper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Shipper.class);

    private final ShipperSettings settings;
    private final ShipperCounters counters;
    private final LineSender sender;
    private final AtomicReference<Throwable> sourceFailure = new AtomicReference<>();
    private final CountDownLatch finiteSourcesDone;
    private final ScheduledExecutorService statsLogger;
    private FileTailer tailer;
    private Thread tailerThread;
    private Thread stdinThread;
    private SyslogUdpListener udpListener;
    private SyslogTcpListener tcpListener;
    private boolean stopped;

    private Shipper(ShipperSettings settings, ShipperCounters counters, LineSender sender) {
        this.settings = settings;
        this.counters = counters;
        this.sender = sender;
        int finiteSources = (settings.tail() != null && settings.tail().once() ? 1 : 0) + (settings.stdin() ? 1 : 0);
        this.finiteSourcesDone = new CountDownLatch(finiteSources);
        this.statsLogger = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ship-stats");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts the producer and every configured source.
     *
     * @param stdin the stream read when {@link ShipperSettings#stdin()} is set
     * @throws IOException when a file cannot be opened or a listener cannot bind
     * @throws IllegalStateException when another shipper holds the state file
     */
    public static Shipper start(ShipperSettings settings, InputStream stdin, Clock clock) throws IOException {
        ShipperCounters counters = new ShipperCounters();
        LineSender sender = LineSender.create(settings.sender(), counters);
        Shipper shipper = new Shipper(settings, counters, sender);
        try {
            shipper.startSources(stdin, clock);
        } catch (IOException | RuntimeException e) {
            shipper.stop();
            throw e;
        }
        return shipper;
    }

    private void startSources(InputStream stdin, Clock clock) throws IOException {
        log.info("Shipper starting: host={} topic={} files={} globs={} stdin={} syslogUdp={} syslogTcp={}",
                settings.host(), settings.sender().topic(),
                settings.tail() == null ? "[]" : settings.tail().files(),
                settings.tail() == null ? "[]" : settings.tail().globs(), settings.stdin(), settings.syslogUdp(),
                settings.syslogTcp());
        if (settings.tail() != null) {
            tailer = FileTailer.open(settings.tail(), sender, counters, clock);
            tailerThread = startThread("ship-files", this::runTailer);
        }
        if (settings.stdin()) {
            stdinThread = startThread("ship-stdin", () -> runStdin(stdin));
        }
        if (settings.syslogUdp() != null) {
            udpListener = SyslogUdpListener.start(settings.syslogUdp(), settings.syslog(), sender, counters);
        }
        if (settings.syslogTcp() != null) {
            tcpListener = SyslogTcpListener.start(settings.syslogTcp(), settings.syslog(), sender, counters);
        }
        long statsMs = settings.statsInterval().toMillis();
        statsLogger.scheduleAtFixedRate(() -> log.info("Shipper counters: {}", counters.summary()), statsMs, statsMs,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until the finite sources reached their end and Kafka acknowledged every line, saves
     * positions, then sends the watermarks if configured. Waits as long as Kafka is away.
     *
     * @return true when every line was acknowledged; false when a line or a source failed
     * @throws IllegalStateException when the run has a source that never ends
     */
    public boolean awaitCompletion() throws InterruptedException {
        if (!settings.finite()) {
            throw new IllegalStateException("this run has a source that never ends; call stop()");
        }
        while (!finiteSourcesDone.await(1, TimeUnit.SECONDS)) {
            if (failure() != null) {
                return false;
            }
        }
        while (!sender.awaitAcknowledged(Duration.ofSeconds(30))) {
            if (failure() != null) {
                return false;
            }
            log.info("Waiting for Kafka to acknowledge the last lines: inFlight={} {}", sender.inFlight(),
                    counters.summary());
        }
        if (failure() != null) {
            return false;
        }
        if (tailer != null) {
            tailer.checkpoint();
        }
        if (settings.watermark()) {
            long watermarkMs = settings.watermarkMs() != null ? settings.watermarkMs() : System.currentTimeMillis();
            sender.sendWatermarks(settings.host(), watermarkMs, Duration.ofDays(1));
        }
        log.info("All lines acknowledged: {}", counters.summary());
        return true;
    }

    /** Blocks until a source or a line failed for good; returns that failure. */
    public Throwable awaitFailure() throws InterruptedException {
        while (failure() == null) {
            Thread.sleep(200);
        }
        return failure();
    }

    /** The first failure of a source or of a line, or null. */
    public Throwable failure() {
        Throwable failure = sender.failure();
        return failure != null ? failure : sourceFailure.get();
    }

    public ShipperCounters counters() {
        return counters;
    }

    /** Bound address of the TCP syslog listener, or null when there is none. */
    public InetSocketAddress syslogTcpAddress() {
        return tcpListener == null ? null : tcpListener.localAddress();
    }

    /** Bound address of the UDP syslog listener, or null when there is none. */
    public InetSocketAddress syslogUdpAddress() {
        return udpListener == null ? null : udpListener.localAddress();
    }

    /** True while readers are blocked because the send buffer is full. */
    public boolean blocked() {
        return sender.blocked();
    }

    public long bufferCapacityBytes() {
        return sender.bufferCapacityBytes();
    }

    /** Stops the sources, waits up to the stop timeout for lines in flight, saves positions, closes Kafka. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        log.info("Shipper stopping: {}", counters.summary());
        if (udpListener != null) {
            udpListener.close();
        }
        if (tcpListener != null) {
            tcpListener.close();
        }
        stopTailerThread();
        if (stdinThread != null) {
            // A read from standard input cannot be interrupted; the thread is a daemon and dies with the JVM.
            stdinThread.interrupt();
        }

        awaitInFlight();
        closeTailer();
        sender.close(Duration.ofSeconds(5));
        statsLogger.shutdownNow();
        log.info("Shipper stopped: {}", counters.summary());
    }

    @Override
    public void close() {
        stop();
    }

    private void stopTailerThread() {
        if (tailer == null) {
            return;
        }
        tailer.stop();
        try {
            tailerThread.join(settings.stopTimeout().toMillis());
            if (tailerThread.isAlive()) {
                // Blocked on a full send buffer while Kafka is away: lines not sent keep their position unsaved.
                tailerThread.interrupt();
                tailerThread.join(settings.stopTimeout().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitInFlight() {
        try {
            if (!sender.awaitAcknowledged(settings.stopTimeout())) {
                log.warn("Stopping with lines not acknowledged; file lines among them are sent again by the next run: "
                        + "inFlight={} stopTimeoutMs={}", sender.inFlight(), settings.stopTimeout().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeTailer() {
        if (tailer == null) {
            return;
        }
        try {
            tailer.close();
        } catch (IOException | RuntimeException e) {
            log.error("Saving positions at stop failed; the next run may send lines again: error={}", e.toString());
        }
    }

    private void runTailer() {
        try {
            tailer.run();
        } catch (InterruptedException e) {
            log.info("File tailer interrupted while stopping");
        } catch (ShipperFailedException e) {
            log.warn("File tailer stopped because sending to Kafka failed");
        } catch (RuntimeException e) {
            sourceFailure.compareAndSet(null, e);
            log.error("File tailer failed: error={}", e.toString(), e);
        } finally {
            if (settings.tail().once()) {
                finiteSourcesDone.countDown();
            }
        }
    }

    private void runStdin(InputStream stdin) {
        try {
            new StreamShipper(stdin, "stdin", settings.host(), settings.maxLineBytes(), sender, counters).run();
        } catch (InterruptedException e) {
            log.info("Standard input reader interrupted while stopping");
        } catch (ShipperFailedException e) {
            log.warn("Standard input reader stopped because sending to Kafka failed");
        } catch (IOException | RuntimeException e) {
            sourceFailure.compareAndSet(null, e);
            log.error("Reading standard input failed: error={}", e.toString());
        } finally {
            finiteSourcesDone.countDown();
        }
    }

    private static Thread startThread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
