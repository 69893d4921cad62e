package io.mailflow.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.app.config.Configuration;
import io.mailflow.app.config.ConfigurationLoader;
import io.mailflow.app.config.MailflowSettings;
import io.mailflow.sink.SinkSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkComponentTest {

    private final ConfigurationLoader loader = new ConfigurationLoader(MailflowSettings.REGISTRY);

    @Test
    void defaultsBecomeValidSinkSettings() {
        Configuration configuration = loader.load(null, Map.of(), Map.of());

        SinkSettings settings = new SinkComponent(configuration).settings();

        assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(settings.groupId()).isEqualTo("mailflow-sink");
        assertThat(settings.elasticsearchUrls()).containsExactly(URI.create("http://127.0.0.1:9200"));
        assertThat(settings.inputTopics()).containsExactlyInAnyOrder("mailflow.stats.ip-provider",
                "mailflow.stats.sender", "mailflow.alerts", "mailflow.deliveries");
        assertThat(settings.rejectedTopic()).isEqualTo("mailflow.sink.rejected");
        assertThat(settings.bulkLimits().maxDocuments()).isEqualTo(1000);
        assertThat(settings.bulkLimits().maxBytes()).isEqualTo(5L * 1024 * 1024);
    }

    @Test
    void settingsReachTheSinkUnderItsKeys() {
        Configuration configuration = loader.load(null,
                Map.of("MAILFLOW_ELASTICSEARCH_API_KEY", "c2VjcmV0", "MAILFLOW_SINK_BULK_FLUSH_INTERVAL", "250ms"),
                Map.of("topic.alerts", "ops.alerts", "sink.index-deliveries", "false", "sink.group-id", "sink-b",
                        "elasticsearch.urls", "https://es-1:9200,https://es-2:9200", "kafka.security.protocol", "SSL"));

        SinkSettings settings = new SinkComponent(configuration).settings();

        assertThat(settings.apiKey()).isEqualTo("c2VjcmV0");
        assertThat(settings.toString()).doesNotContain("c2VjcmV0");
        assertThat(settings.groupId()).isEqualTo("sink-b");
        assertThat(settings.inputTopics()).containsExactly("mailflow.stats.ip-provider", "mailflow.stats.sender", "ops.alerts");
        assertThat(settings.elasticsearchUrls()).containsExactly(URI.create("https://es-1:9200"), URI.create("https://es-2:9200"));
        assertThat(settings.kafkaProperties()).containsEntry("security.protocol", "SSL");
        assertThat(settings.bulkLimits().flushInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(SinkComponent.sinkSettings(configuration)).containsEntry("sink.bulk.flush.interval", "250ms");
        assertThat(List.copyOf(SinkComponent.sinkSettings(configuration).keySet())).doesNotHaveDuplicates();
    }
}
