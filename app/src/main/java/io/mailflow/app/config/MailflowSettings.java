package io.mailflow.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import io.mailflow.streams.TopologySettings;

/**
 * Every setting of {@code mailflow run}, {@code demo} and {@code replay}, declared once. The README's
 * configuration table is generated from this list and a test keeps the two in sync.
 */
public final class MailflowSettings {

    /** Legal Kafka topic names: letters, digits, dots, underscores and dashes, at most 249 characters. */
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9._\\-]{1,249}");
    private static final String TOPIC_DESCRIPTION = "Kafka topic name (letters, digits, '.', '_', '-')";

    public static final String COMPONENT_STREAMS = "streams";
    public static final String COMPONENT_SINK = "sink";
    public static final String COMPONENT_SHIP = "ship";

    // Kafka

    public static final Setting<List<String>> KAFKA_BOOTSTRAP_SERVERS = Setting.builder("kafka.bootstrap.servers", SettingTypes.hostPortList())
            .defaultValue("127.0.0.1:9092")
            .description("Kafka brokers to connect to first.")
            .build();
    public static final Setting<String> KAFKA_SECURITY_PROTOCOL = Setting.builder("kafka.security.protocol",
                    SettingTypes.oneOf("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"))
            .defaultValue("PLAINTEXT")
            .description("Protocol of the Kafka connections.")
            .build();
    public static final Setting<String> KAFKA_SASL_MECHANISM = Setting.builder("kafka.sasl.mechanism",
                    SettingTypes.oneOf("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"))
            .defaultValue("SCRAM-SHA-512")
            .description("SASL mechanism when kafka.security.protocol is SASL_PLAINTEXT or SASL_SSL.")
            .build();
    public static final Setting<String> KAFKA_SASL_USERNAME = Setting.builder("kafka.sasl.username", SettingTypes.text())
            .description("SASL user name for Kafka.")
            .build();
    public static final Setting<String> KAFKA_SASL_PASSWORD = Setting.builder("kafka.sasl.password", SettingTypes.text())
            .description("SASL password for Kafka.")
            .secret()
            .build();
    public static final Setting<Path> KAFKA_SSL_CA_FILE = Setting.builder("kafka.ssl.ca-file", SettingTypes.path())
            .description("PEM file with the certificates that sign the brokers' certificates; unset uses the JVM's trust store.")
            .build();

    // Topics

    public static final Setting<String> TOPIC_RAW = TopologySettingsBridge.adapted(TopologySettings.TOPIC_MAILLOG_RAW);
    public static final Setting<String> TOPIC_REJECTED = TopologySettingsBridge.adapted(TopologySettings.TOPIC_MAILLOG_REJECTED);
    public static final Setting<String> TOPIC_INVENTORY = TopologySettingsBridge.adapted(TopologySettings.TOPIC_INVENTORY_HOSTS);
    public static final Setting<String> TOPIC_PROVIDERS = TopologySettingsBridge.adapted(TopologySettings.TOPIC_PROVIDERS);
    public static final Setting<String> TOPIC_DELIVERIES = TopologySettingsBridge.adapted(TopologySettings.TOPIC_DELIVERIES);
    public static final Setting<String> TOPIC_STATS_IP_PROVIDER = TopologySettingsBridge.adapted(TopologySettings.TOPIC_STATS_IP_PROVIDER);
    public static final Setting<String> TOPIC_STATS_SENDER = TopologySettingsBridge.adapted(TopologySettings.TOPIC_STATS_SENDER);
    public static final Setting<String> TOPIC_ALERTS = TopologySettingsBridge.adapted(TopologySettings.TOPIC_ALERTS);
    public static final Setting<String> TOPIC_SINK_REJECTED = topic("topic.sink-rejected", "mailflow.sink.rejected",
            "Dead letters of the sink: records Elasticsearch rejected, with status and reason in headers.");
    public static final Setting<Boolean> TOPIC_CREATE = Setting.builder("topic.create", SettingTypes.bool())
            .defaultValue("true")
            .description("Create missing topics at start; the inventory and provider topics are compacted.")
            .build();
    public static final Setting<Integer> TOPIC_PARTITIONS = Setting.builder("topic.partitions", SettingTypes.integer(1, 10_000))
            .defaultValue("6")
            .unit("partitions")
            .description("Partitions of the topics that mailflow creates; the raw topic's count bounds the streams parallelism.")
            .build();
    public static final Setting<Integer> TOPIC_REPLICATION_FACTOR = Setting.builder("topic.replication-factor", SettingTypes.integer(1, 32))
            .unit("replicas")
            .description("Replication factor of the topics that mailflow creates; unset uses the broker's default.replication.factor.")
            .build();

    // Streams

    public static final Setting<String> STREAMS_APPLICATION_ID = Setting.builder("streams.application-id",
                    SettingTypes.matching(TOPIC_NAME, "Kafka Streams application id (letters, digits, '.', '_', '-')"))
            .defaultValue("mailflow")
            .description("Kafka Streams application id: the consumer group and the prefix of internal topics.")
            .build();
    public static final Setting<Path> STREAMS_STATE_DIR = Setting.builder("streams.state-dir", SettingTypes.path())
            .defaultValue("/var/lib/mailflow/streams")
            .description("Folder of the local state stores; keep it on a persistent volume.")
            .build();
    public static final Setting<Integer> STREAMS_THREADS = Setting.builder("streams.threads", SettingTypes.integer(1, 64))
            .defaultValue("1")
            .unit("threads")
            .description("Stream threads of this instance.")
            .build();
    public static final Setting<String> STREAMS_PROCESSING_GUARANTEE = Setting.builder("streams.processing-guarantee",
                    SettingTypes.oneOf("exactly_once_v2", "at_least_once"))
            .defaultValue("exactly_once_v2")
            .description("Kafka Streams processing guarantee; exactly_once_v2 needs brokers with transactions.")
            .build();
    public static final Setting<ZoneId> PARSER_ZONE = TopologySettingsBridge.adapted(TopologySettings.PARSE_ZONE);
    public static final Setting<List<Path>> RULES_FILES = Setting.builder("rules.files", SettingTypes.pathList())
            .defaultValue("")
            .description("Operator rule files (YAML) with reply classification and provider rules, applied in order on top of the shipped ones; a rule replaces the shipped rule with the same id.")
            .build();

    // Elasticsearch

    public static final Setting<List<String>> ELASTICSEARCH_URLS = Setting.builder("elasticsearch.urls", SettingTypes.httpUrlList())
            .defaultValue("http://127.0.0.1:9200")
            .description("Elasticsearch nodes.")
            .build();
    public static final Setting<String> ELASTICSEARCH_API_KEY = Setting.builder("elasticsearch.api-key", SettingTypes.text())
            .description("Elasticsearch API key (the encoded form); excludes username and password.")
            .secret()
            .build();
    public static final Setting<String> ELASTICSEARCH_USERNAME = Setting.builder("elasticsearch.username", SettingTypes.text())
            .description("Elasticsearch user for basic authentication.")
            .build();
    public static final Setting<String> ELASTICSEARCH_PASSWORD = Setting.builder("elasticsearch.password", SettingTypes.text())
            .description("Password of elasticsearch.username.")
            .secret()
            .build();
    public static final Setting<Path> ELASTICSEARCH_CA_FILE = Setting.builder("elasticsearch.ca-file", SettingTypes.path())
            .description("PEM file with the certificate authority of Elasticsearch's HTTPS certificate; unset uses the JVM's trust store.")
            .build();

    public static final Setting<Duration> ELASTICSEARCH_CONNECT_TIMEOUT = Setting.builder("elasticsearch.connect-timeout",
                    SettingTypes.duration(Duration.ofMillis(100), Duration.ofMinutes(10)))
            .defaultValue("5s")
            .description("Time to open a connection to Elasticsearch.")
            .build();
    public static final Setting<Duration> ELASTICSEARCH_SOCKET_TIMEOUT = Setting.builder("elasticsearch.socket-timeout",
                    SettingTypes.duration(Duration.ofSeconds(1), Duration.ofHours(1)))
            .defaultValue("60s")
            .description("Time to wait for a response from Elasticsearch.")
            .build();
    public static final Setting<Boolean> ELASTICSEARCH_INSTALL_TEMPLATES = Setting.builder("elasticsearch.install-templates", SettingTypes.bool())
            .defaultValue("true")
            .description("Install the index templates and aliases at start; false when an operator manages them.")
            .build();

    // Sink

    public static final Setting<String> SINK_GROUP_ID = Setting.builder("sink.group-id", SettingTypes.text())
            .defaultValue("mailflow-sink")
            .description("Consumer group of the sink; its committed offsets mark what is indexed.")
            .build();
    public static final Setting<Boolean> SINK_INDEX_DELIVERIES = Setting.builder("sink.index-deliveries", SettingTypes.bool())
            .defaultValue("true")
            .description("Index one document per delivery attempt; false keeps only aggregates and alerts.")
            .build();
    public static final Setting<Boolean> SINK_ALERT_HISTORY = Setting.builder("sink.alert-history", SettingTypes.bool())
            .defaultValue("true")
            .description("Also keep every alert event (open, update, resolve) in mailflow-alert-events.")
            .build();
    public static final Setting<Integer> SINK_BULK_MAX_DOCUMENTS = Setting.builder("sink.bulk.max-documents", SettingTypes.integer(1, 100_000))
            .defaultValue("1000")
            .unit("documents")
            .description("Documents per bulk request.")
            .build();
    public static final Setting<Long> SINK_BULK_MAX_BYTES = Setting.builder("sink.bulk.max-bytes",
                    SettingTypes.size(1024, 1024L * 1024 * 1024))
            .defaultValue("5mb")
            .description("Estimated size of a bulk request.")
            .build();
    public static final Setting<Duration> SINK_BULK_FLUSH_INTERVAL = Setting.builder("sink.bulk.flush-interval",
                    SettingTypes.duration(Duration.ofMillis(10), Duration.ofMinutes(5)))
            .defaultValue("1s")
            .description("Longest time a document waits in the buffer before a bulk request.")
            .build();
    public static final Setting<Duration> SINK_RETRY_INITIAL_BACKOFF = Setting.builder("sink.retry.initial-backoff",
                    SettingTypes.duration(Duration.ofMillis(1), Duration.ofMinutes(5)))
            .defaultValue("100ms")
            .description("Delay before the first retry of a document Elasticsearch answered with 429 or 5xx; doubled after each failure.")
            .build();
    public static final Setting<Duration> SINK_RETRY_MAX_BACKOFF = Setting.builder("sink.retry.max-backoff",
                    SettingTypes.duration(Duration.ofMillis(1), Duration.ofHours(1)))
            .defaultValue("30s")
            .description("Longest delay between retries.")
            .build();
    public static final Setting<Integer> SINK_RETRY_MAX_ATTEMPTS = Setting.builder("sink.retry.max-attempts", SettingTypes.integer(1, 1000))
            .defaultValue("10")
            .unit("attempts")
            .description("Attempts of a document that keeps failing with 429 or 5xx before it goes to topic.sink-rejected.")
            .build();

    // HTTP

    public static final Setting<String> HTTP_ADDRESS = Setting.builder("http.address", SettingTypes.text())
            .defaultValue("127.0.0.1")
            .description("Address that /health and /metrics listen on; 0.0.0.0 listens on every interface.")
            .build();
    public static final Setting<Integer> HTTP_PORT = Setting.builder("http.port", SettingTypes.integer(0, 65535))
            .defaultValue("9400")
            .unit("port")
            .description("Port of /health and Prometheus /metrics; 0 picks a free port and logs it.")
            .build();

    // Components

    public static final Setting<List<String>> COMPONENTS = Setting.builder("components",
                    SettingTypes.subsetOf(COMPONENT_STREAMS, COMPONENT_SINK, COMPONENT_SHIP))
            .defaultValue(COMPONENT_STREAMS + "," + COMPONENT_SINK)
            .description("Components this instance runs.")
            .build();
    public static final Setting<List<Path>> SHIP_FILES = Setting.builder("ship.files", SettingTypes.pathList())
            .defaultValue("")
            .description("Maillog files that the ship component follows into topic.maillog-raw; components with ship needs these or ship.globs.")
            .build();
    public static final Setting<List<String>> SHIP_GLOBS = Setting.builder("ship.globs", SettingTypes.textList())
            .defaultValue("")
            .description("Patterns of further files to ship, with wildcards in the file name only, such as /var/log/mail.log.*.gz; checked again every few seconds.")
            .build();
    public static final Setting<Path> SHIP_STATE_FILE = Setting.builder("ship.state-file", SettingTypes.path())
            .defaultValue("/var/lib/mailflow/ship.state")
            .description("File where the ship component saves its read positions, the same format as mailflow ship --state; one shipper per file.")
            .build();
    public static final Setting<String> SHIP_HOST = Setting.builder("ship.host", SettingTypes.text())
            .description("Kafka record key of the shipped lines, normally this server's syslog host name; unset uses the local host name.")
            .build();
    public static final Setting<String> SHIP_START_AT = Setting.builder("ship.start-at", SettingTypes.oneOf("end", "beginning"))
            .defaultValue("end")
            .description("Where the ship component starts in a file it has no saved position for: end ships only new lines.")
            .build();
    public static final Setting<Duration> SHUTDOWN_TIMEOUT = Setting.builder("shutdown.timeout",
                    SettingTypes.duration(Duration.ofSeconds(1), Duration.ofMinutes(10)))
            .defaultValue("30s")
            .description("Time each component gets to stop on SIGTERM before the next one is stopped.")
            .build();

    public static final SettingsRegistry REGISTRY = new SettingsRegistry(declarations(),
            List.of(MailflowSettings::checkElasticsearchCredentials, MailflowSettings::checkKafkaSasl,
                    MailflowSettings::checkShipFiles, TopologySettingsBridge::check));

    private MailflowSettings() {
    }

    /** Returns every setting in documentation order: the application's own, with the topology's after the streams settings. */
    private static List<Setting<?>> declarations() {
        List<Setting<?>> settings = new ArrayList<>(List.of(
                KAFKA_BOOTSTRAP_SERVERS, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME,
                KAFKA_SASL_PASSWORD, KAFKA_SSL_CA_FILE,
                TOPIC_SINK_REJECTED, TOPIC_CREATE, TOPIC_PARTITIONS, TOPIC_REPLICATION_FACTOR,
                STREAMS_APPLICATION_ID, STREAMS_STATE_DIR, STREAMS_THREADS, STREAMS_PROCESSING_GUARANTEE,
                RULES_FILES));
        settings.addAll(TopologySettingsBridge.all());
        settings.addAll(List.of(
                ELASTICSEARCH_URLS, ELASTICSEARCH_API_KEY, ELASTICSEARCH_USERNAME, ELASTICSEARCH_PASSWORD,
                ELASTICSEARCH_CA_FILE, ELASTICSEARCH_CONNECT_TIMEOUT, ELASTICSEARCH_SOCKET_TIMEOUT,
                ELASTICSEARCH_INSTALL_TEMPLATES,
                SINK_GROUP_ID, SINK_INDEX_DELIVERIES, SINK_ALERT_HISTORY, SINK_BULK_MAX_DOCUMENTS, SINK_BULK_MAX_BYTES,
                SINK_BULK_FLUSH_INTERVAL, SINK_RETRY_INITIAL_BACKOFF, SINK_RETRY_MAX_BACKOFF, SINK_RETRY_MAX_ATTEMPTS,
                HTTP_ADDRESS, HTTP_PORT,
                COMPONENTS, SHIP_FILES, SHIP_GLOBS, SHIP_STATE_FILE, SHIP_HOST, SHIP_START_AT, SHUTDOWN_TIMEOUT));
        return settings;
    }

    private static Setting<String> topic(String key, String defaultName, String description) {
        return Setting.builder(key, SettingTypes.matching(TOPIC_NAME, TOPIC_DESCRIPTION))
                .defaultValue(defaultName)
                .description(description)
                .build();
    }

    private static List<String> checkElasticsearchCredentials(Configuration configuration) {
        List<String> problems = new ArrayList<>();
        boolean apiKey = configuration.get(ELASTICSEARCH_API_KEY) != null;
        boolean username = configuration.get(ELASTICSEARCH_USERNAME) != null;
        boolean password = configuration.get(ELASTICSEARCH_PASSWORD) != null;
        if (apiKey && (username || password)) {
            problems.add("Set either elasticsearch.api-key or elasticsearch.username and elasticsearch.password, not both");
        }
        if (username != password) {
            problems.add("elasticsearch.username and elasticsearch.password must be set together");
        }
        return problems;
    }

    private static List<String> checkKafkaSasl(Configuration configuration) {
        boolean sasl = configuration.get(KAFKA_SECURITY_PROTOCOL).startsWith("SASL_");
        boolean credentials = configuration.get(KAFKA_SASL_USERNAME) != null && configuration.get(KAFKA_SASL_PASSWORD) != null;
        if (sasl && !credentials) {
            return List.of("kafka.security.protocol " + configuration.get(KAFKA_SECURITY_PROTOCOL)
                    + " needs kafka.sasl.username and kafka.sasl.password");
        }
        return List.of();
    }

    private static List<String> checkShipFiles(Configuration configuration) {
        if (configuration.get(COMPONENTS).contains(COMPONENT_SHIP) && configuration.get(SHIP_FILES).isEmpty()
                && configuration.get(SHIP_GLOBS).isEmpty()) {
            return List.of("components contains ship, so ship.files or ship.globs must name at least one maillog file");
        }
        return List.of();
    }
}
