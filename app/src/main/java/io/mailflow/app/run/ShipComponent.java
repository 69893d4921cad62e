package io.mailflow.app.run;

import io.mailflow.app.config.Configuration;
import io.mailflow.app.config.MailflowSettings;
import io.mailflow.ingest.Shipper;
import io.mailflow.ingest.ShipperCounters;
import io.mailflow.ingest.ShipperSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.function.ToLongFunction;

/**
 * The {@code ship} component of {@code mailflow run}: follows {@code ship.files} and {@code ship.globs}
 * into the raw topic through the same shipper as {@code mailflow ship}, and saves read positions in
 * {@code ship.state-file}.
 */
final class ShipComponent implements Component {

    private final ShipperSettings settings;
    private final ShipperCounters idleCounters = new ShipperCounters();
    private volatile Shipper shipper;
    private volatile ComponentState state = ComponentState.CREATED;

    ShipComponent(Configuration configuration) {
        this.settings = ShipperSettingsFactory.tailing(configuration);
    }

    @Override
    public String name() {
        return MailflowSettings.COMPONENT_SHIP;
    }

    @Override
    public void bindMetrics(MeterRegistry registry) {
        counter(registry, "mailflow.ship.lines.read", "Lines read from the shipped files", ShipperCounters::linesRead);
        counter(registry, "mailflow.ship.lines.sent", "Lines handed to the Kafka producer", ShipperCounters::linesSent);
        counter(registry, "mailflow.ship.lines.acknowledged", "Lines Kafka acknowledged", ShipperCounters::linesAcknowledged);
        counter(registry, "mailflow.ship.lines.truncated", "Lines cut at the maximum line length", ShipperCounters::linesTruncated);
        counter(registry, "mailflow.ship.lines.failed", "Lines Kafka did not take", ShipperCounters::linesFailed);
        Gauge.builder("mailflow.ship.buffered.bytes", this, component -> component.counters().bufferedBytes())
                .description("Bytes sent and not yet acknowledged")
                .baseUnit("bytes")
                .register(registry);
    }

    @Override
    public void start() throws Exception {
        state = ComponentState.STARTING;
        try {
            shipper = Shipper.start(settings, InputStream.nullInputStream(), Clock.systemUTC());
        } catch (Exception e) {
            state = ComponentState.FAILED;
            throw e;
        }
        state = ComponentState.RUNNING;
    }

    @Override
    public ComponentStatus status() {
        Shipper current = shipper;
        if (current != null && state == ComponentState.RUNNING && current.failure() != null) {
            return new ComponentStatus(name(), ComponentState.FAILED, current.failure().toString());
        }
        String detail = current == null ? null : current.blocked() ? "blocked: Kafka is not taking lines" : null;
        return new ComponentStatus(name(), state, detail);
    }

    @Override
    public void stop(Duration timeout) {
        state = ComponentState.STOPPING;
        Shipper current = shipper;
        if (current != null) {
            current.stop();
        }
        state = ComponentState.STOPPED;
    }

    private ShipperCounters counters() {
        Shipper current = shipper;
        return current == null ? idleCounters : current.counters();
    }

    private void counter(MeterRegistry registry, String name, String description, ToLongFunction<ShipperCounters> value) {
        FunctionCounter.builder(name, this, component -> value.applyAsLong(component.counters()))
                .description(description)
                .register(registry);
    }
}
