package io.mailflow.sink.mapping;

import static io.mailflow.sink.mapping.Sources.field;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mailflow.schemas.AlertEvent;
import io.mailflow.sink.TestRecords;

class AlertMapperTest {

    @Test
    void alertGivesIncidentAndEventDocuments() {
        List<SinkDocument> documents = new AlertMapper(true).map(TestRecords.alert(AlertEvent.OPEN).build());

        assertThat(documents).extracting(SinkDocument::index)
                .containsExactly("mailflow-alerts", "mailflow-alert-events-2026.06.10");
        assertThat(documents.get(0).id()).isEqualTo("DEFERRAL_SPIKE|203.0.113.7|google|" + TestRecords.WINDOW_START);
        assertThat(documents.get(1).id()).isEqualTo("DEFERRAL_SPIKE|203.0.113.7|google|" + TestRecords.WINDOW_START
                + "|OPEN|" + (TestRecords.WINDOW_START + TestRecords.WINDOW_SIZE));
    }

    @Test
    void withoutHistoryOnlyIncidentIsWritten() {
        List<SinkDocument> documents = new AlertMapper(false).map(TestRecords.alert(AlertEvent.OPEN).build());

        assertThat(documents).extracting(SinkDocument::index).containsExactly("mailflow-alerts");
    }

    @Test
    void incidentEventsShareOneId() {
        AlertMapper mapper = new AlertMapper(true);

        String open = mapper.map(TestRecords.alert(AlertEvent.OPEN).build()).get(0).id();
        String update = mapper.map(TestRecords.alert(AlertEvent.UPDATE).build()).get(0).id();
        String resolve = mapper.map(TestRecords.alert(AlertEvent.RESOLVE).build()).get(0).id();

        assertThat(update).isEqualTo(open);
        assertThat(resolve).isEqualTo(open);
    }

    @Test
    void openAlertCarriesStateRemediationAndSummary() {
        Map<String, Object> source = new AlertMapper(true).map(TestRecords.alert(AlertEvent.OPEN).build()).get(0).source();

        assertThat(field(source, "mailflow.alert.state")).isEqualTo("open");
        assertThat(field(source, "mailflow.alert.type")).isEqualTo("deferral_spike");
        assertThat(field(source, "mailflow.alert.severity")).isEqualTo("critical");
        assertThat(field(source, "event.action")).isEqualTo("open");
        assertThat(field(source, "event.kind")).isEqualTo("alert");
        assertThat(field(source, "mailflow.remediation.next_step")).asString().startsWith("Check Postmaster Tools");
        assertThat(field(source, "message")).asString().startsWith("Deferrals from 203.0.113.7");
        assertThat(field(source, "mailflow.alert.resolved_at")).isNull();
    }

    @Test
    void resolveMarksIncidentResolved() {
        Map<String, Object> source = new AlertMapper(true).map(TestRecords.alert(AlertEvent.RESOLVE).build()).get(0).source();

        assertThat(field(source, "mailflow.alert.state")).isEqualTo("resolved");
        assertThat(field(source, "mailflow.alert.resolved_at")).isEqualTo("2026-06-10T09:30:00Z");
        assertThat(field(source, "mailflow.alert.duration_ms")).isEqualTo(3_600_000L);
    }

    @Test
    void infiniteVolumeRatioIsLeftOut() {
        Map<String, Object> source = new AlertMapper(false).map(TestRecords.alert(AlertEvent.OPEN)
                .setRate(Double.POSITIVE_INFINITY).build()).get(0).source();

        assertThat(field(source, "mailflow.alert.rate")).isNull();
        assertThat(field(source, "mailflow.alert.baseline")).isEqualTo(0.02);
    }
}
