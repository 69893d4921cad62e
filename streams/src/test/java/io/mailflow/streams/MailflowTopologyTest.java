package io.mailflow.streams;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mailflow.schemas.Alert;
import io.mailflow.schemas.AlertType;
import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStats;
import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.schemas.ProviderRule;

import static io.mailflow.streams.MaillogLines.EXAMPLE_RELAY;
import static io.mailflow.streams.MaillogLines.EXAMPLE_SENT;
import static io.mailflow.streams.MaillogLines.GMAIL_RELAY;
import static io.mailflow.streams.MaillogLines.GMAIL_SENT;
import static io.mailflow.streams.MaillogLines.GMAIL_UNSOLICITED;
import static io.mailflow.streams.TopologyHarness.at;
import static io.mailflow.streams.TopologyHarness.host;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole topology, from raw lines to every output topic. */
class MailflowTopologyTest {

    private static final long MINUTE = 60_000L;

    @TempDir
    Path stateDir;

    private TopologyHarness harness;
    private int queueCounter;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void garbledLineGoesToRejectedTopic() {
        start(TopologySettings.defaults());
        String garbled = "\u0000\u0001 this is not a maillog line";

        send(null, MaillogLines.message("mx1", next(), at(1_000), "alice@gmail.com", GMAIL_RELAY, "2.0.0", "sent",
                GMAIL_SENT));
        harness.pipeLine("shipper-7", garbled, at(2_000));
        send(null, MaillogLines.message("mx1", next(), at(3_000), "bob@gmail.com", GMAIL_RELAY, "2.0.0", "sent",
                GMAIL_SENT));

        List<TestRecord<String, String>> rejected = harness.rejectedTopic().readRecordsToList();
        assertThat(rejected).hasSize(1);
        TestRecord<String, String> record = rejected.get(0);
        assertThat(record.key()).isEqualTo("shipper-7");
        assertThat(record.value()).isEqualTo(garbled);
        assertThat(header(record, MailflowHeaders.REASON)).isEqualTo("binary");
        assertThat(header(record, MailflowHeaders.DETAIL)).isNotEmpty();
        assertThat(header(record, MailflowHeaders.SOURCE_TOPIC)).isEqualTo("mailflow.maillog.raw");
        assertThat(header(record, MailflowHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(record, MailflowHeaders.SOURCE_OFFSET)).isEqualTo("3");
        assertThat(harness.counter("lines-rejected")).isEqualTo(1.0);
        assertThat(harness.counter("lines-rejected-binary")).isEqualTo(1.0);

        assertThat(harness.deliveries()).extracting(delivery -> delivery.value.getRecipient())
                .containsExactly("alice@gmail.com", "bob@gmail.com");
    }

    @Test
    void deliveryEventCarriesRawSource() {
        start(TopologySettings.defaults());

        send(null, MaillogLines.message("mx1", next(), at(1_000), "alice@gmail.com", GMAIL_RELAY, "2.0.0", "sent",
                GMAIL_SENT));

        DeliveryEvent event = harness.deliveries().get(0).value;
        assertThat(event.getSource().getTopic()).isEqualTo("mailflow.maillog.raw");
        assertThat(event.getSource().getPartition()).isEqualTo(0);
        assertThat(event.getSource().getOffset()).isEqualTo(1L);
        assertThat(event.getEventTime()).isEqualTo(at(1_000));
        assertThat(event.getSender()).isEqualTo("newsletter@shop.example");
        assertThat(event.getStatus()).isEqualTo(DeliveryStatus.SENT);
        assertThat(event.getProvider()).isEqualTo("google");
    }

    @Test
    void ignoredLinesAreCountedByReason() {
        start(TopologySettings.defaults());

        harness.pipeLine(null, MaillogLines.smtpdConnect("mx1", at(1_000)), at(1_000));
        harness.pipeLine(null, MaillogLines.smtpdConnect("mx1", at(2_000)), at(2_000));

        assertThat(harness.counter("lines-ignored")).isEqualTo(2.0);
        assertThat(harness.counter("lines-ignored-postfix_session")).isEqualTo(2.0);
        assertThat(harness.rejectedTopic().isEmpty()).isTrue();
    }

    @Test
    void watermarkLineClosesLastWindows() {
        start(TopologySettings.defaults());
        send(null, MaillogLines.message("mx1", next(), at(10_000), "alice@gmail.com", GMAIL_RELAY, "2.0.0", "sent",
                GMAIL_SENT));

        harness.pipeLine(null, "#mailflow-watermark " + at(60 * MINUTE + 30_000), at(11_000));

        Map<Long, DeliveryStats> bySize = harness.ipProviderStats().stream()
                .collect(Collectors.toMap(record -> record.value.getWindowSizeMs(), record -> record.value));
        assertThat(bySize).containsOnlyKeys(MINUTE, 5 * MINUTE, 60 * MINUTE);
        assertThat(bySize.values()).allSatisfy(stats -> assertThat(stats.getAttempts()).isEqualTo(1));
        assertThat(harness.senderStats()).hasSize(3);
        assertThat(harness.counter("watermarks")).isEqualTo(1.0);
        assertThat(harness.deliveries()).hasSize(1);
    }

    @Test
    void inventoryAndProviderRulesApply() {
        start(TopologySettings.defaults());
        harness.inventory("mx1", host("mx1", "acme", "203.0.113.5"));
        send(null, MaillogLines.message("mx1", next(), at(1_000), "carol@example.net", EXAMPLE_RELAY, "2.0.0", "sent",
                EXAMPLE_SENT));

        harness.providerRule("example-mx", providerRule("example-mx", "example"));
        send(null, MaillogLines.message("mx1", next(), at(2_000), "carol@example.net", EXAMPLE_RELAY, "2.0.0", "sent",
                EXAMPLE_SENT));
        harness.providerRule("example-mx", providerRule("example-mx", "examplecorp"));
        send(null, MaillogLines.message("mx1", next(), at(3_000), "carol@example.net", EXAMPLE_RELAY, "2.0.0", "sent",
                EXAMPLE_SENT));
        harness.providerRule("example-mx", null);
        send(null, MaillogLines.message("mx1", next(), at(4_000), "carol@example.net", EXAMPLE_RELAY, "2.0.0", "sent",
                EXAMPLE_SENT));

        assertThat(harness.deliveries()).extracting(record -> record.key).containsExactly(
                "203.0.113.5|other", "203.0.113.5|example", "203.0.113.5|examplecorp", "203.0.113.5|other");
    }

    @Test
    void reputationAlertNamesIpAndProvider() {
        start(TopologySettings.defaults());
        harness.inventory("mx1", host("mx1", "acme", "203.0.113.5", "203.0.113.6"));

        for (int i = 0; i < 12; i++) {
            boolean refused = i % 3 == 0;
            send(null, MaillogLines.message("mx1", next(), at(i * 2_000), "user" + i + "@gmail.com", GMAIL_RELAY,
                    refused ? "5.7.1" : "2.0.0", refused ? "bounced" : "sent", refused ? GMAIL_UNSOLICITED : GMAIL_SENT));
        }

        List<Alert> alerts = harness.alerts();
        assertThat(alerts).extracting(Alert::getType).containsExactly(AlertType.REPUTATION_COLLAPSE);
        Alert alert = alerts.get(0);
        assertThat(alert.getSendingIp()).isEqualTo("203.0.113.5");
        assertThat(alert.getProvider()).isEqualTo("google");
        assertThat(alert.getCategory()).isEqualTo("reputation");
        assertThat(alert.getSampleReplies().get(0).getText()).contains("unusual rate of");
        assertThat(alert.getFirstSeen()).isEqualTo(at(0));
    }

    @Test
    void attemptWithoutSenderReleasedLater() {
        start(TopologySettings.defaults());
        String queueId = next();

        harness.pipeLine(null, MaillogLines.delivery("mx1", queueId, at(1_000), "dave@gmail.com", GMAIL_RELAY,
                "2.0.0", "sent", GMAIL_SENT), at(1_000));
        assertThat(harness.deliveries()).isEmpty();

        send(null, MaillogLines.message("mx1", next(), at(6 * MINUTE), "erin@gmail.com", GMAIL_RELAY, "2.0.0", "sent",
                GMAIL_SENT));

        List<KeyValue<String, DeliveryEvent>> deliveries = harness.deliveries();
        assertThat(deliveries).extracting(record -> record.value.getRecipient())
                .containsExactlyInAnyOrder("dave@gmail.com", "erin@gmail.com");
        DeliveryEvent released = deliveries.stream()
                .filter(record -> record.value.getRecipient().equals("dave@gmail.com"))
                .findFirst().orElseThrow().value;
        assertThat(released.getSender()).isNull();
        assertThat(released.getEventTime()).isEqualTo(at(1_000));
    }

    @Test
    void keyedInputSkipsRepartition() {
        start(TopologySettings.defaults().with(TopologySettings.INPUT_KEYED_BY_HOST, true));
        harness.inventory("mx1", host("mx1", "acme", "203.0.113.5"));

        send("mx1", MaillogLines.message("mx1", next(), at(1_000), "alice@gmail.com", GMAIL_RELAY, "2.0.0", "sent",
                GMAIL_SENT));
        harness.pipeLine("mx1", "garbage", at(2_000));

        assertThat(harness.deliveries()).extracting(record -> record.key).containsExactly("203.0.113.5|google");
        TestRecord<String, String> rejected = harness.rejectedTopic().readRecord();
        assertThat(rejected.key()).isEqualTo("mx1");
        assertThat(header(rejected, MailflowHeaders.REASON)).isEqualTo("unknown_format");
        assertThat(header(rejected, MailflowHeaders.SOURCE_OFFSET)).isEqualTo("3");
    }

    private void start(TopologySettings settings) {
        harness = TopologyHarness.full(settings, stateDir);
    }

    /** Pipes lines with the given key, each timestamped one millisecond after the previous. */
    private void send(String key, List<String> lines) {
        for (String line : lines) {
            String stamp = line.substring(0, line.indexOf(' '));
            long eventTime = OffsetDateTime.parse(stamp).toInstant().toEpochMilli();
            harness.pipeLine(key, line, eventTime);
        }
    }

    private String next() {
        return MaillogLines.queueId(++queueCounter);
    }

    private static ProviderRule providerRule(String id, String provider) {
        return ProviderRule.newBuilder()
                .setId(id)
                .setProvider(provider)
                .setMxSuffixes(List.of(".example.net"))
                .setDomains(List.of("example.net"))
                .setPriority(10)
                .build();
    }

    private static String header(TestRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
