package io.mailflow.sink.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import co.elastic.clients.json.JsonData;
import io.mailflow.embedded.EmbeddedKafka;
import io.mailflow.embedded.LocalElasticsearch;
import io.mailflow.embedded.junit.EmbeddedServicesExtension;
import io.mailflow.schemas.Alert;
import io.mailflow.schemas.AlertEvent;
import io.mailflow.schemas.AvroSerdes;
import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStats;
import io.mailflow.schemas.SenderStats;
import io.mailflow.sink.DeadLetterHeaders;
import io.mailflow.sink.SinkCounters;
import io.mailflow.sink.SinkService;
import io.mailflow.sink.TestRecords;
import io.mailflow.sink.mapping.AlertMapper;
import io.mailflow.sink.mapping.DeliveryEventMapper;
import io.mailflow.sink.mapping.DeliveryStatsMapper;
import io.mailflow.sink.mapping.SenderStatsMapper;
import jakarta.json.JsonObject;

@Tag("integration")
@ExtendWith(EmbeddedServicesExtension.class)
class SinkIntegrationTest {

    @Test
    void documentsLandWithEcsFields(EmbeddedKafka kafka, LocalElasticsearch elasticsearch) throws Exception {
        Instant day = Instant.parse("2026-03-01T00:00:00Z");
        try (SinkFixture fixture = new SinkFixture(kafka, elasticsearch.httpUrl(), "ecs")) {
            List<DeliveryEvent> deliveries = fixture.sendDeliveries(day, 0, 20);
            DeliveryStats stats = TestRecords.ipProviderStats().setWindowStart(day.toEpochMilli())
                    .setWindowEnd(day.toEpochMilli() + 300_000).setFirstSeen(day.toEpochMilli()).setLastSeen(day.toEpochMilli() + 1000).build();
            fixture.send(fixture.ipProviderTopic(), DeliveryStatsMapper.id(stats),
                    AvroSerdes.serde(DeliveryStats.class).serializer().serialize("stats", stats));
            SenderStats senderStats = TestRecords.senderStats().setWindowStart(day.toEpochMilli())
                    .setWindowEnd(day.toEpochMilli() + 300_000).setFirstSeen(day.toEpochMilli()).setLastSeen(day.toEpochMilli() + 1000).build();
            fixture.send(fixture.senderTopic(), SenderStatsMapper.id(senderStats),
                    AvroSerdes.serde(SenderStats.class).serializer().serialize("stats", senderStats));
            Alert open = alert(day, "ecs", AlertEvent.OPEN);
            Alert update = Alert.newBuilder(open).setEvent(AlertEvent.UPDATE).setEventTime(open.getEventTime() + 300_000).setRate(0.6).build();
            sendAlert(fixture, open);
            sendAlert(fixture, update);

            SinkService sink = fixture.startSink("ecs-sink");
            String deliveriesIndex = "mailflow-deliveries-2026.03.01";
            SinkFixture.await("20 deliveries are indexed", () -> fixture.count(deliveriesIndex) == 20);
            SinkFixture.await("the alert update is indexed", () -> fixture.count("mailflow-alert-events-2026.03.01") == 2);

            JsonObject delivery = source(fixture, deliveriesIndex, DeliveryEventMapper.id(deliveries.get(3)));
            assertThat(delivery.getString("@timestamp")).isEqualTo("2026-03-01T00:00:03Z");
            assertThat(delivery.getJsonObject("source").getString("ip")).isEqualTo("203.0.113.8");
            assertThat(delivery.getJsonObject("destination").getString("domain")).isEqualTo("gmail-smtp-in.l.google.com");
            assertThat(delivery.getJsonObject("email").getJsonObject("to").getString("address")).isEqualTo("user3@gmail.com");
            assertThat(delivery.getJsonObject("event").getString("outcome")).isEqualTo("failure");
            assertThat(delivery.getJsonObject("mailflow").getString("category")).isEqualTo("reputation");

            assertThat(fixture.count("mailflow-deliveries")).as("the read alias covers the daily index").isGreaterThanOrEqualTo(20);
            JsonObject statsDocument = source(fixture, "mailflow-stats-ip-provider-2026.03.01", DeliveryStatsMapper.id(stats));
            assertThat(statsDocument.getJsonObject("mailflow").getJsonNumber("deferred").longValue()).isEqualTo(18);
            JsonObject senderDocument = source(fixture, "mailflow-stats-sender-2026.03.01", SenderStatsMapper.id(senderStats));
            assertThat(senderDocument.getJsonObject("mailflow").getString("identity")).isEqualTo("newsletter");
            JsonObject incident = source(fixture, "mailflow-alerts", AlertMapper.incidentId(open));
            assertThat(incident.getJsonObject("event").getString("action")).isEqualTo("update");
            assertThat(incident.getJsonObject("mailflow").getJsonObject("alert").getJsonNumber("rate").doubleValue()).isEqualTo(0.6);

            List<String> topics = List.of(fixture.deliveriesTopic(), fixture.ipProviderTopic(), fixture.senderTopic(), fixture.alertsTopic());
            long produced = fixture.endOffsets(topics).values().stream().mapToLong(Long::longValue).sum();
            SinkFixture.await("every offset is committed", () -> fixture.committedTotal("ecs-sink", topics) == produced);
            // The open and the update of one incident share a document. When both wait in one flush,
            // only the update is written, so the incident counts once or twice.
            assertThat(((SinkCounters) sink.metrics()).documentsIndexed()).isBetween(20L + 1 + 1 + 2 + 1, 20L + 1 + 1 + 2 + 2);
        }
    }

    @Test
    void replayWithNewGroupKeepsDocumentCount(EmbeddedKafka kafka, LocalElasticsearch elasticsearch) throws Exception {
        Instant day = Instant.parse("2026-03-02T00:00:00Z");
        try (SinkFixture fixture = new SinkFixture(kafka, elasticsearch.httpUrl(), "replay")) {
            fixture.sendDeliveries(day, 0, 120);
            Alert open = alert(day, "replay", AlertEvent.OPEN);
            sendAlert(fixture, open);
            sendAlert(fixture, Alert.newBuilder(open).setEvent(AlertEvent.RESOLVE).setEventTime(open.getEventTime() + 600_000).build());
            List<String> topics = List.of(fixture.deliveriesTopic(), fixture.alertsTopic());
            long produced = fixture.endOffsets(topics).values().stream().mapToLong(Long::longValue).sum();

            SinkService first = fixture.startSink("replay-first");
            SinkFixture.await("the first run commits every offset", () -> fixture.committedTotal("replay-first", topics) == produced);
            first.close();
            assertThat(first.state()).isEqualTo(SinkService.State.STOPPED);
            long deliveries = fixture.count("mailflow-deliveries-2026.03.02");
            long events = fixture.count("mailflow-alert-events-2026.03.02");

            fixture.startSink("replay-second");
            SinkFixture.await("the replay commits every offset", () -> fixture.committedTotal("replay-second", topics) == produced);

            assertThat(deliveries).isEqualTo(120);
            assertThat(events).isEqualTo(2);
            assertThat(fixture.count("mailflow-deliveries-2026.03.02")).isEqualTo(120);
            assertThat(fixture.count("mailflow-alert-events-2026.03.02")).isEqualTo(2);
            JsonObject incident = source(fixture, "mailflow-alerts", AlertMapper.incidentId(open));
            assertThat(incident.getJsonObject("mailflow").getJsonObject("alert").getString("state")).isEqualTo("resolved");
        }
    }

    @Test
    void rejectedDocumentGoesToDeadLetterTopic(EmbeddedKafka kafka, LocalElasticsearch elasticsearch) throws Exception {
        Instant day = Instant.parse("2026-03-03T00:00:00Z");
        try (SinkFixture fixture = new SinkFixture(kafka, elasticsearch.httpUrl(), "rejects")) {
            fixture.sendDeliveries(day, 0, 3);
            // sendmail logs an IPv6 relay as relay=[IPv6:2001:db8::5]; a parser that keeps the tag
            // breaks the contract of relayIp, and the ip field destination.ip refuses the value.
            DeliveryEvent sendmail = DeliveryEvent.newBuilder(SinkFixture.delivery(day, 3))
                    .setMta("sendmail").setProgram("sm-mta").setRelayHost(null).setRelayIp("IPv6:2001:db8::5").build();
            byte[] sendmailBytes = SinkFixture.serialize(sendmail);
            fixture.send(fixture.deliveriesTopic(), "rejected-key", sendmailBytes);
            fixture.send(fixture.deliveriesTopic(), "garbage-key", "not avro".getBytes(StandardCharsets.UTF_8));
            fixture.sendDeliveries(day, 4, 3);

            fixture.startSink("rejects-sink");
            SinkFixture.await("six deliveries are indexed", () -> fixture.count("mailflow-deliveries-2026.03.03") == 6);
            List<ConsumerRecord<byte[], byte[]>> deadLetters = fixture.deadLetters(2);

            assertThat(deadLetters).hasSize(2);
            ConsumerRecord<byte[], byte[]> rejected = deadLetters.stream()
                    .filter(record -> new String(record.key(), StandardCharsets.UTF_8).equals("rejected-key")).findFirst().orElseThrow();
            assertThat(rejected.value()).isEqualTo(sendmailBytes);
            assertThat(header(rejected, DeadLetterHeaders.STATUS)).isEqualTo("400");
            assertThat(header(rejected, DeadLetterHeaders.REASON)).endsWith("parsing_exception");
            assertThat(header(rejected, DeadLetterHeaders.DETAIL)).contains("destination.ip");
            assertThat(header(rejected, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(fixture.deliveriesTopic());
            assertThat(header(rejected, DeadLetterHeaders.SOURCE_OFFSET)).isNotNull();
            assertThat(header(rejected, DeadLetterHeaders.DOCUMENT_ID)).isEqualTo(DeliveryEventMapper.id(sendmail));
            ConsumerRecord<byte[], byte[]> garbage = deadLetters.stream()
                    .filter(record -> new String(record.key(), StandardCharsets.UTF_8).equals("garbage-key")).findFirst().orElseThrow();
            assertThat(header(garbage, DeadLetterHeaders.REASON)).isEqualTo("decode-failed");
            assertThat(new String(garbage.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");

            List<String> topics = List.of(fixture.deliveriesTopic());
            SinkFixture.await("every offset is committed", () -> fixture.committedTotal("rejects-sink", topics) == 8);
        }
    }

    @Test
    void elasticsearchOutageLosesNothing(EmbeddedKafka kafka) throws Exception {
        Instant day = Instant.parse("2026-03-04T00:00:00Z");
        try (LocalElasticsearch ownElasticsearch = LocalElasticsearch.start();
                SinkFixture fixture = new SinkFixture(kafka, ownElasticsearch.httpUrl(), "outage")) {
            String index = "mailflow-deliveries-2026.03.04";
            List<String> topics = List.of(fixture.deliveriesTopic());
            fixture.sendDeliveries(day, 0, 100);
            SinkService sink = fixture.startSink("outage-sink");
            SinkCounters counters = (SinkCounters) sink.metrics();
            SinkFixture.await("the first 100 deliveries are indexed", () -> fixture.count(index) == 100);
            SinkFixture.await("the first 100 offsets are committed", () -> fixture.committedTotal("outage-sink", topics) == 100);

            ownElasticsearch.stop();
            fixture.sendDeliveries(day, 100, 150);
            SinkFixture.await("the sink pauses", () -> !counters.writing());
            SinkFixture.await("the sink retried", () -> counters.failedBulkRequests() >= 3);

            Map<TopicPartition, Long> duringOutage = fixture.committedOffsets("outage-sink");
            assertThat(duringOutage.values().stream().mapToLong(Long::longValue).sum())
                    .as("no offset is committed while Elasticsearch is down").isEqualTo(100);
            assertThat(sink.state()).isEqualTo(SinkService.State.RUNNING);

            ownElasticsearch.restart();
            SinkFixture.await("all 250 deliveries are indexed", () -> fixture.count(index) == 250);
            SinkFixture.await("all 250 offsets are committed", () -> fixture.committedTotal("outage-sink", topics) == 250);
            SinkFixture.await("the sink writes again", counters::writing);
            assertThat(counters.recordsRejected()).isZero();
        }
    }

    private static Alert alert(Instant day, String name, AlertEvent event) {
        long windowStart = day.toEpochMilli();
        return TestRecords.alert(event)
                .setAlertId("DEFERRAL_SPIKE|" + name + "|google|" + windowStart)
                .setFirstSeen(windowStart)
                .setLastSeen(windowStart + 200_000)
                .setEventTime(windowStart + 300_000)
                .build();
    }

    private static void sendAlert(SinkFixture fixture, Alert alert) {
        fixture.send(fixture.alertsTopic(), alert.getAlertId(), AvroSerdes.serde(Alert.class).serializer().serialize("alerts", alert));
    }

    private static JsonObject source(SinkFixture fixture, String index, String id) throws Exception {
        JsonData document = fixture.get(index, id);
        assertThat(document).as("document %s/%s", index, id).isNotNull();
        return document.toJson().asJsonObject();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

}
