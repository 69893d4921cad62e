package io.mailflow.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkSettingsTest {

    private static Map<String, String> minimal() {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", "kafka1:9092, kafka2:9092");
        settings.put("elasticsearch.urls", "https://es1.example.net:9200,https://es2.example.net:9200");
        return settings;
    }

    @Test
    void defaultsApplyToUnsetKeys() {
        SinkSettings settings = SinkSettings.fromMap(minimal());

        assertThat(settings.bootstrapServers()).isEqualTo("kafka1:9092,kafka2:9092");
        assertThat(settings.groupId()).isEqualTo("mailflow-sink");
        assertThat(settings.inputTopics()).containsExactly("mailflow.stats.ip-provider", "mailflow.stats.sender",
                "mailflow.alerts", "mailflow.deliveries");
        assertThat(settings.rejectedTopic()).isEqualTo("mailflow.sink.rejected");
        assertThat(settings.elasticsearchUrls()).containsExactly(URI.create("https://es1.example.net:9200"),
                URI.create("https://es2.example.net:9200"));
        assertThat(settings.bulkLimits().maxDocuments()).isEqualTo(1000);
        assertThat(settings.bulkLimits().maxBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(settings.bulkLimits().flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.retryPolicy().initialBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.retryPolicy().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.installTemplates()).isTrue();
        assertThat(settings.apiKey()).isNull();
    }

    @Test
    void deliveriesCanBeTurnedOff() {
        Map<String, String> values = minimal();
        values.put("sink.deliveries.enabled", "false");

        assertThat(SinkSettings.fromMap(values).inputTopics()).doesNotContain("mailflow.deliveries");
    }

    @Test
    void missingBootstrapServersNamesTheKeyAndVariable() {
        Map<String, String> values = minimal();
        values.remove("kafka.bootstrap.servers");

        assertThatThrownBy(() -> SinkSettings.fromMap(values))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("kafka.bootstrap.servers"))
                .hasMessageContaining("kafka.bootstrap.servers")
                .hasMessageContaining("MAILFLOW_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void invalidValuesNameTheKey() {
        Map<String, List<String>> cases = Map.of(
                "sink.bulk.max.documents", List.of("0", "many"),
                "sink.bulk.max.bytes", List.of("5 parsecs", "0"),
                "sink.bulk.flush.interval", List.of("soon", "0s"),
                "sink.deliveries.enabled", List.of("maybe"),
                "elasticsearch.urls", List.of("ftp://es1:21", "es1.example.net:9200", "https://es1/a,https://es2/b"),
                "sink.retry.max.backoff", List.of("10ms"),
                "sink.retry.max.document.attempts", List.of("0"));
        cases.forEach((key, values) -> {
            for (String value : values) {
                Map<String, String> settings = minimal();
                settings.put(key, value);

                assertThatThrownBy(() -> SinkSettings.fromMap(settings))
                        .as("%s=%s", key, value)
                        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo(key))
                        .hasMessageContaining(key);
            }
        });
    }

    @Test
    void unitsOfDurationsAndSizesAreRead() {
        Map<String, String> values = minimal();
        values.put("sink.bulk.max.bytes", "512kb");
        values.put("sink.bulk.flush.interval", "250ms");
        values.put("elasticsearch.socket.timeout", "2m");

        SinkSettings settings = SinkSettings.fromMap(values);

        assertThat(settings.bulkLimits().maxBytes()).isEqualTo(512 * 1024);
        assertThat(settings.bulkLimits().flushInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.socketTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void unknownKeyUnderSinkPrefixIsATypo() {
        Map<String, String> values = minimal();
        values.put("sink.bulk.max.document", "10");

        assertThatThrownBy(() -> SinkSettings.fromMap(values))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("Unknown setting sink.bulk.max.document");
    }

    @Test
    void keysOfOtherComponentsAreIgnored() {
        Map<String, String> values = minimal();
        values.put("streams.application.id", "mailflow");

        assertThat(SinkSettings.fromMap(values).groupId()).isEqualTo("mailflow-sink");
    }

    @Test
    void apiKeyAndJaasConfigAreMasked() {
        Map<String, String> values = minimal();
        values.put("elasticsearch.api.key", "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==");
        values.put("sink.kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"hunter2\";");
        values.put("sink.kafka.security.protocol", "SASL_SSL");

        String text = SinkSettings.fromMap(values).toString();

        assertThat(text).doesNotContain("VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==", "hunter2");
        assertThat(text).contains("elasticsearch.api.key=****", "sink.kafka.security.protocol=SASL_SSL");
    }

    @Test
    void passwordIsMasked() {
        Map<String, String> values = minimal();
        values.put("elasticsearch.username", "mailflow");
        values.put("elasticsearch.password", "hunter2");

        String text = SinkSettings.fromMap(values).toString();

        assertThat(text).contains("elasticsearch.username=mailflow", "elasticsearch.password=****").doesNotContain("hunter2");
    }

    @Test
    void apiKeyExcludesBasicAuthentication() {
        Map<String, String> values = minimal();
        values.put("elasticsearch.api.key", "a2V5");
        values.put("elasticsearch.username", "mailflow");
        values.put("elasticsearch.password", "secret");

        assertThatThrownBy(() -> SinkSettings.fromMap(values))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("not both");
    }

    @Test
    void usernameNeedsPassword() {
        Map<String, String> values = minimal();
        values.put("elasticsearch.username", "mailflow");

        assertThatThrownBy(() -> SinkSettings.fromMap(values))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("elasticsearch.password"));
    }

    @Test
    void urlWithCredentialsIsRejectedWithoutEchoingThem() {
        Map<String, String> values = minimal();
        values.put("elasticsearch.urls", "https://elastic:hunter2@es1.example.net:9200");

        assertThatThrownBy(() -> SinkSettings.fromMap(values))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void missingCaFileIsRejected(@TempDir Path directory) {
        Map<String, String> values = minimal();
        values.put("elasticsearch.ca.file", directory.resolve("ca.crt").toString());

        assertThatThrownBy(() -> SinkSettings.fromMap(values))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("elasticsearch.ca.file"));
    }

    @Test
    void caFileWithoutCertificatesIsRejected(@TempDir Path directory) throws IOException {
        Path pem = Files.writeString(directory.resolve("ca.crt"), "not a certificate\n");
        Map<String, String> values = minimal();
        values.put("elasticsearch.ca.file", pem.toString());
        SinkSettings settings = SinkSettings.fromMap(values);

        assertThatThrownBy(() -> ElasticsearchConnection.sslContext(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("elasticsearch.ca.file");
    }

    @Test
    void caFileCertificateBuildsATlsContext() throws IOException {
        Path pem = Path.of("src", "test", "resources", "tls", "test-ca.crt");
        Map<String, String> values = minimal();
        values.put("elasticsearch.ca.file", pem.toString());

        assertThat(ElasticsearchConnection.sslContext(SinkSettings.fromMap(values)).getProtocol()).isEqualTo("TLS");
    }

    @Test
    void deadLetterTopicDiffersFromInputs() {
        Map<String, String> values = minimal();
        values.put("topic.sink.rejected", "mailflow.alerts");

        assertThatThrownBy(() -> SinkSettings.fromMap(values))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("topic.sink.rejected"));
    }

    @Test
    void environmentVariablesMapToKeys() {
        SinkSettings settings = SinkSettings.fromEnvironment(Map.of(
                "MAILFLOW_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "MAILFLOW_ELASTICSEARCH_URLS", "http://elasticsearch:9200",
                "MAILFLOW_SINK_BULK_MAX_DOCUMENTS", "250",
                "MAILFLOW_SINK_KAFKA_SECURITY_PROTOCOL", "SSL",
                "PATH", "/usr/bin"));

        assertThat(settings.bulkLimits().maxDocuments()).isEqualTo(250);
        assertThat(settings.kafkaProperties()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void readmeListsEveryKey() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        for (SettingKey key : SinkSettings.KEYS) {
            assertThat(readme).as("README row of %s", key.name())
                    .contains("| `" + key.name() + "` | `" + key.environmentVariable() + "` |");
        }
    }

    @Test
    void everyKeyHasAnEnvironmentVariable() {
        assertThat(SinkSettings.ELASTICSEARCH_API_KEY.environmentVariable()).isEqualTo("MAILFLOW_ELASTICSEARCH_API_KEY");
        assertThat(SinkSettings.KEYS).allSatisfy(key -> assertThat(key.description()).isNotBlank());
    }
}
