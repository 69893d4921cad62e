package io.mailflow.app.run;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * mailflow's own counters of the streams application under stable names, such as
 * {@code mailflow_lines_parsed_total}: each is the sum of one of the topology's per-task sensors over
 * all tasks of this instance. The raw sensors also appear, per task, through Micrometer's Kafka
 * Streams binder as {@code kafka_stream_mailflow_*}.
 */
final class StreamsCounters {

    /** Metric group of the topology's sensors in {@link KafkaStreams#metrics()}. */
    static final String GROUP = "stream-mailflow-metrics";

    private StreamsCounters() {
    }

    static void bind(KafkaStreams streams, MeterRegistry registry) {
        counter(streams, registry, "mailflow.lines.parsed", "lines-parsed-total", "Raw lines parsed into maillog records");
        counter(streams, registry, "mailflow.lines.ignored", "lines-ignored-total",
                "Raw lines understood but not about mail flow, such as other daemons' lines");
        counter(streams, registry, "mailflow.lines.rejected", "lines-rejected-total",
                "Raw lines that could not be parsed and went to the rejected-lines topic");
        counter(streams, registry, "mailflow.watermarks", "watermarks-total", "End-of-input watermark lines received");
        counter(streams, registry, "mailflow.deliveries", "delivery-events-total", "Delivery attempts written");
        for (String event : new String[] {"open", "update", "resolve"}) {
            FunctionCounter.builder("mailflow.alerts", streams, instance -> total(instance, "alerts-" + event + "-total"))
                    .description("Alert events written")
                    .tag("event", event)
                    .register(registry);
        }
    }

    /** Returns the sum of one sensor's total over every task; 0 before the first record. */
    static double total(KafkaStreams streams, String metricName) {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
            MetricName name = entry.getKey();
            if (name.group().equals(GROUP) && name.name().equals(metricName)
                    && entry.getValue().metricValue() instanceof Number value) {
                sum += value.doubleValue();
            }
        }
        return sum;
    }

    private static void counter(KafkaStreams streams, MeterRegistry registry, String name, String metricName,
            String description) {
        FunctionCounter.builder(name, streams, instance -> total(instance, metricName))
                .description(description)
                .register(registry);
    }
}
