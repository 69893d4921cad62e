package io.mailflow.app.run;

import io.mailflow.app.config.Configuration;
import io.mailflow.app.config.MailflowSettings;
import io.mailflow.app.http.StatusServer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running mailflow process: its components under a supervisor, the metrics registry and the
 * HTTP server of {@code /health} and {@code /metrics}. {@code mailflow run}, {@code demo} and
 * {@code replay} all run their pipeline through this class.
 */
public final class MailflowInstance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MailflowInstance.class);

    private final Configuration configuration;
    private final PrometheusMeterRegistry metrics;
    private final ComponentSupervisor supervisor;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private StatusServer statusServer;

    public MailflowInstance(Configuration configuration, List<Component> startOrder) {
        this.configuration = configuration;
        this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.supervisor = new ComponentSupervisor(startOrder, configuration.get(MailflowSettings.SHUTDOWN_TIMEOUT));
    }

    /**
     * Serves {@code /health} and {@code /metrics}, then starts the components in order.
     *
     * @throws Exception when the HTTP port cannot be bound or a component fails to start; whatever had
     *     started is stopped again
     */
    public void start() throws Exception {
        bindProcessMetrics();
        statusServer = StatusServer.start(configuration.get(MailflowSettings.HTTP_ADDRESS),
                configuration.get(MailflowSettings.HTTP_PORT), supervisor::statuses, metrics);
        for (Component component : supervisor.components()) {
            component.bindMetrics(metrics);
        }
        try {
            supervisor.startAll();
        } catch (Exception e) {
            closeHttp();
            throw e;
        }
    }

    /** Returns the port of {@code /health} and {@code /metrics}, useful when {@code http.port} is 0. */
    public int httpPort() {
        return statusServer.port();
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public List<ComponentStatus> statuses() {
        return supervisor.statuses();
    }

    /** Waits until {@link #close()} ran or a component failed; returns the failure, if any. */
    public Optional<ComponentStatus> awaitStopOrFailure() throws InterruptedException {
        return supervisor.awaitStopOrFailure(Duration.ofSeconds(1));
    }

    /** Stops the components in reverse start order, then the HTTP server. Safe to call more than once. */
    @Override
    public void close() {
        supervisor.stopAll();
        closeHttp();
        gcMetrics.close();
    }

    private synchronized void closeHttp() {
        if (statusServer != null) {
            statusServer.close();
            statusServer = null;
        }
    }

    private void bindProcessMetrics() {
        new ClassLoaderMetrics().bindTo(metrics);
        new JvmMemoryMetrics().bindTo(metrics);
        gcMetrics.bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        log.debug("Bound JVM and process metrics");
    }
}
