package io.mailflow.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationLoaderTest {

    private final ConfigurationLoader loader = new ConfigurationLoader(MailflowSettings.REGISTRY);

    @TempDir
    Path folder;

    @Test
    void defaultsApplyWithoutSources() {
        Configuration configuration = loader.load(null, Map.of(), Map.of());

        assertThat(configuration.get(MailflowSettings.KAFKA_BOOTSTRAP_SERVERS)).containsExactly("127.0.0.1:9092");
        assertThat(configuration.get(MailflowSettings.STREAMS_APPLICATION_ID)).isEqualTo("mailflow");
        assertThat(configuration.get(MailflowSettings.STREAMS_STATE_DIR)).isEqualTo(Path.of("/var/lib/mailflow/streams"));
        assertThat(configuration.get(MailflowSettings.HTTP_PORT)).isEqualTo(9400);
        assertThat(configuration.get(MailflowSettings.HTTP_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(configuration.get(MailflowSettings.COMPONENTS)).containsExactly("streams", "sink");
        assertThat(configuration.get(MailflowSettings.PARSER_ZONE).normalized()).isEqualTo(ZoneOffset.UTC);
        assertThat(configuration.get(MailflowSettings.ELASTICSEARCH_API_KEY)).isNull();
        assertThat(configuration.sourceOf(MailflowSettings.HTTP_PORT)).isEqualTo(ValueSource.DEFAULT);
    }

    @Test
    void laterSourcesOverrideEarlierOnes() throws IOException {
        Path file = write("mailflow.properties", """
                http.port=9500
                streams.threads=2
                streams.application-id=from-file
                """);
        Map<String, String> environment = Map.of(
                "MAILFLOW_STREAMS_THREADS", "3",
                "MAILFLOW_STREAMS_APPLICATION_ID", "from-env");
        Map<String, String> flags = Map.of("streams.application-id", "from-flag");

        Configuration configuration = loader.load(file, environment, flags);

        assertThat(configuration.get(MailflowSettings.HTTP_PORT)).isEqualTo(9500);
        assertThat(configuration.sourceOf(MailflowSettings.HTTP_PORT).kind()).isEqualTo(ValueSource.Kind.FILE);
        assertThat(configuration.get(MailflowSettings.STREAMS_THREADS)).isEqualTo(3);
        assertThat(configuration.sourceOf(MailflowSettings.STREAMS_THREADS))
                .isEqualTo(new ValueSource(ValueSource.Kind.ENVIRONMENT, "MAILFLOW_STREAMS_THREADS"));
        assertThat(configuration.get(MailflowSettings.STREAMS_APPLICATION_ID)).isEqualTo("from-flag");
        assertThat(configuration.sourceOf(MailflowSettings.STREAMS_APPLICATION_ID).kind()).isEqualTo(ValueSource.Kind.FLAG);
    }

    @Test
    void environmentVariableNamesReplaceDotsAndDashes() {
        Map<String, String> environment = Map.of(
                "MAILFLOW_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092, kafka-2:9092",
                "MAILFLOW_ELASTICSEARCH_CA_FILE", "/etc/mailflow/ca.crt",
                "MAILFLOW_TOPIC_STATS_IP_PROVIDER", "stats");

        Configuration configuration = loader.load(null, environment, Map.of());

        assertThat(configuration.get(MailflowSettings.KAFKA_BOOTSTRAP_SERVERS)).containsExactly("kafka-1:9092", "kafka-2:9092");
        assertThat(configuration.get(MailflowSettings.ELASTICSEARCH_CA_FILE)).isEqualTo(Path.of("/etc/mailflow/ca.crt"));
        assertThat(configuration.get(MailflowSettings.TOPIC_STATS_IP_PROVIDER)).isEqualTo("stats");
        assertThat(MailflowSettings.ELASTICSEARCH_API_KEY.environmentVariable()).isEqualTo("MAILFLOW_ELASTICSEARCH_API_KEY");
    }

    @Test
    void unknownEnvironmentVariableIsAWarningNotAnError() {
        Configuration configuration = loader.load(null,
                Map.of("MAILFLOW_HTTP_PROT", "1", "MAILFLOW_LOG_LEVEL", "DEBUG", "PATH", "/bin"), Map.of());

        assertThat(configuration.warnings()).containsExactly("Environment variable MAILFLOW_HTTP_PROT matches no setting and is ignored");
    }

    @Test
    void unknownKeyInFlagsNamesTheClosestKey() {
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("http.prot", "9500")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Unknown setting 'http.prot' in --set; did you mean http.port?");
    }

    @Test
    void unknownKeyInFileNamesTheFile() throws IOException {
        Path file = write("bad.properties", "no.such.thing.at.all=1\n");

        assertThatThrownBy(() -> loader.load(file, Map.of(), Map.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("Unknown setting 'no.such.thing.at.all' in " + file)
                .hasMessageContaining("mailflow run --print-config");
    }

    @Test
    void invalidValuesNameKeySourceAndAllowedValues() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("http.port", "70000");
        flags.put("components", "streams,parser");
        flags.put("shutdown.timeout", "30");

        InvalidConfigurationException error = (InvalidConfigurationException) catchError(() -> loader.load(null,
                Map.of("MAILFLOW_STREAMS_THREADS", "two"), flags));

        assertThat(error.problems()).containsExactly(
                "Invalid value for streams.threads (from environment MAILFLOW_STREAMS_THREADS): 'two' is not an integer; expected integer from 1 to 64",
                "Invalid value for http.port (from --set): 70000 is out of range; expected integer from 0 to 65535",
                "Invalid value for components (from --set): 'parser' is not allowed; expected comma-separated list of streams, sink, ship",
                "Invalid value for shutdown.timeout (from --set): '30' is not a duration with a unit; expected duration from 1s to 10m with a unit (ms, s, m, h, d), such as 30s");
    }

    @Test
    void invalidSecretIsNotEchoed() {
        InvalidConfigurationException error = (InvalidConfigurationException) catchError(() -> loader.load(null,
                Map.of("MAILFLOW_ELASTICSEARCH_API_KEY", "   "), Map.of()));

        assertThat(error.problems()).containsExactly(
                "Invalid value for elasticsearch.api-key (from environment MAILFLOW_ELASTICSEARCH_API_KEY): the value (not shown) is invalid; expected non-empty text");
    }

    @Test
    void missingFileIsReported() {
        Path missing = folder.resolve("missing.properties");

        assertThatThrownBy(() -> loader.load(missing, Map.of(), Map.of()))
                .hasMessage("Configuration file " + missing + " not found");
    }

    @Test
    void crossKeyChecksRun() {
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("elasticsearch.username", "mailflow")))
                .hasMessage("elasticsearch.username and elasticsearch.password must be set together");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("components", "streams,ship")))
                .hasMessage("components contains ship, so ship.files or ship.globs must name at least one maillog file");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("kafka.security.protocol", "SASL_SSL")))
                .hasMessage("kafka.security.protocol SASL_SSL needs kafka.sasl.username and kafka.sasl.password");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of(
                "elasticsearch.api-key", "abc", "elasticsearch.username", "u", "elasticsearch.password", "p")))
                .hasMessage("Set either elasticsearch.api-key or elasticsearch.username and elasticsearch.password, not both");
    }

    @Test
    void topologySettingsUseTheirKeyWithoutPrefix() {
        Configuration configuration = loader.load(null, Map.of("MAILFLOW_WINDOW_GRACE", "45s"),
                Map.of("detect.deferral.min-rate", "0.4"));

        Setting<?> grace = MailflowSettings.REGISTRY.find("window.grace").orElseThrow();
        assertThat(configuration.displayValue(grace)).isEqualTo("45s");
        assertThat(configuration.displayValue(MailflowSettings.REGISTRY.find("detect.deferral.min-rate").orElseThrow()))
                .isEqualTo("0.4");
        assertThat(TopologySettingsBridge.topologySettings(configuration).grace()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void topologyChecksReportTheAppKeys() {
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("detect.deferral.min-rate", "1.5")))
                .hasMessage("Invalid value for detect.deferral.min-rate (from --set): '1.5' is invalid; expected "
                        + "a number such as 0.25, between 0 and 1");
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("detect.window", "2m")))
                .hasMessageContaining("detect.window")
                .hasMessageContaining("windows (1m,5m,1h)")
                .hasMessageNotContaining("mailflow.detect.window");
    }

    @Test
    void describeMasksSecretsAndShowsSources() {
        Configuration configuration = loader.load(null,
                Map.of("MAILFLOW_ELASTICSEARCH_PASSWORD", "hunter2", "MAILFLOW_ELASTICSEARCH_USERNAME", "mailflow"),
                Map.of("kafka.security.protocol", "SASL_SSL", "kafka.sasl.username", "mf", "kafka.sasl.password", "s3cret"));

        List<String> lines = configuration.describe();

        assertThat(String.join("\n", lines)).doesNotContain("hunter2").doesNotContain("s3cret");
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .matches("elasticsearch\\.password +=  ?\\*{8}  \\(environment MAILFLOW_ELASTICSEARCH_PASSWORD\\)"));
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("kafka\\.sasl\\.password +=  ?\\*{8}  \\(--set\\)"));
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("elasticsearch\\.api-key +=  ?\\(unset\\)  \\(default\\)"));
        assertThat(lines).hasSize(MailflowSettings.REGISTRY.settings().size());
    }

    @Test
    void commandOverrideKeepsOtherValues() {
        Configuration configuration = loader.load(null, Map.of(), Map.of("streams.threads", "2"));

        Configuration changed = configuration.with(MailflowSettings.KAFKA_BOOTSTRAP_SERVERS, List.of("127.0.0.1:40001"),
                "embedded Kafka");

        assertThat(changed.get(MailflowSettings.KAFKA_BOOTSTRAP_SERVERS)).containsExactly("127.0.0.1:40001");
        assertThat(changed.sourceOf(MailflowSettings.KAFKA_BOOTSTRAP_SERVERS).toString()).isEqualTo("embedded Kafka");
        assertThat(changed.get(MailflowSettings.STREAMS_THREADS)).isEqualTo(2);
    }

    @Test
    void durationsAcceptUnitsAndIso() {
        SettingType<Duration> type = SettingTypes.duration(Duration.ZERO, Duration.ofDays(7));

        assertThat(type.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(type.parse("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(type.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(type.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(type.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(type.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(type.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThatThrownBy(() -> type.parse("8d")).hasMessage("8d is out of range");
    }

    @Test
    void urlListsDropTrailingSlashAndRejectOtherSchemes() {
        SettingType<List<String>> type = SettingTypes.httpUrlList();

        assertThat(type.parse("https://es-1:9200/, http://es-2:9200")).containsExactly("https://es-1:9200", "http://es-2:9200");
        assertThatThrownBy(() -> type.parse("es-1:9200")).hasMessage("'es-1:9200' is not an http:// or https:// URL");
    }

    @Test
    void everySettingHasAnEnvironmentVariableOfItsOwn() {
        assertThat(MailflowSettings.REGISTRY.settings())
                .extracting(Setting::environmentVariable)
                .doesNotHaveDuplicates()
                .allMatch(name -> name.matches("MAILFLOW_[A-Z0-9_]+"));
    }

    private Path write(String name, String content) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static Throwable catchError(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("Expected an exception");
    }
}
