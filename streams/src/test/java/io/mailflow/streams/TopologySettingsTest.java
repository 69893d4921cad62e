package io.mailflow.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mailflow.streams.settings.InvalidSettingException;

class TopologySettingsTest {

    @Test
    void defaultsHaveThreeWindows() {
        TopologySettings settings = TopologySettings.defaults();

        assertThat(settings.windows()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1));
        assertThat(settings.detectionWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.topics().all()).extracting(Topic::name).containsExactly("mailflow.maillog.raw",
                "mailflow.inventory.hosts", "mailflow.providers", "mailflow.maillog.rejected", "mailflow.deliveries",
                "mailflow.stats.ip-provider", "mailflow.stats.sender", "mailflow.alerts");
    }

    @Test
    void textValuesAreParsedByType() {
        TopologySettings settings = TopologySettings.fromText(Map.of(
                "mailflow.windows", "30s, 10m",
                "mailflow.detect.window", "PT10M",
                "mailflow.window.grace", "1500ms",
                "mailflow.input.keyed-by-host", "TRUE",
                "mailflow.detect.noise-categories", "greylisting",
                "mailflow.other-module.key", "ignored"));

        assertThat(settings.windows()).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(10));
        assertThat(settings.detectionWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.grace()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.inputKeyedByHost()).isTrue();
        assertThat(settings.get(TopologySettings.DETECT_NOISE_CATEGORIES)).containsExactly("greylisting");
    }

    @Test
    void invalidValueNamesKeyAndAllowed() {
        assertThatThrownBy(() -> TopologySettings.fromText(Map.of("mailflow.window.grace", "soon")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("mailflow.window.grace")
                .hasMessageContaining("'soon'")
                .hasMessageContaining("a duration such as 500ms, 30s, 5m, 1h, 2d or PT1M")
                .extracting(error -> ((InvalidSettingException) error).key())
                .isEqualTo("mailflow.window.grace");
    }

    @Test
    void valueOutsideRangeNamesTheRange() {
        assertThatThrownBy(() -> TopologySettings.fromText(Map.of("mailflow.detect.deferral.min-rate", "1.5")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid value '1.5' for mailflow.detect.deferral.min-rate: allowed between 0 and 1");
    }

    @Test
    void detectionWindowMustBeOneOfTheWindows() {
        assertThatThrownBy(() -> TopologySettings.fromText(Map.of("mailflow.detect.window", "2m")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid value '2m' for mailflow.detect.window: allowed one of the sizes in "
                        + "mailflow.windows (1m,5m,1h)");
    }

    @Test
    void duplicateWindowSizesAreRejected() {
        assertThatThrownBy(() -> TopologySettings.fromText(Map.of("mailflow.windows", "1m,60s")))
                .hasMessageContaining("no size twice");
    }

    @Test
    void twoSettingsCannotNameTheSameTopic() {
        assertThatThrownBy(() -> TopologySettings.defaults()
                .with(TopologySettings.TOPIC_ALERTS, "mailflow.deliveries"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("mailflow.topic.");
    }

    @Test
    void textRoundTripKeepsEveryValue() {
        TopologySettings settings = TopologySettings.defaults()
                .with(TopologySettings.WINDOWS, List.of(Duration.ofMinutes(1), Duration.ofMillis(90_500)))
                .with(TopologySettings.SPAM_VOLUME_FACTOR, 7.5);

        assertThat(TopologySettings.fromText(settings.toText())).isEqualTo(settings);
    }

    @Test
    void settingsHaveDescriptions() {
        assertThat(TopologySettings.INPUT_KEYED_BY_HOST.environmentVariable()).isEqualTo("MAILFLOW_INPUT_KEYED_BY_HOST");
        assertThat(TopologySettings.DEFINITIONS).allSatisfy(setting -> {
            assertThat(setting.description()).isNotBlank();
            assertThat(setting.required()).isFalse();
        });
    }
}
