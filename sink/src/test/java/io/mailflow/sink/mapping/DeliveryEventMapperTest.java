package io.mailflow.sink.mapping;

import static io.mailflow.sink.mapping.Sources.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.schemas.SourceCoordinates;
import io.mailflow.sink.TestRecords;

class DeliveryEventMapperTest {

    private final DeliveryEventMapper mapper = new DeliveryEventMapper();

    @Test
    void deferralGoesToDailyIndexOfEventTime() {
        SinkDocument document = single(TestRecords.deferral().build());

        assertThat(document.index()).isEqualTo("mailflow-deliveries-2026.06.10");
    }

    @Test
    void deferralMapsToEcsFields() {
        Map<String, Object> source = single(TestRecords.deferral().build()).source();

        assertThat(field(source, "@timestamp")).isEqualTo("2026-06-10T09:28:17Z");
        assertThat(field(source, "host.name")).isEqualTo("mx1.example.net");
        assertThat(field(source, "source.ip")).isEqualTo("203.0.113.7");
        assertThat(field(source, "source.address")).isEqualTo("203.0.113.7");
        assertThat(field(source, "destination.domain")).isEqualTo("gmail-smtp-in.l.google.com");
        assertThat(field(source, "destination.ip")).isEqualTo("142.250.27.26");
        assertThat(field(source, "destination.port")).isEqualTo(25);
        assertThat(field(source, "email.from.address")).isEqualTo("newsletter@example.net");
        assertThat(field(source, "email.to.address")).isEqualTo("alice@gmail.com");
        assertThat(field(source, "email.message_id")).isEqualTo("20260610092800.ABC@example.net");
        assertThat(field(source, "event.outcome")).isEqualTo("failure");
        assertThat((String) field(source, "event.reason")).startsWith("host gmail-smtp-in.l.google.com");
        assertThat(field(source, "event.dataset")).isEqualTo("mailflow.deliveries");
        assertThat(field(source, "event.category")).isEqualTo(List.of("email"));
        assertThat(field(source, "log.syslog.appname")).isEqualTo("postfix-out/smtp");
    }

    @Test
    void deferralMapsMailflowFields() {
        Map<String, Object> source = single(TestRecords.deferral().build()).source();

        assertThat(field(source, "mailflow.queue_id")).isEqualTo("4B1C21A0F3");
        assertThat(field(source, "mailflow.status")).isEqualTo("deferred");
        assertThat(field(source, "mailflow.dsn")).isEqualTo("4.7.0");
        assertThat(field(source, "mailflow.reply_code")).isEqualTo(421);
        assertThat(field(source, "mailflow.enhanced_status_code")).isEqualTo("4.7.0");
        assertThat(field(source, "mailflow.category")).isEqualTo("reputation");
        assertThat(field(source, "mailflow.provider")).isEqualTo("google");
        assertThat(field(source, "mailflow.remediation.key")).isEqualTo("gmail-bulk-sender");
        assertThat(field(source, "mailflow.recipient_domain")).isEqualTo("gmail.com");
        assertThat(field(source, "mailflow.tenant")).isEqualTo("acme");
        assertThat(field(source, "mailflow.delay")).isEqualTo(12.5);
        assertThat(field(source, "mailflow.source.topic")).isEqualTo("mailflow.maillog.raw");
        assertThat(field(source, "mailflow.source.partition")).isEqualTo(2);
        assertThat(field(source, "mailflow.source.offset")).isEqualTo(41_337L);
    }

    @Test
    void sentAttemptHasSuccessOutcome() {
        DeliveryEvent sent = TestRecords.deferral().setStatus(DeliveryStatus.SENT).setCategory(null).build();

        Map<String, Object> source = single(sent).source();

        assertThat(field(source, "event.outcome")).isEqualTo("success");
        assertThat(field(source, "mailflow.status")).isEqualTo("sent");
        assertThat(field(source, "mailflow.category")).isNull();
    }

    @Test
    void hostNameStaysOutOfIpField() {
        DeliveryEvent event = TestRecords.deferral().setSendingIp("mx1.example.net").setSendingIpSource("host").build();

        Map<String, Object> source = single(event).source();

        assertThat(field(source, "source.address")).isEqualTo("mx1.example.net");
        assertThat(field(source, "source.ip")).isNull();
    }

    @Test
    void nullSenderIsKeptAsEmptyAddress() {
        Map<String, Object> source = single(TestRecords.deferral().setSender("").build()).source();

        assertThat(field(source, "email.from.address")).isEqualTo("");
    }

    @Test
    void nullFieldsAreLeftOut() {
        DeliveryEvent bare = DeliveryEvent.newBuilder()
                .setTimestamp("2026-06-10T09:28:17Z")
                .setEventTime(TestRecords.EVENT_TIME)
                .setStatus(DeliveryStatus.EXPIRED)
                .build();

        Map<String, Object> source = single(bare).source();

        assertThat(Sources.paths(source)).doesNotContain("host.name", "email.to.address", "mailflow.source.topic",
                "mailflow.remediation.key", "destination.ip");
        assertThat(field(source, "mailflow.status")).isEqualTo("expired");
    }

    @Test
    void idIsStableForTheSameAttempt() {
        String first = single(TestRecords.deferral().build()).id();
        String second = single(TestRecords.deferral().build()).id();

        assertThat(first).isEqualTo(second).hasSize(22);
    }

    @Test
    void idDiffersWhenAnyIdentifyingFieldDiffers() {
        String base = DeliveryEventMapper.id(TestRecords.deferral().build());

        assertThat(DeliveryEventMapper.id(TestRecords.deferral().setHost("mx2.example.net").build())).isNotEqualTo(base);
        assertThat(DeliveryEventMapper.id(TestRecords.deferral().setQueueId("4B1C21A0F4").build())).isNotEqualTo(base);
        assertThat(DeliveryEventMapper.id(TestRecords.deferral().setRecipient("bob@gmail.com").build())).isNotEqualTo(base);
        assertThat(DeliveryEventMapper.id(TestRecords.deferral().setStatus(DeliveryStatus.SENT).build())).isNotEqualTo(base);
        assertThat(DeliveryEventMapper.id(TestRecords.deferral().setEventTime(TestRecords.EVENT_TIME + 1).build())).isNotEqualTo(base);
        SourceCoordinates nextLine = SourceCoordinates.newBuilder().setTopic("mailflow.maillog.raw").setPartition(2).setOffset(41_338L).build();
        assertThat(DeliveryEventMapper.id(TestRecords.deferral().setSource(nextLine).build())).isNotEqualTo(base);
    }

    @Test
    void idIgnoresFieldsOutsideTheAttemptIdentity() {
        String base = DeliveryEventMapper.id(TestRecords.deferral().build());

        String reclassified = DeliveryEventMapper.id(TestRecords.deferral().setCategory("blocklist").setProvider("other").build());

        assertThat(reclassified).isEqualTo(base);
    }

    @Test
    void eventTimeInMicrosecondsIsUnmappable() {
        DeliveryEvent micros = TestRecords.deferral().setEventTime(TestRecords.EVENT_TIME * 1000).build();

        assertThatThrownBy(() -> mapper.map(micros))
                .isInstanceOf(UnmappableRecordException.class)
                .hasMessageContaining("outside years 1970 to 9999");
    }

    @Test
    void nonFiniteDelayIsLeftOut() {
        Map<String, Object> source = single(TestRecords.deferral().setDelay(Double.NaN).build()).source();

        assertThat(field(source, "mailflow.delay")).isNull();
    }

    private SinkDocument single(DeliveryEvent event) {
        List<SinkDocument> documents = mapper.map(event);
        assertThat(documents).hasSize(1);
        return documents.get(0);
    }
}
