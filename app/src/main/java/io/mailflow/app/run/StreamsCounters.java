package io.mailflow.app.run;

import io.mailflow.streams.MailflowStreamsApp;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * mailflow's own counters of the streams application under stable names, such as
 * {@code mailflow_lines_parsed_total}: each is one of the topology's per-task sensors summed over the
 * tasks of this instance ({@link MailflowStreamsApp#counters()}). The per-task sensors also appear
 * through Micrometer's Kafka Streams binder as {@code kafka_stream_mailflow_*}.
 */
final class StreamsCounters {

    private StreamsCounters() {
    }

    static void bind(MailflowStreamsApp app, MeterRegistry registry) {
        counter(app, registry, "mailflow.lines.parsed", "lines-parsed", "Raw lines parsed into maillog records");
        counter(app, registry, "mailflow.lines.ignored", "lines-ignored",
                "Raw lines understood but not about mail flow, such as other daemons' lines");
        counter(app, registry, "mailflow.lines.rejected", "lines-rejected",
                "Raw lines that could not be parsed and went to the rejected-lines topic");
        counter(app, registry, "mailflow.watermarks", "watermarks", "End-of-input watermark lines received");
        counter(app, registry, "mailflow.deliveries", "delivery-events", "Delivery attempts written");
        for (String event : new String[] {"open", "update", "resolve"}) {
            FunctionCounter.builder("mailflow.alerts", app, instance -> instance.counters().getOrDefault("alerts-" + event, 0.0))
                    .description("Alert events written")
                    .tag("event", event)
                    .register(registry);
        }
    }

    private static void counter(MailflowStreamsApp app, MeterRegistry registry, String name, String operation,
            String description) {
        FunctionCounter.builder(name, app, instance -> instance.counters().getOrDefault(operation, 0.0))
                .description(description)
                .register(registry);
    }
}
