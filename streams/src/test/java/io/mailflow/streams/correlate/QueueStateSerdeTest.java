package io.mailflow.streams.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.schemas.Remediation;
import io.mailflow.schemas.SourceCoordinates;

class QueueStateSerdeTest {

    private static final String TOPIC = "correlate-by-queue-id-changelog";

    private final QueueStateSerde serde = new QueueStateSerde();

    @Test
    void fullStateRoundTrips() {
        QueueState state = new QueueState();
        state.sender("");
        state.pickupSender("webadmin");
        state.localUid(1000);
        state.client("app.example.net", "192.0.2.20");
        state.sasl("PLAIN", "alice");
        state.size(1234L);
        state.nrcpt(2);
        state.messageId("m1@example.net");
        state.mxReply("host mx said: 451 try again", "mx.example.org", "2001:db8::1", 451);
        state.lastUpdated(1_781_077_419_000L);
        state.mutableDeferredRecipients().put("carol@example.org", event("carol@example.org", DeliveryStatus.DEFERRED));
        state.mutableHeld().add(new HeldAttempt(7, event("bob@example.org", DeliveryStatus.SENT)));

        QueueState copy = roundTrip(state);

        assertThat(copy).usingRecursiveComparison().isEqualTo(state);
    }

    @Test
    void emptyStateRoundTrips() {
        QueueState state = new QueueState();

        assertThat(roundTrip(state)).usingRecursiveComparison().isEqualTo(state);
    }

    @Test
    void nullIsTombstone() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void truncatedBytesFailWithSerializationException() {
        QueueState state = new QueueState();
        state.sender("alice@example.net");
        byte[] bytes = serde.serializer().serialize(TOPIC, state);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void unknownVersionFails() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {99}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("version 99");
    }

    private QueueState roundTrip(QueueState state) {
        return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, state));
    }

    private static DeliveryEvent event(String recipient, DeliveryStatus status) {
        return DeliveryEvent.newBuilder()
                .setQueueId("AAA111")
                .setTimestamp("2026-06-10T09:00:01Z")
                .setEventTime(1_781_082_001_000L)
                .setHost("mx1")
                .setMta("postfix")
                .setProgram("postfix/smtp")
                .setRecipient(recipient)
                .setRecipientDomain("example.org")
                .setStatus(status)
                .setDsn("4.2.2")
                .setReplyCode(452)
                .setReplyText("host mx said: 452 4.2.2 full")
                .setCategory("mailbox_full")
                .setProvider("other")
                .setRemediation(Remediation.newBuilder().setKey("k").setNextStep("wait").setUrl(null).build())
                .setSource(SourceCoordinates.newBuilder().setFile("mail.log").setLineNumber(3L).build())
                .build();
    }
}
