package io.mailflow.app.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts components in the given order and stops them in reverse order, each with a bounded time.
 * With the order sink, streams, ship, a shutdown stops the shipper first, then the streams
 * application, then the sink once it has flushed what the streams application wrote last.
 *
 * <p>Thread-safe: {@link #stopAll()} may run in a JVM shutdown hook while the main thread waits in
 * {@link #awaitStopOrFailure(Duration)}.
 */
public final class ComponentSupervisor {

    private static final Logger log = LoggerFactory.getLogger(ComponentSupervisor.class);

    /** Extra time on top of the stop timeout before a component that does not return is abandoned. */
    private static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);

    private final List<Component> startOrder;
    private final Duration stopTimeout;
    private final Duration stopGrace;
    private final List<Component> started = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean stopping;

    public ComponentSupervisor(List<Component> startOrder, Duration stopTimeout) {
        this(startOrder, stopTimeout, DEFAULT_STOP_GRACE);
    }

    ComponentSupervisor(List<Component> startOrder, Duration stopTimeout, Duration stopGrace) {
        this.startOrder = List.copyOf(startOrder);
        this.stopTimeout = stopTimeout;
        this.stopGrace = stopGrace;
    }

    public List<Component> components() {
        return startOrder;
    }

    /**
     * Starts every component in order. When one fails, the ones already started are stopped in
     * reverse order and the failure is rethrown.
     */
    public void startAll() throws Exception {
        for (Component component : startOrder) {
            synchronized (this) {
                if (stopping) {
                    log.info("Not starting component={} because shutdown began", component.name());
                    return;
                }
                started.add(component);
            }
            long begin = System.nanoTime();
            log.info("Starting component={}", component.name());
            try {
                component.start();
            } catch (Exception e) {
                log.error("Failed to start component={}: {}", component.name(), e.getMessage());
                stopAll();
                throw e;
            }
            log.info("Started component={} in {} ms", component.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
        }
    }

    public List<ComponentStatus> statuses() {
        return startOrder.stream().map(Component::status).toList();
    }

    /** Returns the first component that has failed, if any. */
    public Optional<ComponentStatus> firstFailure() {
        return statuses().stream().filter(status -> status.state() == ComponentState.FAILED).findFirst();
    }

    /**
     * Stops the started components in reverse start order, each within the stop timeout plus a short
     * grace. A component that does not return by then is abandoned with an error log, so that the
     * others still stop. Runs once; later calls wait for the first to finish.
     */
    public void stopAll() {
        List<Component> toStop;
        synchronized (this) {
            if (stopping) {
                awaitQuietly();
                return;
            }
            stopping = true;
            toStop = new ArrayList<>(started);
        }

        try {
            for (int i = toStop.size() - 1; i >= 0; i--) {
                stopOne(toStop.get(i));
            }
        } finally {
            stopped.countDown();
        }
    }

    /**
     * Waits until {@link #stopAll()} has finished or a component has failed, checking for failures
     * every {@code pollInterval}.
     *
     * @return the failed component's status, or empty after a regular stop
     */
    public Optional<ComponentStatus> awaitStopOrFailure(Duration pollInterval) throws InterruptedException {
        while (!stopped.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
            Optional<ComponentStatus> failure = firstFailure();
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }

    /** Stops one component on a thread of its own, so that one that hangs does not block the next. */
    private void stopOne(Component component) {
        ExecutorService stopper = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mailflow-stop-" + component.name());
            thread.setDaemon(true);
            return thread;
        });
        long begin = System.nanoTime();
        log.info("Stopping component={} timeout={} ms", component.name(), stopTimeout.toMillis());
        Future<?> stop = stopper.submit(() -> component.stop(stopTimeout));
        try {
            stop.get(stopTimeout.plus(stopGrace).toMillis(), TimeUnit.MILLISECONDS);
            log.info("Stopped component={} in {} ms", component.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
        } catch (TimeoutException e) {
            stop.cancel(true);
            log.error("Component={} did not stop within {} ms; continuing with the next one", component.name(),
                    stopTimeout.plus(stopGrace).toMillis());
        } catch (ExecutionException e) {
            log.error("Failed to stop component={}", component.name(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while stopping component={}", component.name());
        } finally {
            stopper.shutdownNow();
        }
    }

    private void awaitQuietly() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
