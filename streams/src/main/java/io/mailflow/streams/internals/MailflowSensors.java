package io.mailflow.streams.internals;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * Counters of one processor instance, registered as Kafka Streams sensors.
 *
 * <p>Each counter appears in {@code KafkaStreams.metrics()} in the group
 * {@code stream-mailflow-metrics} as {@code <operation>-total} and {@code <operation>-rate}, with the
 * tags {@code thread-id} and {@code mailflow-id} (the task id). Sensors are per task so that closing
 * one task's processor removes only its own; the totals of a metric are the sum over its tags.
 * Not thread-safe, like the processor that owns it.
 */
public final class MailflowSensors implements AutoCloseable {

    /** Scope of every mailflow sensor; the metric group is {@code stream-mailflow-metrics}. */
    public static final String SCOPE = "mailflow";

    /** Metric group of mailflow's counters in {@code KafkaStreams.metrics()}. */
    public static final String GROUP = "stream-" + SCOPE + "-metrics";

    private final StreamsMetrics metrics;
    private final String entity;
    private final Map<String, Sensor> sensors = new HashMap<>();

    public MailflowSensors(ProcessingContext context) {
        this.metrics = context.metrics();
        this.entity = context.taskId().toString();
    }

    /** Adds one to the counter of an operation, such as {@code lines-rejected}. */
    public void record(String operation) {
        sensor(operation).record();
    }

    private Sensor sensor(String operation) {
        return sensors.computeIfAbsent(operation,
                name -> metrics.addRateTotalSensor(SCOPE, entity, name, Sensor.RecordingLevel.INFO));
    }

    @Override
    public void close() {
        sensors.values().forEach(metrics::removeSensor);
        sensors.clear();
    }
}
