package io.mailflow.app.demo;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Shows the progress of a run on stderr: one line rewritten in place on a terminal, or a new line
 * every few seconds otherwise (CI logs, redirected output). The snapshot supplier is called from the
 * display's own thread.
 */
public final class ProgressDisplay implements AutoCloseable {

    private static final long TERMINAL_INTERVAL_MS = 250;
    private static final long LOG_INTERVAL_MS = 5_000;
    private static final String CLEAR_TO_END_OF_LINE = "\u001b[K";

    private final PrintStream out;
    private final boolean terminal;
    private final Supplier<ProgressSnapshot> snapshots;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService scheduler;
    private volatile String phase = "starting";
    private boolean closed;

    private ProgressDisplay(PrintStream out, boolean terminal, Supplier<ProgressSnapshot> snapshots) {
        this.out = out;
        this.terminal = terminal;
        this.snapshots = snapshots;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mailflow-progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts showing progress.
     *
     * @param terminal true to rewrite one line in place, false to print periodic lines
     */
    public static ProgressDisplay start(PrintStream out, boolean terminal, Supplier<ProgressSnapshot> snapshots) {
        ProgressDisplay display = new ProgressDisplay(out, terminal, snapshots);
        long interval = terminal ? TERMINAL_INTERVAL_MS : LOG_INTERVAL_MS;
        display.scheduler.scheduleWithFixedDelay(display::show, interval, interval, TimeUnit.MILLISECONDS);
        return display;
    }

    /** Returns true when stderr is most likely a terminal: the JVM has a console and TERM is not "dumb". */
    public static boolean stderrIsTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** Names the current step, such as "shipping" or "waiting for the last windows". */
    public void phase(String phase) {
        this.phase = phase;
    }

    /** Prints a message on a line of its own without garbling the progress line. */
    public synchronized void message(String message) {
        if (closed) {
            out.println(message);
            return;
        }
        if (terminal) {
            out.print("\r" + CLEAR_TO_END_OF_LINE);
        }
        out.println(message);
        out.flush();
    }

    /** Stops the display and leaves the last state on a line of its own. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            String line = render(snapshots.get());
            out.println(terminal ? "\r" + line + CLEAR_TO_END_OF_LINE : line);
            out.flush();
        }
    }

    private void show() {
        ProgressSnapshot snapshot;
        try {
            snapshot = snapshots.get();
        } catch (RuntimeException e) {
            // A count that cannot be read right now (Elasticsearch busy) shows up on the next tick.
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            String line = render(snapshot);
            if (terminal) {
                out.print("\r" + line + CLEAR_TO_END_OF_LINE);
            } else {
                out.println(line);
            }
            out.flush();
        }
    }

    String render(ProgressSnapshot snapshot) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
        String shipped = snapshot.linesTotal() >= 0
                ? String.format(Locale.ROOT, "%,d/%,d", snapshot.linesShipped(), snapshot.linesTotal())
                : String.format(Locale.ROOT, "%,d", snapshot.linesShipped());
        return String.format(Locale.ROOT,
                "[%3ds] %s | lines shipped %s, processed %,d | indexed %,d deliveries, %,d windows, %,d alerts",
                seconds, phase, shipped, snapshot.linesProcessed(), snapshot.deliveriesIndexed(),
                snapshot.windowsIndexed(), snapshot.alertsIndexed());
    }
}
