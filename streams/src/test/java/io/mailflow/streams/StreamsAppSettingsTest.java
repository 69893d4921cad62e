package io.mailflow.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import io.mailflow.streams.settings.InvalidSettingException;

class StreamsAppSettingsTest {

    @Test
    void bootstrapServersAreRequired() {
        assertThatThrownBy(() -> StreamsAppSettings.fromText(Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("mailflow.kafka.bootstrap-servers")
                .hasMessageContaining("MAILFLOW_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void commitIntervalAboveOneSecondIsRejected() {
        assertThatThrownBy(() -> StreamsAppSettings.fromText(Map.of(
                "mailflow.kafka.bootstrap-servers", "127.0.0.1:9092",
                "mailflow.streams.commit-interval", "5s")))
                .hasMessage("Invalid value '5s' for mailflow.streams.commit-interval: allowed between 10ms and 1s");
    }

    @Test
    void processingGuaranteeNamesAllowedValues() {
        assertThatThrownBy(() -> StreamsAppSettings.fromText(Map.of(
                "mailflow.kafka.bootstrap-servers", "127.0.0.1:9092",
                "mailflow.streams.processing-guarantee", "exactly_once")))
                .hasMessageContaining("exactly_once_v2 or at_least_once");
    }

    @Test
    void streamsPropertiesUseExactlyOnce() {
        StreamsAppSettings settings = StreamsAppSettings.fromText(Map.of(
                "mailflow.kafka.bootstrap-servers", "127.0.0.1:9092",
                "mailflow.streams.state-dir", "/data/mailflow",
                "mailflow.kafka.config.security.protocol", "SSL"));
        MailflowStreamsApp app = new MailflowStreamsApp(TopologySettings.defaults(), settings, MailflowRules.loadDefault());

        Properties properties = app.streamsProperties();

        assertThat(properties.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(properties.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(200L);
        assertThat(properties.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/data/mailflow");
        assertThat(properties.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("mailflow");
        assertThat(properties.get(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG)).isEqualTo(true);
        assertThat(properties.get("security.protocol")).isEqualTo("SSL");
        assertThat(settings.get(StreamsAppSettings.COMMIT_INTERVAL)).isEqualTo(Duration.ofMillis(200));
    }
}
