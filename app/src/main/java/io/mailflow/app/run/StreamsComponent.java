package io.mailflow.app.run;

import io.mailflow.app.config.Configuration;
import io.mailflow.app.config.MailflowSettings;
import io.mailflow.app.config.TopologySettingsBridge;
import io.mailflow.app.kafka.KafkaClientProperties;
import io.mailflow.streams.MailflowRules;
import io.mailflow.streams.MailflowTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code streams} component: the mailflow topology in a {@link KafkaStreams} instance. An error
 * that escapes a stream thread stops the whole instance (the component turns FAILED), so that the
 * process exits and its service manager restarts it instead of running with fewer threads.
 */
final class StreamsComponent implements Component {

    private static final Logger log = LoggerFactory.getLogger(StreamsComponent.class);

    private final Configuration configuration;
    private final KafkaStreams streams;
    private volatile boolean everRunning;
    private volatile Throwable failure;
    private KafkaStreamsMetrics streamsMetrics;

    StreamsComponent(Configuration configuration) {
        this.configuration = configuration;
        Topology topology = MailflowTopology.build(TopologySettingsBridge.topologySettings(configuration),
                MailflowRules.load(configuration.get(MailflowSettings.RULES_FILES)));
        this.streams = new KafkaStreams(topology, streamsProperties(configuration));
        streams.setUncaughtExceptionHandler(this::onUncaughtException);
        streams.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.RUNNING) {
                everRunning = true;
            }
            log.info("Streams state changed from={} to={} applicationId={}", oldState, newState,
                    configuration.get(MailflowSettings.STREAMS_APPLICATION_ID));
        });
    }

    /** Returns the Kafka Streams configuration: connection, application id, state folder, threads and guarantee. */
    static Properties streamsProperties(Configuration configuration) {
        Properties properties = KafkaClientProperties.from(configuration);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, configuration.get(MailflowSettings.STREAMS_APPLICATION_ID));
        properties.put(StreamsConfig.STATE_DIR_CONFIG, configuration.get(MailflowSettings.STREAMS_STATE_DIR).toString());
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, configuration.get(MailflowSettings.STREAMS_THREADS));
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, configuration.get(MailflowSettings.STREAMS_PROCESSING_GUARANTEE));
        // The inventory and provider rules are global stores; this handler setting becomes the default in Kafka 5.0.
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        configuration.find(MailflowSettings.TOPIC_REPLICATION_FACTOR)
                .ifPresent(replicas -> properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicas));
        return properties;
    }

    @Override
    public String name() {
        return MailflowSettings.COMPONENT_STREAMS;
    }

    @Override
    public void bindMetrics(MeterRegistry registry) {
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        StreamsCounters.bind(streams, registry);
    }

    @Override
    public void start() {
        streams.start();
        log.info("Started Kafka Streams applicationId={} threads={} stateDir={}",
                configuration.get(MailflowSettings.STREAMS_APPLICATION_ID), configuration.get(MailflowSettings.STREAMS_THREADS),
                configuration.get(MailflowSettings.STREAMS_STATE_DIR));
    }

    @Override
    public ComponentStatus status() {
        KafkaStreams.State state = streams.state();
        return switch (state) {
            case CREATED -> new ComponentStatus(name(), ComponentState.CREATED, null);
            case REBALANCING -> everRunning
                    ? new ComponentStatus(name(), ComponentState.REBALANCING, "partitions are being assigned")
                    : new ComponentStatus(name(), ComponentState.STARTING, "joining the group and restoring state");
            case RUNNING -> new ComponentStatus(name(), ComponentState.RUNNING, null);
            case PENDING_SHUTDOWN -> new ComponentStatus(name(), ComponentState.STOPPING, null);
            case NOT_RUNNING -> failure == null
                    ? new ComponentStatus(name(), ComponentState.STOPPED, null)
                    : new ComponentStatus(name(), ComponentState.FAILED, failure.toString());
            case PENDING_ERROR, ERROR -> new ComponentStatus(name(), ComponentState.FAILED,
                    failure == null ? "stream threads died" : failure.toString());
        };
    }

    /** Stops the stream threads after they commit their current work, then closes the clients and state stores. */
    @Override
    public void stop(Duration timeout) {
        if (!streams.close(new KafkaStreams.CloseOptions().timeout(timeout))) {
            log.warn("Kafka Streams did not close within {} ms", timeout.toMillis());
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
    }

    private StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onUncaughtException(Throwable exception) {
        failure = exception;
        log.error("Stream thread failed; stopping the streams application: {}", exception.toString(), exception);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
