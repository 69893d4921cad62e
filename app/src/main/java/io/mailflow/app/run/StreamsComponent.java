package io.mailflow.app.run;

import io.mailflow.app.config.Configuration;
import io.mailflow.app.config.MailflowSettings;
import io.mailflow.app.config.Setting;
import io.mailflow.app.config.TopologySettingsBridge;
import io.mailflow.app.kafka.KafkaClientProperties;
import io.mailflow.streams.MailflowRules;
import io.mailflow.streams.MailflowStreamsApp;
import io.mailflow.streams.StreamsAppSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code streams} component: the mailflow topology run by the topology module's
 * {@link MailflowStreamsApp}. An error that escapes a stream thread stops the whole Kafka Streams
 * client (the component turns FAILED), so that the process exits and its service manager restarts
 * it instead of running with fewer threads.
 */
final class StreamsComponent implements Component {

    private static final Logger log = LoggerFactory.getLogger(StreamsComponent.class);

    private final MailflowStreamsApp app;
    private volatile boolean everRunning;
    private volatile boolean started;
    private MeterRegistry registry;
    private KafkaStreamsMetrics streamsMetrics;

    StreamsComponent(Configuration configuration) {
        this.app = new MailflowStreamsApp(TopologySettingsBridge.topologySettings(configuration),
                StreamsAppSettings.fromText(appSettings(configuration)),
                MailflowRules.load(configuration.get(MailflowSettings.RULES_FILES)));
    }

    /**
     * Translates the configuration into the keys of {@link StreamsAppSettings}, with the Kafka security
     * properties passed through to every client of Kafka Streams.
     */
    static Map<String, String> appSettings(Configuration configuration) {
        Map<String, String> text = new LinkedHashMap<>();
        text.put(StreamsAppSettings.BOOTSTRAP_SERVERS.key(), String.join(",", configuration.get(MailflowSettings.KAFKA_BOOTSTRAP_SERVERS)));
        put(text, StreamsAppSettings.APPLICATION_ID.key(), configuration, MailflowSettings.STREAMS_APPLICATION_ID);
        put(text, StreamsAppSettings.STATE_DIR.key(), configuration, MailflowSettings.STREAMS_STATE_DIR);
        put(text, StreamsAppSettings.THREADS.key(), configuration, MailflowSettings.STREAMS_THREADS);
        put(text, StreamsAppSettings.PROCESSING_GUARANTEE.key(), configuration, MailflowSettings.STREAMS_PROCESSING_GUARANTEE);
        put(text, StreamsAppSettings.COMMIT_INTERVAL.key(), configuration, MailflowSettings.STREAMS_COMMIT_INTERVAL);
        put(text, StreamsAppSettings.CREATE_TOPICS.key(), configuration, MailflowSettings.TOPIC_CREATE);
        put(text, StreamsAppSettings.TOPIC_PARTITIONS.key(), configuration, MailflowSettings.TOPIC_PARTITIONS);
        text.put(StreamsAppSettings.TOPIC_REPLICATION_FACTOR.key(),
                String.valueOf(configuration.find(MailflowSettings.TOPIC_REPLICATION_FACTOR).orElse(-1)));
        KafkaClientProperties.asMap(configuration).forEach((key, value) -> {
            if (!key.equals("bootstrap.servers")) {
                text.put(StreamsAppSettings.KAFKA_PASSTHROUGH_PREFIX + key, String.valueOf(value));
            }
        });
        return text;
    }

    @Override
    public String name() {
        return MailflowSettings.COMPONENT_STREAMS;
    }

    /** Registers mailflow's counters now and Kafka Streams' own metrics once the client exists at start. */
    @Override
    public void bindMetrics(MeterRegistry meterRegistry) {
        this.registry = meterRegistry;
        StreamsCounters.bind(app, meterRegistry);
    }

    @Override
    public void start() {
        app.start();
        started = true;
        Optional<KafkaStreams> streams = app.kafkaStreams();
        if (registry != null && streams.isPresent()) {
            streamsMetrics = new KafkaStreamsMetrics(streams.get());
            streamsMetrics.bindTo(registry);
        }
    }

    @Override
    public ComponentStatus status() {
        Optional<KafkaStreams.State> state = app.state();
        if (state.isEmpty()) {
            // The application forgets its client on close.
            return new ComponentStatus(name(), started ? ComponentState.STOPPED : ComponentState.CREATED, null);
        }
        if (state.get() == KafkaStreams.State.RUNNING) {
            everRunning = true;
        }
        return switch (state.get()) {
            case CREATED -> new ComponentStatus(name(), ComponentState.CREATED, null);
            case REBALANCING -> everRunning
                    ? new ComponentStatus(name(), ComponentState.REBALANCING, "partitions are being assigned")
                    : new ComponentStatus(name(), ComponentState.STARTING, "joining the group and restoring state");
            case RUNNING -> new ComponentStatus(name(), ComponentState.RUNNING, null);
            case PENDING_SHUTDOWN -> new ComponentStatus(name(), ComponentState.STOPPING, null);
            case NOT_RUNNING -> new ComponentStatus(name(), ComponentState.STOPPED, null);
            case PENDING_ERROR, ERROR -> new ComponentStatus(name(), ComponentState.FAILED,
                    "a stream thread stopped on an error; the log has its stack trace");
        };
    }

    /** Stops the stream threads after they commit their current work; local state is kept for the next start. */
    @Override
    public void stop(Duration timeout) {
        app.close(timeout);
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        log.debug("Closed the streams application");
    }

    private static <T> void put(Map<String, String> text, String key, Configuration configuration, Setting<T> setting) {
        T value = configuration.get(setting);
        if (value != null) {
            text.put(key, setting.type().format(value));
        }
    }
}
