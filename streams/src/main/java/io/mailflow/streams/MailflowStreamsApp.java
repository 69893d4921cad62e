package io.mailflow.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailflow.streams.internals.MailflowSensors;

/**
 * Runs the mailflow topology: creates the topics it needs, starts Kafka Streams with a persistent
 * state folder, exposes state and metrics, and closes cleanly.
 *
 * <p>Local state is never wiped at start: after a restart, Kafka Streams resumes from the state
 * folder and the changelogs, and with {@code exactly_once_v2} the results are those of an
 * uninterrupted run. A record of an input topic that cannot be deserialized is logged with its
 * topic, partition and offset and skipped (Kafka Streams counts it in {@code dropped-records});
 * any other error stops the client, whose state then turns to ERROR. Thread-safe.
 */
public final class MailflowStreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MailflowStreamsApp.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final StreamsAppSettings appSettings;
    private TopologySettings topologySettings;
    private final MailflowRules rules;
    private final CountDownLatch running = new CountDownLatch(1);
    private KafkaStreams streams;
    private Topology topology;

    public MailflowStreamsApp(TopologySettings topologySettings, StreamsAppSettings appSettings, MailflowRules rules) {
        this.topologySettings = Objects.requireNonNull(topologySettings, "topologySettings");
        this.appSettings = Objects.requireNonNull(appSettings, "appSettings");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * Creates missing topics (when configured), reads the partition count of the raw topic, builds
     * the topology and starts Kafka Streams.
     *
     * @throws IllegalStateException when already started
     * @throws MailflowStartException when the topics cannot be created or the raw topic is missing
     */
    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException("The mailflow streams application was already started");
        }
        try (Admin admin = Admin.create(adminProperties())) {
            if (appSettings.get(StreamsAppSettings.CREATE_TOPICS)) {
                createMissingTopics(admin);
            }
            int rawPartitions = partitionCount(admin, topologySettings.topics().maillogRaw().name());
            topologySettings = topologySettings.with(TopologySettings.INPUT_PARTITIONS, rawPartitions);
        }
        topology = MailflowTopology.build(topologySettings, rules);
        streams = new KafkaStreams(topology, streamsProperties());
        streams.setStateListener(this::onStateChange);
        streams.setUncaughtExceptionHandler(this::onUncaughtException);
        LOG.info("Starting mailflow streams applicationId={} bootstrapServers={} stateDir={}",
                appSettings.get(StreamsAppSettings.APPLICATION_ID), appSettings.bootstrapServers(),
                appSettings.stateDir());
        streams.start();
    }

    /** The Kafka Streams configuration this application runs with. */
    @SuppressWarnings("deprecation")
    public Properties streamsProperties() {
        Properties properties = new Properties();
        properties.putAll(appSettings.kafkaPassthrough());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, appSettings.get(StreamsAppSettings.APPLICATION_ID));
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, appSettings.bootstrapServers());
        properties.put(StreamsConfig.STATE_DIR_CONFIG, appSettings.stateDir().toString());
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, appSettings.get(StreamsAppSettings.THREADS));
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                appSettings.get(StreamsAppSettings.PROCESSING_GUARANTEE));
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                appSettings.get(StreamsAppSettings.COMMIT_INTERVAL).toMillis());
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG,
                appSettings.get(StreamsAppSettings.TOPIC_REPLICATION_FACTOR));
        properties.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        // Only set to silence the warning Kafka 4.4 logs for every configuration without it.
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return properties;
    }

    /** The Kafka Streams state, or empty before {@link #start()}. */
    public synchronized Optional<KafkaStreams.State> state() {
        return streams == null ? Optional.empty() : Optional.of(streams.state());
    }

    /**
     * Waits until Kafka Streams runs for the first time.
     *
     * @return false when the timeout passed first
     */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The running Kafka Streams instance, for binders that need it such as Micrometer's
     * {@code KafkaStreamsMetrics}; empty before {@link #start()}.
     */
    public synchronized Optional<KafkaStreams> kafkaStreams() {
        return Optional.ofNullable(streams);
    }

    /** All Kafka Streams metrics, mailflow's counters included; empty before {@link #start()}. */
    public synchronized Map<MetricName, ? extends Metric> metrics() {
        return streams == null ? Map.of() : streams.metrics();
    }

    /**
     * Mailflow's counters, such as {@code lines-rejected} or {@code ip-provider-late-attempts-dropped},
     * each summed over the tasks of this instance. A task moved to another instance takes its counts along.
     */
    public Map<String, Double> counters() {
        return counters(metrics());
    }

    /** Mailflow's counters in a metrics map, each summed over its tasks, by operation name. */
    public static Map<String, Double> counters(Map<MetricName, ? extends Metric> metrics) {
        Map<String, Double> counters = new TreeMap<>();
        metrics.forEach((name, metric) -> {
            if (name.group().equals(MailflowSensors.GROUP) && name.name().endsWith("-total")) {
                String operation = name.name().substring(0, name.name().length() - "-total".length());
                counters.merge(operation, ((Number) metric.metricValue()).doubleValue(), Double::sum);
            }
        });
        return counters;
    }

    /** The topology this application runs; null before {@link #start()}. */
    public synchronized Topology topology() {
        return topology;
    }

    /**
     * Closes Kafka Streams, waiting up to {@code timeout}; local state is kept for the next start.
     * The instance leaves its consumer group, so that a restart or another instance gets the tasks
     * at once instead of after the session timeout.
     */
    public synchronized void close(Duration timeout) {
        if (streams == null) {
            return;
        }
        LOG.info("Closing mailflow streams applicationId={}", appSettings.get(StreamsAppSettings.APPLICATION_ID));
        boolean closed = streams.close(CloseOptions.timeout(timeout)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        if (!closed) {
            LOG.warn("Kafka Streams did not close within timeout={}", timeout);
        }
        streams = null;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    private void onStateChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        LOG.info("Kafka Streams state change from={} to={}", oldState, newState);
        if (newState == KafkaStreams.State.RUNNING) {
            running.countDown();
        }
    }

    private StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onUncaughtException(Throwable error) {
        LOG.error("Stopping mailflow streams after an unexpected error", error);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private Properties adminProperties() {
        Properties adminProperties = new Properties();
        adminProperties.putAll(appSettings.kafkaPassthrough());
        adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, appSettings.bootstrapServers());
        return adminProperties;
    }

    /** Partitions of a topic, which watermark alignment needs to know. */
    private int partitionCount(Admin admin, String topic) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic);
            return description.partitions().size();
        } catch (ExecutionException | TimeoutException e) {
            throw new MailflowStartException("Failed to read the partitions of the raw topic " + topic + " on "
                    + appSettings.bootstrapServers() + "; create it or set " + StreamsAppSettings.CREATE_TOPICS.key()
                    + "=true: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailflowStartException("Interrupted while reading the partitions of " + topic, e);
        }
    }

    private void createMissingTopics(Admin admin) {
        try {
            Set<String> existing = admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topologySettings.topics().all()) {
                if (!existing.contains(topic.name())) {
                    missing.add(newTopic(topic));
                }
            }
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    LOG.info("Created topic name={} partitions={} config={}", topic.name(), topic.numPartitions(),
                            topic.configs());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new MailflowStartException("Failed to create the mailflow topics on "
                    + appSettings.bootstrapServers() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailflowStartException("Interrupted while creating the mailflow topics", e);
        }
    }

    private NewTopic newTopic(Topic<?, ?> topic) {
        int replicationFactor = appSettings.get(StreamsAppSettings.TOPIC_REPLICATION_FACTOR);
        NewTopic newTopic = new NewTopic(topic.name(), Optional.of(appSettings.get(StreamsAppSettings.TOPIC_PARTITIONS)),
                replicationFactor < 1 ? Optional.empty() : Optional.of((short) replicationFactor));
        if (topic.compacted()) {
            newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return newTopic;
    }
}
