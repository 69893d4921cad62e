package io.mailflow.app.run;

import io.mailflow.app.config.Configuration;
import io.mailflow.app.config.MailflowSettings;
import io.mailflow.app.config.Setting;
import io.mailflow.app.kafka.KafkaClientProperties;
import io.mailflow.sink.SinkService;
import io.mailflow.sink.SinkSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sink} component: consumes the deliveries, statistics and alert topics and indexes them
 * in Elasticsearch through {@link SinkService}.
 */
final class SinkComponent implements Component {

    private static final Logger log = LoggerFactory.getLogger(SinkComponent.class);

    /** How long start waits for Elasticsearch before it returns and lets the sink keep retrying. */
    private static final Duration START_WAIT = Duration.ofSeconds(60);

    private final SinkSettings settings;
    private volatile SinkService service;
    private MicrometerSinkMetrics metrics;

    SinkComponent(Configuration configuration) {
        this.settings = SinkSettings.fromMap(sinkSettings(configuration));
    }

    /** Translates the configuration into the sink's own keys, including the Kafka security properties. */
    static Map<String, String> sinkSettings(Configuration configuration) {
        Map<String, String> settings = new LinkedHashMap<>();
        put(settings, SinkSettings.BOOTSTRAP_SERVERS.name(), configuration, MailflowSettings.KAFKA_BOOTSTRAP_SERVERS);
        put(settings, SinkSettings.GROUP_ID.name(), configuration, MailflowSettings.SINK_GROUP_ID);
        put(settings, SinkSettings.TOPIC_DELIVERIES.name(), configuration, MailflowSettings.TOPIC_DELIVERIES);
        put(settings, SinkSettings.TOPIC_IP_PROVIDER_STATS.name(), configuration, MailflowSettings.TOPIC_STATS_IP_PROVIDER);
        put(settings, SinkSettings.TOPIC_SENDER_STATS.name(), configuration, MailflowSettings.TOPIC_STATS_SENDER);
        put(settings, SinkSettings.TOPIC_ALERTS.name(), configuration, MailflowSettings.TOPIC_ALERTS);
        put(settings, SinkSettings.TOPIC_REJECTED.name(), configuration, MailflowSettings.TOPIC_SINK_REJECTED);
        put(settings, SinkSettings.DELIVERIES_ENABLED.name(), configuration, MailflowSettings.SINK_INDEX_DELIVERIES);
        put(settings, SinkSettings.ALERT_HISTORY_ENABLED.name(), configuration, MailflowSettings.SINK_ALERT_HISTORY);
        put(settings, SinkSettings.ELASTICSEARCH_URLS.name(), configuration, MailflowSettings.ELASTICSEARCH_URLS);
        put(settings, SinkSettings.ELASTICSEARCH_API_KEY.name(), configuration, MailflowSettings.ELASTICSEARCH_API_KEY);
        put(settings, SinkSettings.ELASTICSEARCH_USERNAME.name(), configuration, MailflowSettings.ELASTICSEARCH_USERNAME);
        put(settings, SinkSettings.ELASTICSEARCH_PASSWORD.name(), configuration, MailflowSettings.ELASTICSEARCH_PASSWORD);
        put(settings, SinkSettings.ELASTICSEARCH_CA_FILE.name(), configuration, MailflowSettings.ELASTICSEARCH_CA_FILE);
        put(settings, SinkSettings.ELASTICSEARCH_CONNECT_TIMEOUT.name(), configuration, MailflowSettings.ELASTICSEARCH_CONNECT_TIMEOUT);
        put(settings, SinkSettings.ELASTICSEARCH_SOCKET_TIMEOUT.name(), configuration, MailflowSettings.ELASTICSEARCH_SOCKET_TIMEOUT);
        put(settings, SinkSettings.INSTALL_TEMPLATES.name(), configuration, MailflowSettings.ELASTICSEARCH_INSTALL_TEMPLATES);
        put(settings, SinkSettings.BULK_MAX_DOCUMENTS.name(), configuration, MailflowSettings.SINK_BULK_MAX_DOCUMENTS);
        put(settings, SinkSettings.BULK_MAX_BYTES.name(), configuration, MailflowSettings.SINK_BULK_MAX_BYTES);
        put(settings, SinkSettings.BULK_FLUSH_INTERVAL.name(), configuration, MailflowSettings.SINK_BULK_FLUSH_INTERVAL);
        put(settings, SinkSettings.RETRY_INITIAL_BACKOFF.name(), configuration, MailflowSettings.SINK_RETRY_INITIAL_BACKOFF);
        put(settings, SinkSettings.RETRY_MAX_BACKOFF.name(), configuration, MailflowSettings.SINK_RETRY_MAX_BACKOFF);
        put(settings, SinkSettings.RETRY_MAX_DOCUMENT_ATTEMPTS.name(), configuration, MailflowSettings.SINK_RETRY_MAX_ATTEMPTS);

        KafkaClientProperties.asMap(configuration).forEach((key, value) -> {
            if (!key.equals("bootstrap.servers")) {
                settings.put(SinkSettings.KAFKA_PROPERTIES_PREFIX + key, String.valueOf(value));
            }
        });
        return settings;
    }

    SinkSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return MailflowSettings.COMPONENT_SINK;
    }

    @Override
    public void bindMetrics(MeterRegistry registry) {
        metrics = new MicrometerSinkMetrics(registry);
    }

    @Override
    public void start() throws Exception {
        SinkService starting = metrics == null ? new SinkService(settings) : new SinkService(settings, metrics);
        service = starting;
        starting.start();
        if (starting.awaitRunning(START_WAIT)) {
            return;
        }
        if (starting.state() == SinkService.State.FAILED) {
            throw new IllegalStateException("Sink failed to start: " + starting.failure(), starting.failure());
        }
        log.warn("Elasticsearch at {} did not respond within {} s; the sink keeps retrying and /health reports it STARTING",
                settings.elasticsearchUrls(), START_WAIT.toSeconds());
    }

    @Override
    public ComponentStatus status() {
        SinkService current = service;
        if (current == null) {
            return new ComponentStatus(name(), ComponentState.CREATED, null);
        }
        return switch (current.state()) {
            case CREATED -> new ComponentStatus(name(), ComponentState.CREATED, null);
            case STARTING -> new ComponentStatus(name(), ComponentState.STARTING, "waiting for Elasticsearch");
            case RUNNING -> new ComponentStatus(name(), ComponentState.RUNNING, null);
            case STOPPED -> new ComponentStatus(name(), ComponentState.STOPPED, null);
            case FAILED -> new ComponentStatus(name(), ComponentState.FAILED,
                    current.failure() == null ? null : current.failure().getMessage());
        };
    }

    /** Stops consuming, flushes what is buffered and commits what Elasticsearch acknowledged. */
    @Override
    public void stop(Duration timeout) {
        SinkService current = service;
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while stopping the sink");
        }
    }

    private static <T> void put(Map<String, String> settings, String sinkKey, Configuration configuration, Setting<T> setting) {
        T value = configuration.get(setting);
        if (value != null) {
            settings.put(sinkKey, setting.type().format(value));
        }
    }
}
