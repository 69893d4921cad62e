package io.mailflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class AvroSerdesTest {

    private static final String TOPIC = "mailflow.test";

    @Test
    void deliveryEventSurvivesRoundTrip() {
        DeliveryEvent event = DeliveryEvent.newBuilder()
                .setQueueId("4BC8B1C0A2F")
                .setTimestamp("2026-06-10T09:28:17Z")
                .setEventTime(1_781_083_697_000L)
                .setHost("mx1")
                .setProgram("postfix/smtp")
                .setRecipient("alice@gmail.com")
                .setRecipientDomain("gmail.com")
                .setStatus(DeliveryStatus.DEFERRED)
                .setDsn("4.7.0")
                .setReplyCode(421)
                .setCategory("reputation")
                .setProvider("google")
                .setRemediation(Remediation.newBuilder()
                        .setKey("gmail-bulk-sender")
                        .setNextStep("Check Postmaster Tools")
                        .setUrl("https://postmaster.google.com/")
                        .build())
                .setSource(SourceCoordinates.newBuilder().setTopic("mailflow.maillog.raw").setPartition(2)
                        .setOffset(17L).build())
                .build();

        try (Serde<DeliveryEvent> serde = AvroSerdes.serde(DeliveryEvent.class)) {
            byte[] bytes = serde.serializer().serialize(TOPIC, event);
            DeliveryEvent decoded = serde.deserializer().deserialize(TOPIC, bytes);

            assertThat(bytes[0]).isEqualTo((byte) 0xC3);
            assertThat(bytes[1]).isEqualTo((byte) 0x01);
            assertThat(decoded).isEqualTo(event);
        }
    }

    @Test
    void alertWithEvidenceSurvivesRoundTrip() {
        Alert alert = Alert.newBuilder()
                .setAlertId("REPUTATION_COLLAPSE|203.0.113.7|google|1781083680000")
                .setType(AlertType.REPUTATION_COLLAPSE)
                .setEvent(AlertEvent.OPEN)
                .setSeverity(AlertSeverity.CRITICAL)
                .setKey("203.0.113.7|google")
                .setSendingIp("203.0.113.7")
                .setProvider("google")
                .setEventTime(1_781_083_740_000L)
                .setFirstSeen(1_781_083_680_000L)
                .setLastSeen(1_781_083_739_000L)
                .setWindowSizeMs(60_000L)
                .setAttempts(120)
                .setMatching(97)
                .setRate(0.81)
                .setBaseline(0.02)
                .setSummary("Gmail refuses 81% of mail from 203.0.113.7")
                .setSampleReplies(List.of(SampleReply.newBuilder()
                        .setCategory("reputation")
                        .setReplyCode(550)
                        .setEnhancedStatusCode("5.7.1")
                        .setText("550-5.7.1 ... unsolicited mail ...")
                        .setEventTime(1_781_083_700_000L)
                        .build()))
                .build();

        try (Serde<Alert> serde = AvroSerdes.serde(Alert.class)) {
            Alert decoded = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, alert));

            assertThat(decoded).isEqualTo(alert);
        }
    }

    @Test
    void inventoryTombstoneStaysNull() {
        try (Serde<HostInventoryEntry> serde = AvroSerdes.serde(HostInventoryEntry.class)) {
            assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
            assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
        }
    }

    @Test
    void recordWrittenWithOlderSchemaIsReadWithDefaults() throws Exception {
        // The shape a producer of an older release writes: HostInventoryEntry before labels existed.
        Schema older = SchemaBuilder.record("HostInventoryEntry").namespace("io.mailflow.schemas").fields()
                .requiredString("host")
                .optionalString("instance")
                .name("sendingIps").type().array().items().stringType().noDefault()
                .optionalString("tenant")
                .endRecord();
        GenericRecord record = new GenericData.Record(older);
        record.put("host", "mx7");
        record.put("instance", null);
        record.put("sendingIps", List.of("198.51.100.4"));
        record.put("tenant", "acme");
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(record);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);

        try (Serde<HostInventoryEntry> serde = AvroSerdes.serde(HostInventoryEntry.class)) {
            assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                    .as("a writer schema that was never committed is unknown to the decoder")
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("HostInventoryEntry");
        }

        try (Serde<HostInventoryEntry> serde = AvroSerdes.serdeWithExtraWriterSchemas(
                HostInventoryEntry.class, List.of(older))) {
            HostInventoryEntry decoded = serde.deserializer().deserialize(TOPIC, bytes);

            assertThat(decoded.getHost()).isEqualTo("mx7");
            assertThat(decoded.getSendingIps()).containsExactly("198.51.100.4");
            assertThat(decoded.getLabels()).isEqualTo(Map.of());
        }
    }

    @Test
    void garbageBytesRaiseSerializationExceptionNamingTopic() {
        try (Serde<DeliveryStats> serde = AvroSerdes.serde(DeliveryStats.class)) {
            assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {1, 2, 3}))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining(TOPIC);
        }
    }
}
