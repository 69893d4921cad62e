package io.mailflow.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.mailflow.streams.settings.InvalidSettingException;
import io.mailflow.streams.settings.Setting;
import io.mailflow.streams.settings.SettingType;
import io.mailflow.streams.settings.SettingValues;

/**
 * Run settings of {@link MailflowStreamsApp}: broker, application id, state folder, threads,
 * processing guarantee, commit interval and the topics it creates. Immutable. Each key is declared
 * once here with its type, default, unit and check.
 *
 * <p>Keys under {@link #KAFKA_PASSTHROUGH_PREFIX} are handed to Kafka Streams without the prefix,
 * for client settings mailflow does not declare, such as security settings.
 */
public final class StreamsAppSettings {

    /** Prefix of Kafka Streams and client settings passed through unchanged. */
    public static final String KAFKA_PASSTHROUGH_PREFIX = "mailflow.kafka.config.";

    public static final Setting<String> BOOTSTRAP_SERVERS = Setting.builder("mailflow.kafka.bootstrap-servers",
                    SettingType.STRING)
            .description("Kafka brokers to connect to, as host:port pairs separated by commas.")
            .check(Setting.notEmpty(), "a non-empty host:port list")
            .build();
    public static final Setting<String> APPLICATION_ID = Setting.builder("mailflow.streams.application-id",
                    SettingType.STRING)
            .defaultValue("mailflow")
            .description("Kafka Streams application id: the consumer group and the prefix of internal topics.")
            .check(id -> id.matches("[a-zA-Z0-9._-]+"), "letters, digits, '.', '_' and '-'")
            .build();
    public static final Setting<String> STATE_DIR = Setting.builder("mailflow.streams.state-dir", SettingType.STRING)
            .defaultValue("/var/lib/mailflow/streams")
            .description("Folder of the local state stores; it must survive restarts, or every restart "
                    + "restores all state from the changelog topics.")
            .check(Setting.notEmpty(), "a folder path")
            .build();
    public static final Setting<Integer> THREADS = Setting.builder("mailflow.streams.threads", SettingType.INT)
            .defaultValue(1)
            .unit("threads")
            .description("Stream threads of this instance.")
            .check(Setting.atLeast(1), "at least 1")
            .build();
    public static final Setting<String> PROCESSING_GUARANTEE = Setting.builder("mailflow.streams.processing-guarantee",
                    SettingType.STRING)
            .defaultValue("exactly_once_v2")
            .description("exactly_once_v2 keeps counts and alerts exact across restarts; at_least_once is for "
                    + "brokers without transactions.")
            .check(Setting.oneOf(List.of("exactly_once_v2", "at_least_once")), "exactly_once_v2 or at_least_once")
            .build();
    public static final Setting<Duration> COMMIT_INTERVAL = Setting.builder("mailflow.streams.commit-interval",
                    SettingType.DURATION)
            .defaultValue(Duration.ofMillis(200))
            .unit("wall-clock time")
            .description("How often results are committed. With exactly_once_v2 output becomes visible to "
                    + "readers only at a commit, and a line passes three commits (two repartitions and the "
                    + "output), so this bounds how fresh aggregates and alerts are.")
            .check(value -> value.compareTo(Duration.ofMillis(10)) >= 0 && value.compareTo(Duration.ofSeconds(1)) <= 0,
                    "between 10ms and 1s")
            .build();
    public static final Setting<Boolean> CREATE_TOPICS = Setting.builder("mailflow.topics.create", SettingType.BOOLEAN)
            .defaultValue(true)
            .description("Whether missing mailflow topics are created at start.")
            .build();
    public static final Setting<Integer> TOPIC_PARTITIONS = Setting.builder("mailflow.topics.partitions",
                    SettingType.INT)
            .defaultValue(3)
            .unit("partitions")
            .description("Partitions of each mailflow topic created at start; the repartition topics take the "
                    + "raw topic's count unless mailflow.internal.partitions is set.")
            .check(Setting.atLeast(1), "at least 1")
            .build();
    public static final Setting<Integer> TOPIC_REPLICATION_FACTOR = Setting.builder(
                    "mailflow.topics.replication-factor", SettingType.INT)
            .defaultValue(-1)
            .unit("replicas")
            .description("Replication factor of created topics and of internal topics; -1 takes the broker's "
                    + "default.replication.factor.")
            .check(value -> value == -1 || value >= 1, "-1 or at least 1")
            .build();

    /** Every setting of the application, in documentation order. */
    public static final List<Setting<?>> DEFINITIONS = List.of(BOOTSTRAP_SERVERS, APPLICATION_ID, STATE_DIR, THREADS,
            PROCESSING_GUARANTEE, COMMIT_INTERVAL, CREATE_TOPICS, TOPIC_PARTITIONS, TOPIC_REPLICATION_FACTOR);

    private final SettingValues values;
    private final Map<String, String> kafkaPassthrough;

    private StreamsAppSettings(SettingValues values, Map<String, String> kafkaPassthrough) {
        this.values = values;
        this.kafkaPassthrough = Map.copyOf(kafkaPassthrough);
    }

    /**
     * Reads settings from text keyed by {@link Setting#key()}, plus every key under
     * {@link #KAFKA_PASSTHROUGH_PREFIX}; other keys are ignored.
     *
     * @throws InvalidSettingException naming the first key whose value is missing or invalid
     */
    public static StreamsAppSettings fromText(Map<String, String> text) {
        Map<String, String> passthrough = new LinkedHashMap<>();
        text.forEach((key, value) -> {
            if (key.startsWith(KAFKA_PASSTHROUGH_PREFIX) && key.length() > KAFKA_PASSTHROUGH_PREFIX.length()) {
                passthrough.put(key.substring(KAFKA_PASSTHROUGH_PREFIX.length()), value);
            }
        });
        return new StreamsAppSettings(SettingValues.fromText(DEFINITIONS, text), passthrough);
    }

    /** Settings with every default and the given brokers. */
    public static StreamsAppSettings forBootstrapServers(String bootstrapServers) {
        return fromText(Map.of(BOOTSTRAP_SERVERS.key(), bootstrapServers));
    }

    public <T> T get(Setting<T> setting) {
        return values.get(setting);
    }

    /**
     * Returns a copy with one value replaced.
     *
     * @throws InvalidSettingException when the value is invalid
     */
    public <T> StreamsAppSettings with(Setting<T> setting, T value) {
        return new StreamsAppSettings(values.with(setting, value), kafkaPassthrough);
    }

    /** Returns a copy with one Kafka setting passed through, such as {@code security.protocol}. */
    public StreamsAppSettings withKafkaConfig(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(kafkaPassthrough);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new StreamsAppSettings(values, copy);
    }

    public String bootstrapServers() {
        return get(BOOTSTRAP_SERVERS);
    }

    public Path stateDir() {
        return Path.of(get(STATE_DIR));
    }

    /** Kafka settings passed through, without their prefix. */
    public Map<String, String> kafkaPassthrough() {
        return kafkaPassthrough;
    }

    @Override
    public String toString() {
        return "StreamsAppSettings" + values + " passthrough=" + kafkaPassthrough.keySet();
    }
}
