package io.mailflow.embedded;

import io.mailflow.embedded.internals.Directories;
import io.mailflow.embedded.internals.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster in KRaft mode inside this JVM, built from Kafka's own production server
 * classes. One node acts as broker and controller, and both listeners bind to 127.0.0.1 only.
 *
 * <p>Internal topics (consumer offsets, transaction state, share-group state) use replication factor 1
 * and one partition, so transactions and {@code exactly_once_v2} work on the single node. Automatic
 * topic creation keeps Kafka's default (on), but callers should create their topics with
 * {@link #createTopic(String, int)} so that the partition count is explicit.
 *
 * <p>{@link #stop()} and {@link #restart()} keep the ports and the data, for tests of broker outages.
 * {@link #close()} stops the broker and deletes the data folder if this instance created it. A shutdown
 * hook closes it when the JVM exits without a call to {@link #close()}. All lifecycle methods are
 * thread-safe.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String LOOPBACK = "127.0.0.1";

    /** Kafka's 128 MiB default wastes test heap, and Kafka rejects values of 1 MiB and below. */
    private static final String DEDUPE_BUFFER_BYTES = String.valueOf(2 * 1024 * 1024);

    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Path dataDir;
    private final boolean ownsDataDir;
    private final int brokerPort;
    private final int controllerPort;
    private final KafkaConfig config;
    private final Thread shutdownHook;

    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(Path dataDir, boolean ownsDataDir, int brokerPort, int controllerPort,
            Map<String, String> overrides) {
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.config = KafkaConfig.fromProps(serverProperties(overrides), false);
        this.shutdownHook = new Thread(this::close, "embedded-kafka-shutdown-" + brokerPort);
    }

    /** Starts a broker on free ports with its data in a new temporary folder. */
    public static EmbeddedKafka start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Returns the {@code bootstrap.servers} value for clients, {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return LOOPBACK + ":" + brokerPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** Returns the folder with the metadata log and the topic partitions. */
    public Path dataDir() {
        return dataDir;
    }

    /** Creates a topic with replication factor 1 and waits until every partition has a leader. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Creates a topic with replication factor 1 and the given topic-level configuration (for example
     * {@code cleanup.policy=compact}) and waits until every partition has a leader.
     *
     * @throws IllegalStateException if the broker rejects the topic (it exists already, the
     *     configuration is invalid) or the partitions get no leader within 30 s
     */
    public void createTopic(String name, int partitions, Map<String, String> topicConfig) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topicConfig, "topicConfig");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }

        NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.of((short) 1)).configs(topicConfig);
        long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(adminProperties())) {
            admin.createTopics(List.of(topic)).all().get(TOPIC_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            awaitLeaders(admin, name, partitions, deadline);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Failed to create topic " + name + " on " + bootstrapServers()
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out after " + TOPIC_READY_TIMEOUT.toSeconds()
                    + " s creating topic " + name + " on " + bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        }
        log.info("Created topic topic={} partitions={} config={}", name, partitions, topicConfig);
    }

    /**
     * Shuts the broker down cleanly but keeps its ports and data, so that {@link #restart()} brings the
     * same cluster back. Does nothing if the broker is already stopped.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long started = System.nanoTime();
        KafkaRaftServer stopping = server;
        server = null;
        stopping.shutdown();
        stopping.awaitShutdown();
        log.info("Stopped Kafka broker bootstrap={} in {} ms", bootstrapServers(), elapsedMillis(started));
    }

    /** Starts the stopped broker again on the same ports with the same data. Does nothing if it runs. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " is closed");
        }
        if (server == null) {
            startServer();
        }
    }

    /** Stops the broker and deletes its data folder if this instance created it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            deleteOwnedDataDir();
            removeShutdownHook();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers() + ", controller port " + controllerPort + ", " + dataDir + "]";
    }

    private void deleteOwnedDataDir() {
        if (!ownsDataDir) {
            return;
        }
        try {
            Directories.deleteRecursively(dataDir);
        } catch (IOException e) {
            log.warn("Failed to delete Kafka data folder path={}", dataDir, e);
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down, possibly inside this very hook.
        }
    }

    private synchronized void startServer() {
        long started = System.nanoTime();
        boolean formatted = formatIfNeeded();
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            shutDownQuietly(starting);
            throw new IllegalStateException("Failed to start Kafka broker on " + bootstrapServers()
                    + " (controller port " + controllerPort + ", data " + dataDir + "): " + e.getMessage(), e);
        }
        server = starting;
        log.info("Started Kafka broker bootstrap={} controllerPort={} dataDir={} formatted={} in {} ms",
                bootstrapServers(), controllerPort, dataDir, formatted, elapsedMillis(started));
    }

    /** Formats an empty data folder as a new cluster. A folder formatted earlier keeps its cluster id. */
    private boolean formatIfNeeded() {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return false;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(config.metadataLogDir())
                .setDirectories(List.of(dataDir.toString()))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("Failed to format Kafka data folder " + dataDir + ": " + e.getMessage(), e);
        }
        log.debug("Formatted Kafka storage: {}", output.toString(StandardCharsets.UTF_8).trim());
        return true;
    }

    private Properties serverProperties(Map<String, String> overrides) {
        String brokerAddress = LOOPBACK + ":" + brokerPort;
        String controllerAddress = LOOPBACK + ":" + controllerPort;

        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(NODE_ID));
        properties.put("controller.quorum.voters", NODE_ID + "@" + controllerAddress);
        properties.put("listeners", BROKER_LISTENER + "://" + brokerAddress + "," + CONTROLLER_LISTENER + "://" + controllerAddress);
        properties.put("advertised.listeners", BROKER_LISTENER + "://" + brokerAddress);
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put("inter.broker.listener.name", BROKER_LISTENER);
        properties.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        properties.put("log.dirs", dataDir.toString());

        // One node cannot store three replicas, the default for internal topics. The default of 50
        // partitions each would only slow the first consumer group and transaction down.
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("share.coordinator.state.topic.num.partitions", "1");

        properties.put("log.cleaner.dedupe.buffer.size", DEDUPE_BUFFER_BYTES);
        // Consumer groups of tests join alone, so waiting 3 s for more members only delays them.
        properties.put("group.initial.rebalance.delay.ms", "0");

        properties.putAll(overrides);
        return properties;
    }

    private Properties adminProperties() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "mailflow-embedded-kafka-admin");
        return properties;
    }

    private static void awaitLeaders(Admin admin, String topic, int partitions, long deadline)
            throws InterruptedException, TimeoutException, ExecutionException {
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(remainingMillis(deadline), TimeUnit.MILLISECONDS)
                        .get(topic);
                if (hasAllLeaders(description, partitions)) {
                    return;
                }
            } catch (ExecutionException e) {
                // The broker's metadata cache may not contain a topic that the controller just created.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (remainingMillis(deadline) <= 0) {
                throw new TimeoutException("partitions of " + topic + " have no leader yet");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static boolean hasAllLeaders(TopicDescription description, int partitions) {
        List<TopicPartitionInfo> infos = description.partitions();
        return infos.size() == partitions && infos.stream().allMatch(info -> info.leader() != null);
    }

    private static long remainingMillis(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static long elapsedMillis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static void shutDownQuietly(KafkaRaftServer failed) {
        try {
            failed.shutdown();
            failed.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Failed to shut down a Kafka broker that did not start", e);
        }
    }

    /** Settings of a broker to start. Every setting is optional. */
    public static final class Builder {

        private Path dataDir;
        private int brokerPort;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Keeps the broker's data in this folder, which is created if missing and kept on close. A
         * folder formatted by an earlier broker is reused with its topics and records.
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** Listens for clients on this port of 127.0.0.1 instead of a free one. */
        public Builder brokerPort(int brokerPort) {
            if (brokerPort < 1 || brokerPort > 65535) {
                throw new IllegalArgumentException("brokerPort must be between 1 and 65535, got " + brokerPort);
            }
            this.brokerPort = brokerPort;
            return this;
        }

        /** Sets a broker property, overriding the defaults of this class (for example {@code num.partitions}). */
        public Builder property(String name, String value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Formats the data folder if it is new, starts the broker and waits until it is ready.
         *
         * @throws IllegalStateException if the broker fails to start. A temporary data folder is then deleted.
         */
        public EmbeddedKafka start() {
            boolean ownsDataDir = dataDir == null;
            Path folder;
            try {
                folder = ownsDataDir ? Files.createTempDirectory("mailflow-kafka-") : Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to create the Kafka data folder", e);
            }

            int port = brokerPort != 0 ? brokerPort : FreePorts.loopbackPort();
            int controllerPort = FreePorts.loopbackPort();
            while (controllerPort == port) {
                controllerPort = FreePorts.loopbackPort();
            }
            EmbeddedKafka kafka = new EmbeddedKafka(folder, ownsDataDir, port, controllerPort, properties);
            Runtime.getRuntime().addShutdownHook(kafka.shutdownHook);
            try {
                kafka.restart();
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            return kafka;
        }
    }
}
