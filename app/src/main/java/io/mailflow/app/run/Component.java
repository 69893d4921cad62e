package io.mailflow.app.run;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * One part of a running mailflow instance: the streams application, the sink or the shipper.
 * Implementations are thread-safe: {@link #status()} is called by the HTTP thread while another thread
 * starts or stops the component.
 */
public interface Component {

    String name();

    /** Registers the component's meters; called once before {@link #start()}. */
    void bindMetrics(MeterRegistry registry);

    /**
     * Starts the component and returns once it runs, or throws when it cannot start.
     *
     * @throws Exception when starting fails; the cause names the server or file involved
     */
    void start() throws Exception;

    ComponentStatus status();

    /**
     * Stops the component, waiting at most {@code timeout} for in-flight work, such as the sink's
     * pending bulk requests. Never throws; problems are logged.
     */
    void stop(Duration timeout);
}
