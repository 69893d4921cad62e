package io.mailflow.sink.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mailflow.schemas.AlertEvent;
import io.mailflow.schemas.SenderIdentityType;
import io.mailflow.schemas.SourceCoordinates;
import io.mailflow.sink.TemplateFields;
import io.mailflow.sink.TestRecords;

/**
 * Checks every document the mappers produce against the strict mappings of the templates, without
 * Elasticsearch: each field must be declared, and each value must have a JSON type its mapping takes.
 */
class MappingConformanceTest {

    @Test
    void deliveryDocumentsFitTheDeliveriesTemplate() {
        assertFits("mailflow-deliveries", new DeliveryEventMapper().map(TestRecords.deferral().build()));
        assertFits("mailflow-deliveries", new DeliveryEventMapper().map(TestRecords.deferral().setLocalUid(1000)
                .setSource(SourceCoordinates.newBuilder().setFile("/var/log/mail.log").setLineNumber(12L).build())
                .build()));
    }

    @Test
    void ipProviderStatsFitTheirTemplate() {
        assertFits("mailflow-stats-ip-provider", new DeliveryStatsMapper().map(TestRecords.ipProviderStats().build()));
    }

    @Test
    void senderStatsFitTheirTemplate() {
        assertFits("mailflow-stats-sender", new SenderStatsMapper().map(TestRecords.senderStats().build()));
    }

    @Test
    void alertsFitIncidentAndEventTemplates() {
        List<SinkDocument> documents = new AlertMapper(true).map(TestRecords.alert(AlertEvent.RESOLVE)
                .setIdentityType(SenderIdentityType.SASL_USER).setIdentity("newsletter").build());

        assertFits("mailflow-alerts", documents.subList(0, 1));
        assertFits("mailflow-alert-events", documents.subList(1, 2));
    }

    private static void assertFits(String template, List<SinkDocument> documents) {
        TemplateFields fields = TemplateFields.of(template);
        for (SinkDocument document : documents) {
            Map<String, Object> leaves = Sources.leaves(document.source());
            assertThat(leaves).isNotEmpty();
            leaves.forEach((path, value) -> {
                assertThat(fields.accepts(path)).as("field %s of %s is declared in %s", path, document.index(), template).isTrue();
                String type = fields.type(path);
                if (type != null) {
                    assertTypeTakes(type, path, value);
                }
            });
        }
    }

    private static void assertTypeTakes(String type, String path, Object value) {
        List<?> values = value instanceof List<?> list ? list : List.of(value);
        for (Object single : values) {
            switch (type) {
                case "keyword", "text" -> assertThat(single).as(path).isInstanceOf(String.class);
                case "ip" -> assertThat(FieldValues.isIpAddress((String) single)).as("%s=%s is an address", path, single).isTrue();
                case "date" -> assertThat(Instant.parse((String) single)).as(path).isNotNull();
                case "long" -> assertThat(single).as(path).isInstanceOfAny(Long.class, Integer.class);
                case "integer" -> assertThat(single).as(path).isInstanceOf(Integer.class);
                case "double" -> assertThat(single).as(path).isInstanceOf(Double.class);
                default -> throw new AssertionError("No check for type " + type + " of " + path);
            }
        }
    }
}
