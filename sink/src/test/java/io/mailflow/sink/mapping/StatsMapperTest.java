package io.mailflow.sink.mapping;

import static io.mailflow.sink.mapping.Sources.field;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mailflow.schemas.SenderIdentityType;
import io.mailflow.sink.TestRecords;

class StatsMapperTest {

    @Test
    void ipProviderStatsUseWindowKeyAsId() {
        SinkDocument document = new DeliveryStatsMapper().map(TestRecords.ipProviderStats().build()).get(0);

        assertThat(document.id()).isEqualTo("203.0.113.7|google|300000|" + TestRecords.WINDOW_START);
        assertThat(document.index()).isEqualTo("mailflow-stats-ip-provider-2026.06.10");
    }

    @Test
    void ipProviderStatsMapCountsRatesAndWindow() {
        Map<String, Object> source = new DeliveryStatsMapper().map(TestRecords.ipProviderStats().build()).get(0).source();

        assertThat(field(source, "@timestamp")).isEqualTo("2026-06-10T09:25:00Z");
        assertThat(field(source, "source.ip")).isEqualTo("203.0.113.7");
        assertThat(field(source, "host.name")).isEqualTo(List.of("mx1.example.net", "mx2.example.net"));
        assertThat(field(source, "mailflow.window.start")).isEqualTo("2026-06-10T09:25:00Z");
        assertThat(field(source, "mailflow.window.end")).isEqualTo("2026-06-10T09:30:00Z");
        assertThat(field(source, "mailflow.window.size_ms")).isEqualTo(300_000L);
        assertThat(field(source, "mailflow.deferred")).isEqualTo(18L);
        assertThat(field(source, "mailflow.deferral_rate")).isEqualTo(0.45);
        assertThat(field(source, "mailflow.category_counts.reputation")).isEqualTo(17L);
        assertThat(field(source, "event.kind")).isEqualTo("metric");
        assertThat(Sources.leaves(source)).containsEntry("mailflow.sample_replies.count", 17L);
    }

    @Test
    void windowsOfDifferentSizesAreSeparateDocuments() {
        String fiveMinutes = DeliveryStatsMapper.id(TestRecords.ipProviderStats().build());
        String oneMinute = DeliveryStatsMapper.id(TestRecords.ipProviderStats().setWindowSizeMs(60_000).build());

        assertThat(oneMinute).isNotEqualTo(fiveMinutes);
    }

    @Test
    void windowAcrossMidnightKeepsStartDay() {
        long start = java.time.Instant.parse("2026-06-10T23:00:00Z").toEpochMilli();

        SinkDocument document = new DeliveryStatsMapper().map(TestRecords.ipProviderStats()
                .setWindowStart(start).setWindowEnd(start + 3_600_000).setWindowSizeMs(3_600_000).build()).get(0);

        assertThat(document.index()).isEqualTo("mailflow-stats-ip-provider-2026.06.10");
    }

    @Test
    void senderStatsUseWindowKeyAsId() {
        SinkDocument document = new SenderStatsMapper().map(TestRecords.senderStats().build()).get(0);

        assertThat(document.id()).isEqualTo("mx1.example.net|SASL_USER|newsletter|300000|" + TestRecords.WINDOW_START);
        assertThat(document.index()).isEqualTo("mailflow-stats-sender-2026.06.10");
    }

    @Test
    void senderStatsMapIdentityAndAddresses() {
        Map<String, Object> source = new SenderStatsMapper().map(TestRecords.senderStats().build()).get(0).source();

        assertThat(field(source, "host.name")).isEqualTo("mx1.example.net");
        assertThat(field(source, "mailflow.identity_type")).isEqualTo("sasl_user");
        assertThat(field(source, "mailflow.identity")).isEqualTo("newsletter");
        assertThat(field(source, "source.address")).isEqualTo(List.of("203.0.113.7", "mx1.example.net"));
        assertThat(field(source, "source.ip")).isEqualTo(List.of("203.0.113.7"));
        assertThat(field(source, "email.from.address")).isEqualTo(List.of("newsletter@example.net"));
        assertThat(field(source, "mailflow.provider_counts.google")).isEqualTo(700L);
        assertThat(field(source, "mailflow.rejections")).isEqualTo(12L);
    }

    @Test
    void longIdentityIsHashed() {
        String identity = "x".repeat(600) + "@example.net";

        String id = SenderStatsMapper.id(TestRecords.senderStats()
                .setIdentityType(SenderIdentityType.SENDER_ADDRESS).setIdentity(identity).build());

        assertThat(id).hasSize(22);
    }
}
