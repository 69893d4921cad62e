package io.mailflow.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

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

    public static final Setting<String> TOPIC_RAW = topic("topics.raw", "mailflow.maillog.raw",
            "Raw maillog lines from the shippers, keyed by host.");
    public static final Setting<String> TOPIC_REJECTED = topic("topics.rejected", "mailflow.maillog.rejected",
            "Dead letters: lines the parser could not read, with the reason in headers.");
    public static final Setting<String> TOPIC_INVENTORY = topic("topics.inventory", "mailflow.inventory.hosts",
            "Host inventory (compacted): sending IPs and tenant of each host.");
    public static final Setting<String> TOPIC_PROVIDERS = topic("topics.providers", "mailflow.providers",
            "Provider rules that override the shipped ones (compacted).");
    public static final Setting<String> TOPIC_DELIVERIES = topic("topics.deliveries", "mailflow.deliveries",
            "One record per delivery attempt.");
    public static final Setting<String> TOPIC_STATS_IP_PROVIDER = topic("topics.stats-ip-provider", "mailflow.stats.ip-provider",
            "Windowed aggregates per sending IP and provider.");
    public static final Setting<String> TOPIC_STATS_SENDER = topic("topics.stats-sender", "mailflow.stats.sender",
            "Windowed aggregates per sender identity.");
    public static final Setting<String> TOPIC_ALERTS = topic("topics.alerts", "mailflow.alerts",
            "Alert events: open, update and resolve.");
    public static final Setting<String> TOPIC_SINK_REJECTED = topic("topics.sink-rejected", "mailflow.sink.rejected",
            "Dead letters of the sink: records Elasticsearch rejected, with status and reason in headers.");
    public static final Setting<Boolean> TOPICS_CREATE = Setting.builder("topics.create", SettingTypes.bool())
            .defaultValue("true")
            .description("Create missing topics at start (compacted where the table says so).")
            .build();
    public static final Setting<Integer> TOPICS_PARTITIONS = Setting.builder("topics.partitions", SettingTypes.integer(1, 10_000))
            .defaultValue("6")
            .unit("partitions")
            .description("Partitions of the topics that mailflow creates; the raw topic's count bounds the streams parallelism.")
            .build();
    public static final Setting<Integer> TOPICS_REPLICATION_FACTOR = Setting.builder("topics.replication-factor", SettingTypes.integer(1, 32))
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
    public static final Setting<ZoneId> PARSER_ZONE = Setting.builder("parser.zone", SettingTypes.zone())
            .defaultValue("UTC")
            .description("Time zone of syslog timestamps that carry no offset (RFC 3164), such as UTC or Europe/Berlin.")
            .build();
    public static final Setting<List<Path>> RULES_CLASSIFICATION_FILES = Setting.builder("rules.classification-files", SettingTypes.pathList())
            .defaultValue("")
            .description("Extra reply classification rule files; a rule overrides the shipped rule with the same id.")
            .build();
    public static final Setting<List<Path>> RULES_PROVIDER_FILES = Setting.builder("rules.provider-files", SettingTypes.pathList())
            .defaultValue("")
            .description("Extra provider rule files; a rule overrides the shipped rule with the same id.")
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
            .description("Maillog files that the ship component tails into topics.raw; needed when components has ship.")
            .build();
    public static final Setting<Path> SHIP_STATE_DIR = Setting.builder("ship.state-dir", SettingTypes.path())
            .defaultValue("/var/lib/mailflow/ship")
            .description("Folder where the ship component keeps its read positions.")
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

    public static final SettingsRegistry REGISTRY = new SettingsRegistry(List.of(
            KAFKA_BOOTSTRAP_SERVERS, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME,
            KAFKA_SASL_PASSWORD, KAFKA_SSL_CA_FILE,
            TOPIC_RAW, TOPIC_REJECTED, TOPIC_INVENTORY, TOPIC_PROVIDERS, TOPIC_DELIVERIES, TOPIC_STATS_IP_PROVIDER,
            TOPIC_STATS_SENDER, TOPIC_ALERTS, TOPIC_SINK_REJECTED, TOPICS_CREATE, TOPICS_PARTITIONS,
            TOPICS_REPLICATION_FACTOR,
            STREAMS_APPLICATION_ID, STREAMS_STATE_DIR, STREAMS_THREADS, STREAMS_PROCESSING_GUARANTEE, PARSER_ZONE,
            RULES_CLASSIFICATION_FILES, RULES_PROVIDER_FILES,
            ELASTICSEARCH_URLS, ELASTICSEARCH_API_KEY, ELASTICSEARCH_USERNAME, ELASTICSEARCH_PASSWORD,
            ELASTICSEARCH_CA_FILE,
            HTTP_ADDRESS, HTTP_PORT,
            COMPONENTS, SHIP_FILES, SHIP_STATE_DIR, SHIP_HOST, SHIP_START_AT, SHUTDOWN_TIMEOUT),
            List.of(MailflowSettings::checkElasticsearchCredentials, MailflowSettings::checkKafkaSasl,
                    MailflowSettings::checkShipFiles));

    private MailflowSettings() {
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
        if (configuration.get(COMPONENTS).contains(COMPONENT_SHIP) && configuration.get(SHIP_FILES).isEmpty()) {
            return List.of("components contains ship, so ship.files must list at least one maillog file");
        }
        return List.of();
    }
}
