package io.mailflow.sink;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.mailflow.sink.internals.BulkLimits;
import io.mailflow.sink.internals.RetryPolicy;

/**
 * Typed, validated settings of the sink. Each key is declared once in {@link #KEYS} with its default
 * and description. {@link #fromMap(Map)} reads them, and every error names the key. The environment
 * variable of a key is {@code MAILFLOW_} plus the key in upper case with {@code _} for dots, such as
 * {@code MAILFLOW_ELASTICSEARCH_API_KEY} for {@code elasticsearch.api.key}.
 *
 * <p>Keys under {@code sink.kafka.} are passed to the sink's Kafka consumer and dead-letter producer
 * without the prefix, such as {@code sink.kafka.security.protocol}. {@link #toString()} never shows
 * a secret: the Elasticsearch API key and password, and Kafka passwords and JAAS configuration.
 */
public final class SinkSettings {

    public static final SettingKey BOOTSTRAP_SERVERS = SettingKey.of("kafka.bootstrap.servers", null,
            "Kafka brokers as host:port, comma-separated");
    public static final SettingKey GROUP_ID = SettingKey.of("sink.group.id", "mailflow-sink",
            "consumer group of the sink; its committed offsets record what is indexed");
    public static final SettingKey TOPIC_DELIVERIES = SettingKey.of("topic.deliveries", "mailflow.deliveries",
            "topic of delivery attempts");
    public static final SettingKey TOPIC_IP_PROVIDER_STATS = SettingKey.of("topic.stats.ip.provider",
            "mailflow.stats.ip-provider", "topic of statistics per sending IP and provider");
    public static final SettingKey TOPIC_SENDER_STATS = SettingKey.of("topic.stats.sender", "mailflow.stats.sender",
            "topic of statistics per sender");
    public static final SettingKey TOPIC_ALERTS = SettingKey.of("topic.alerts", "mailflow.alerts", "topic of alert events");
    public static final SettingKey TOPIC_REJECTED = SettingKey.of("topic.sink.rejected", "mailflow.sink.rejected",
            "dead-letter topic for records that cannot be indexed");
    public static final SettingKey DELIVERIES_ENABLED = SettingKey.of("sink.deliveries.enabled", "true",
            "whether delivery attempts are indexed, one document each (true or false)");
    public static final SettingKey ALERT_HISTORY_ENABLED = SettingKey.of("sink.alert.history.enabled", "true",
            "whether every alert event is also kept in mailflow-alert-events (true or false)");
    public static final SettingKey ELASTICSEARCH_URLS = SettingKey.of("elasticsearch.urls", null,
            "Elasticsearch nodes as http:// or https:// URLs, comma-separated");
    public static final SettingKey ELASTICSEARCH_API_KEY = SettingKey.secret("elasticsearch.api.key",
            "Elasticsearch API key, the base64 'encoded' value; excludes username and password");
    public static final SettingKey ELASTICSEARCH_USERNAME = SettingKey.of("elasticsearch.username", null,
            "user for HTTP basic authentication; needs elasticsearch.password");
    public static final SettingKey ELASTICSEARCH_PASSWORD = SettingKey.secret("elasticsearch.password",
            "password for HTTP basic authentication");
    public static final SettingKey ELASTICSEARCH_CA_FILE = SettingKey.of("elasticsearch.ca.file", null,
            "PEM file of the certificate authorities to trust for https:// URLs; the JVM's trust store when unset");
    public static final SettingKey ELASTICSEARCH_CONNECT_TIMEOUT = SettingKey.of("elasticsearch.connect.timeout", "5s",
            "time to open a connection to Elasticsearch");
    public static final SettingKey ELASTICSEARCH_SOCKET_TIMEOUT = SettingKey.of("elasticsearch.socket.timeout", "60s",
            "time to wait for a response from Elasticsearch");
    public static final SettingKey INSTALL_TEMPLATES = SettingKey.of("elasticsearch.templates.install", "true",
            "whether the sink installs its index templates and aliases on start (true or false)");
    public static final SettingKey BULK_MAX_DOCUMENTS = SettingKey.of("sink.bulk.max.documents", "1000",
            "documents per bulk request");
    public static final SettingKey BULK_MAX_BYTES = SettingKey.of("sink.bulk.max.bytes", "5mb",
            "estimated bytes per bulk request");
    public static final SettingKey BULK_FLUSH_INTERVAL = SettingKey.of("sink.bulk.flush.interval", "1s",
            "maximum time a document waits in the buffer before a bulk request");
    public static final SettingKey RETRY_INITIAL_BACKOFF = SettingKey.of("sink.retry.initial.backoff", "100ms",
            "delay before the first retry; doubled after each failure");
    public static final SettingKey RETRY_MAX_BACKOFF = SettingKey.of("sink.retry.max.backoff", "30s",
            "maximum delay between retries");
    public static final SettingKey RETRY_MAX_DOCUMENT_ATTEMPTS = SettingKey.of("sink.retry.max.document.attempts", "10",
            "attempts for a document that fails with 429 or 5xx before it is dead-lettered");

    /** Prefix of the keys passed to the Kafka clients as they are, without the prefix. */
    public static final String KAFKA_PROPERTIES_PREFIX = "sink.kafka.";

    /** Every declared key. */
    public static final List<SettingKey> KEYS = List.of(BOOTSTRAP_SERVERS, GROUP_ID, TOPIC_DELIVERIES,
            TOPIC_IP_PROVIDER_STATS, TOPIC_SENDER_STATS, TOPIC_ALERTS, TOPIC_REJECTED, DELIVERIES_ENABLED,
            ALERT_HISTORY_ENABLED, ELASTICSEARCH_URLS, ELASTICSEARCH_API_KEY, ELASTICSEARCH_USERNAME,
            ELASTICSEARCH_PASSWORD, ELASTICSEARCH_CA_FILE, ELASTICSEARCH_CONNECT_TIMEOUT, ELASTICSEARCH_SOCKET_TIMEOUT,
            INSTALL_TEMPLATES, BULK_MAX_DOCUMENTS, BULK_MAX_BYTES, BULK_FLUSH_INTERVAL, RETRY_INITIAL_BACKOFF,
            RETRY_MAX_BACKOFF, RETRY_MAX_DOCUMENT_ATTEMPTS);

    /** Key prefixes this class owns. An undeclared key under them is a typo. */
    private static final List<String> OWNED_PREFIXES = List.of("sink.", "elasticsearch.");

    private static final Set<String> SECRET_KAFKA_WORDS = Set.of("password", "jaas", "secret", "token");

    private final String bootstrapServers;
    private final String groupId;
    private final String deliveriesTopic;
    private final String ipProviderStatsTopic;
    private final String senderStatsTopic;
    private final String alertsTopic;
    private final String rejectedTopic;
    private final boolean deliveriesEnabled;
    private final boolean alertHistoryEnabled;
    private final List<URI> elasticsearchUrls;
    private final String apiKey;
    private final String username;
    private final String password;
    private final Path caFile;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final boolean installTemplates;
    private final BulkLimits bulkLimits;
    private final RetryPolicy retryPolicy;
    private final Map<String, String> kafkaProperties;

    private SinkSettings(SettingValues values, Map<String, String> kafkaProperties) {
        bootstrapServers = String.join(",", values.list(BOOTSTRAP_SERVERS));
        groupId = values.required(GROUP_ID);
        deliveriesTopic = values.required(TOPIC_DELIVERIES);
        ipProviderStatsTopic = values.required(TOPIC_IP_PROVIDER_STATS);
        senderStatsTopic = values.required(TOPIC_SENDER_STATS);
        alertsTopic = values.required(TOPIC_ALERTS);
        rejectedTopic = values.required(TOPIC_REJECTED);
        deliveriesEnabled = values.bool(DELIVERIES_ENABLED);
        alertHistoryEnabled = values.bool(ALERT_HISTORY_ENABLED);
        elasticsearchUrls = urls(values);
        apiKey = values.string(ELASTICSEARCH_API_KEY);
        username = values.string(ELASTICSEARCH_USERNAME);
        password = values.string(ELASTICSEARCH_PASSWORD);
        caFile = caFile(values);
        connectTimeout = values.positiveDuration(ELASTICSEARCH_CONNECT_TIMEOUT);
        socketTimeout = values.positiveDuration(ELASTICSEARCH_SOCKET_TIMEOUT);
        installTemplates = values.bool(INSTALL_TEMPLATES);
        bulkLimits = new BulkLimits(values.positiveInt(BULK_MAX_DOCUMENTS), values.positiveBytes(BULK_MAX_BYTES),
                values.positiveDuration(BULK_FLUSH_INTERVAL));
        retryPolicy = retryPolicy(values);
        this.kafkaProperties = Collections.unmodifiableMap(new TreeMap<>(kafkaProperties));
        checkCredentials();
        checkTopics();
    }

    /**
     * Reads and validates the settings. Keys this class does not own (outside {@code sink.} and
     * {@code elasticsearch.}) are ignored, so the application may pass all of its settings.
     *
     * @throws InvalidSettingException naming the first key that is missing, unknown or invalid
     */
    public static SinkSettings fromMap(Map<String, String> settings) {
        Map<String, String> kafkaProperties = new TreeMap<>();
        List<String> declared = KEYS.stream().map(SettingKey::name).toList();
        for (Map.Entry<String, String> entry : settings.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(KAFKA_PROPERTIES_PREFIX) && key.length() > KAFKA_PROPERTIES_PREFIX.length()) {
                kafkaProperties.put(key.substring(KAFKA_PROPERTIES_PREFIX.length()), entry.getValue());
            } else if (OWNED_PREFIXES.stream().anyMatch(key::startsWith) && !declared.contains(key)) {
                throw new InvalidSettingException(key, "Unknown setting " + key + "; known settings: "
                        + String.join(", ", declared) + ", and " + KAFKA_PROPERTIES_PREFIX + "* for the Kafka clients");
            }
        }
        return new SinkSettings(new SettingValues(settings), kafkaProperties);
    }

    /**
     * Reads the settings from environment variables such as {@code MAILFLOW_ELASTICSEARCH_URLS}.
     * Variables without the {@code MAILFLOW_} prefix are ignored.
     */
    public static SinkSettings fromEnvironment(Map<String, String> environment) {
        return fromMap(SettingValues.fromEnvironment(environment));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String groupId() {
        return groupId;
    }

    public String deliveriesTopic() {
        return deliveriesTopic;
    }

    public String ipProviderStatsTopic() {
        return ipProviderStatsTopic;
    }

    public String senderStatsTopic() {
        return senderStatsTopic;
    }

    public String alertsTopic() {
        return alertsTopic;
    }

    public String rejectedTopic() {
        return rejectedTopic;
    }

    public boolean deliveriesEnabled() {
        return deliveriesEnabled;
    }

    public boolean alertHistoryEnabled() {
        return alertHistoryEnabled;
    }

    public List<URI> elasticsearchUrls() {
        return elasticsearchUrls;
    }

    /** Returns the API key, or null when none is set. */
    public String apiKey() {
        return apiKey;
    }

    /** Returns the basic-authentication user, or null when none is set. */
    public String username() {
        return username;
    }

    /** Returns the basic-authentication password, or null when none is set. */
    public String password() {
        return password;
    }

    /** Returns the PEM file of trusted certificate authorities, or null to use the JVM's trust store. */
    public Path caFile() {
        return caFile;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration socketTimeout() {
        return socketTimeout;
    }

    public boolean installTemplates() {
        return installTemplates;
    }

    public BulkLimits bulkLimits() {
        return bulkLimits;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Extra Kafka client properties from {@code sink.kafka.*}, without the prefix. */
    public Map<String, String> kafkaProperties() {
        return kafkaProperties;
    }

    /** Returns the topics the sink consumes, deliveries only when enabled. */
    public List<String> inputTopics() {
        List<String> topics = new ArrayList<>(List.of(ipProviderStatsTopic, senderStatsTopic, alertsTopic));
        if (deliveriesEnabled) {
            topics.add(deliveriesTopic);
        }
        return List.copyOf(topics);
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put(BOOTSTRAP_SERVERS.name(), bootstrapServers);
        shown.put(GROUP_ID.name(), groupId);
        shown.put("topics", String.join(",", inputTopics()));
        shown.put(TOPIC_REJECTED.name(), rejectedTopic);
        shown.put(ALERT_HISTORY_ENABLED.name(), Boolean.toString(alertHistoryEnabled));
        shown.put(ELASTICSEARCH_URLS.name(), elasticsearchUrls.stream().map(URI::toString).collect(Collectors.joining(",")));
        shown.put(ELASTICSEARCH_API_KEY.name(), mask(apiKey));
        shown.put(ELASTICSEARCH_USERNAME.name(), username);
        shown.put(ELASTICSEARCH_PASSWORD.name(), mask(password));
        shown.put(ELASTICSEARCH_CA_FILE.name(), caFile == null ? null : caFile.toString());
        shown.put(ELASTICSEARCH_CONNECT_TIMEOUT.name(), connectTimeout.toString());
        shown.put(ELASTICSEARCH_SOCKET_TIMEOUT.name(), socketTimeout.toString());
        shown.put(INSTALL_TEMPLATES.name(), Boolean.toString(installTemplates));
        shown.put("bulk", bulkLimits.toString());
        shown.put("retry", retryPolicy.toString());
        kafkaProperties.forEach((key, value) -> shown.put(KAFKA_PROPERTIES_PREFIX + key,
                isSecretKafkaProperty(key) ? mask(value) : value));
        return "SinkSettings" + shown;
    }

    private static String mask(String secret) {
        return secret == null ? null : "****";
    }

    private static boolean isSecretKafkaProperty(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_KAFKA_WORDS.stream().anyMatch(lower::contains);
    }

    private static List<URI> urls(SettingValues values) {
        List<URI> urls = new ArrayList<>();
        for (String text : values.list(ELASTICSEARCH_URLS)) {
            URI url;
            try {
                url = new URI(text);
            } catch (URISyntaxException e) {
                throw SettingValues.invalid(ELASTICSEARCH_URLS, text, "URLs such as https://es1.example.net:9200");
            }
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw SettingValues.invalid(ELASTICSEARCH_URLS, text, "http:// or https:// URLs with a host");
            }
            if (url.getUserInfo() != null) {
                throw SettingValues.invalid(ELASTICSEARCH_URLS, "(a URL with credentials)",
                        "URLs without user:password; set elasticsearch.username and elasticsearch.password instead");
            }
            urls.add(url);
        }
        // The REST client takes one path prefix for all nodes, such as a proxy's /elasticsearch.
        long paths = urls.stream().map(url -> url.getPath() == null ? "" : url.getPath()).distinct().count();
        if (paths > 1) {
            throw SettingValues.invalid(ELASTICSEARCH_URLS, values.string(ELASTICSEARCH_URLS), "URLs that share one path");
        }
        return List.copyOf(urls);
    }

    private static Path caFile(SettingValues values) {
        String text = values.string(ELASTICSEARCH_CA_FILE);
        if (text == null) {
            return null;
        }
        Path path = Path.of(text);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw SettingValues.invalid(ELASTICSEARCH_CA_FILE, text, "a readable PEM file");
        }
        return path;
    }

    private static RetryPolicy retryPolicy(SettingValues values) {
        Duration initial = values.positiveDuration(RETRY_INITIAL_BACKOFF);
        Duration max = values.positiveDuration(RETRY_MAX_BACKOFF);
        if (max.compareTo(initial) < 0) {
            throw SettingValues.invalid(RETRY_MAX_BACKOFF, values.string(RETRY_MAX_BACKOFF),
                    "at least " + RETRY_INITIAL_BACKOFF.name() + " (" + values.string(RETRY_INITIAL_BACKOFF) + ")");
        }
        return new RetryPolicy(initial, max, values.positiveInt(RETRY_MAX_DOCUMENT_ATTEMPTS));
    }

    private void checkCredentials() {
        if (apiKey != null && (username != null || password != null)) {
            throw new InvalidSettingException(ELASTICSEARCH_API_KEY.name(), "Set either " + ELASTICSEARCH_API_KEY.name()
                    + " or " + ELASTICSEARCH_USERNAME.name() + " and " + ELASTICSEARCH_PASSWORD.name() + ", not both");
        }
        if (username != null && password == null) {
            throw new InvalidSettingException(ELASTICSEARCH_PASSWORD.name(), "Missing setting "
                    + ELASTICSEARCH_PASSWORD.name() + " (" + ELASTICSEARCH_PASSWORD.environmentVariable()
                    + "), needed with " + ELASTICSEARCH_USERNAME.name());
        }
        if (password != null && username == null) {
            throw new InvalidSettingException(ELASTICSEARCH_USERNAME.name(), "Missing setting "
                    + ELASTICSEARCH_USERNAME.name() + " (" + ELASTICSEARCH_USERNAME.environmentVariable()
                    + "), needed with " + ELASTICSEARCH_PASSWORD.name());
        }
    }

    private void checkTopics() {
        if (inputTopics().contains(rejectedTopic)) {
            throw new InvalidSettingException(TOPIC_REJECTED.name(), "Setting " + TOPIC_REJECTED.name()
                    + " names input topic " + rejectedTopic + "; the dead-letter topic must be another topic");
        }
        if (inputTopics().stream().distinct().count() != inputTopics().size()) {
            throw new InvalidSettingException(TOPIC_ALERTS.name(), "The input topics must be distinct: " + inputTopics());
        }
    }
}
