package io.mailflow.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorSettingsTest {

    @Test
    void defaultsDescribeATwoHourDemoRun() {
        GeneratorSettings settings = GeneratorSettings.builder().build();

        assertThat(settings.start()).isEqualTo(Instant.parse("2026-06-10T08:00:00Z"));
        assertThat(settings.end()).isEqualTo(Instant.parse("2026-06-10T10:00:00Z"));
        assertThat(settings.hosts()).isEqualTo(6);
        assertThat(settings.incidents()).containsExactlyInAnyOrder(IncidentKind.values());
        assertThat(settings.noise()).isEqualTo(NoiseMix.DEFAULT);
    }

    @Test
    void invalidValuesAreRejectedByName() {
        assertThatThrownBy(() -> GeneratorSettings.builder().hosts(0).build()).hasMessageContaining("hosts");
        assertThatThrownBy(() -> GeneratorSettings.builder().hosts(65).build()).hasMessageContaining("hosts");
        assertThatThrownBy(() -> GeneratorSettings.builder().messagesPerSecond(0).build())
                .hasMessageContaining("messagesPerSecond");
        assertThatThrownBy(() -> GeneratorSettings.builder().duration(Duration.ZERO).build())
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> GeneratorSettings.builder().maxLines(-1).build()).hasMessageContaining("maxLines");
        assertThatThrownBy(() -> GeneratorSettings.builder().spamRunRates(0.8, 0.3).build())
                .hasMessageContaining("spam-run rates");
        assertThatThrownBy(() -> new NoiseMix(0.5, 0.4, 0.2, 1, 1)).hasMessageContaining("more than 1");
    }

    @Test
    void incidentNamesParseInEveryForm() {
        assertThat(IncidentKind.parse("gmail-rate-limit")).isEqualTo(IncidentKind.GMAIL_RATE_LIMIT);
        assertThat(IncidentKind.parse("Gmail")).isEqualTo(IncidentKind.GMAIL_RATE_LIMIT);
        assertThat(IncidentKind.parse("COMCAST_DNSBL")).isEqualTo(IncidentKind.COMCAST_DNSBL);
        assertThat(IncidentKind.parse("spam")).isEqualTo(IncidentKind.SPAM_RUN);
        assertThatThrownBy(() -> IncidentKind.parse("yahoo")).hasMessageContaining("spam-run, gmail-rate-limit");
    }

    @Test
    void explicitIncidentWindowReplacesTheSlot() {
        TimeWindow window = new TimeWindow(Instant.parse("2026-06-10T08:05:00Z"), Instant.parse("2026-06-10T08:10:00Z"));
        GeneratorSettings settings = GeneratorSettings.builder()
                .incidents(List.of(IncidentKind.COMCAST_DNSBL))
                .incidentWindow(IncidentKind.COMCAST_DNSBL, window)
                .build();

        List<Incident> incidents = new TrafficGenerator(settings).incidents();

        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).window()).isEqualTo(window);
    }

    @Test
    void unknownStormProfileIsRejected() {
        GeneratorSettings settings = GeneratorSettings.builder().greylistingStorm(true)
                .greylistingStormProfile("gmail").build();

        assertThatThrownBy(() -> new TrafficGenerator(settings)).hasMessageContaining("has no greylisting reply");
    }
}
