package io.mailflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.ingest.generate.GenerationSummary;
import io.mailflow.ingest.generate.GeneratorSettings;
import io.mailflow.ingest.generate.Incident;
import io.mailflow.ingest.generate.IncidentKind;
import io.mailflow.ingest.generate.TrafficGenerator;
import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.streams.classify.ProviderResolver;
import io.mailflow.streams.classify.ReplyClassifier;
import io.mailflow.streams.correlate.CorrelationSettings;
import io.mailflow.streams.correlate.MaillogPipeline;
import io.mailflow.streams.parse.ParserSettings;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Feeds generated traffic through the real parser, correlator and classifier. */
class GeneratedTrafficParsesTest {

    private static final Map<IncidentKind, List<String>> MARKERS = new EnumMap<>(Map.of(
            IncidentKind.GMAIL_RATE_LIMIT, List.of("unusual rate of"),
            IncidentKind.MICROSOFT_BLOCKLIST, List.of("(S3150)", "banned sending IP"),
            IncidentKind.IRONPORT_REPUTATION, List.of("poor reputation"),
            IncidentKind.COMCAST_DNSBL, List.of("found on one or more DNSBLs")));

    @Test
    void rfc3164LinesParse() {
        checkRun(GeneratorSettings.builder().seed(21).duration(Duration.ofMinutes(40)).messagesPerSecond(12)
                .greylistingStorm(true).build());
    }

    @Test
    void isoLinesWithLongIdsParse() {
        checkRun(GeneratorSettings.builder().seed(22).duration(Duration.ofMinutes(40)).messagesPerSecond(12)
                .isoTimestamps(true).longQueueIds(true).build());
    }

    @Test
    void baselineNoiseClassifiesAsHarmless() {
        MaillogPipeline pipeline = newPipeline();
        List<DeliveryEvent> events = new ArrayList<>();
        GeneratorSettings settings = GeneratorSettings.builder().seed(23).duration(Duration.ofMinutes(40))
                .messagesPerSecond(8).noIncidents().greylistingStorm(true).build();

        new TrafficGenerator(settings).generate((line, host) -> events.addAll(pipeline.accept(line.toString(), null)));
        events.addAll(pipeline.finish());

        Map<String, Integer> categories = new HashMap<>();
        for (DeliveryEvent event : events) {
            if (event.getCategory() != null) {
                categories.merge(event.getCategory(), 1, Integer::sum);
            }
        }
        assertThat(categories).containsKeys("unknown_recipient", "greylisting", "connection", "mailbox_full", "other");
        assertThat(categories).doesNotContainKeys("reputation", "blocklist", "rate_limit", "policy", "auth");
    }

    private static MaillogPipeline newPipeline() {
        return new MaillogPipeline(ParserSettings.builder().zone(ZoneOffset.UTC).year(2026).build(),
                CorrelationSettings.offline(), ReplyClassifier.loadDefault(), ProviderResolver.loadDefault());
    }

    private static void checkRun(GeneratorSettings settings) {
        MaillogPipeline pipeline = newPipeline();
        List<String> rejected = new ArrayList<>();
        pipeline.onRejected((line, source, reason, detail) -> {
            if (rejected.size() < 5) {
                rejected.add(reason + " " + detail + ": " + line);
            }
        });
        List<DeliveryEvent> events = new ArrayList<>();
        TrafficGenerator generator = new TrafficGenerator(settings);

        GenerationSummary summary = generator.generate((line, host) -> events.addAll(pipeline.accept(line.toString(), null)));
        events.addAll(pipeline.finish());

        assertThat(rejected).isEmpty();
        assertThat(pipeline.counters().failed()).isZero();
        assertThat(pipeline.counters().lines()).isEqualTo(summary.lines());

        Map<DeliveryStatus, Long> byStatus = new EnumMap<>(DeliveryStatus.class);
        events.forEach(event -> byStatus.merge(event.getStatus(), 1L, Long::sum));
        assertThat(byStatus.getOrDefault(DeliveryStatus.SENT, 0L)).isEqualTo(summary.attemptsSent());
        assertThat(byStatus.getOrDefault(DeliveryStatus.DEFERRED, 0L)).isEqualTo(summary.attemptsDeferred());
        assertThat(byStatus.getOrDefault(DeliveryStatus.BOUNCED, 0L)).isEqualTo(summary.attemptsBounced());
        assertThat(byStatus.getOrDefault(DeliveryStatus.EXPIRED, 0L)).isGreaterThanOrEqualTo(summary.messagesExpired());

        for (Incident incident : generator.incidents()) {
            if (incident.kind() == IncidentKind.SPAM_RUN) {
                checkSpamRun(incident, events);
            } else {
                checkReplyIncident(incident, events);
            }
        }
    }

    // The classifier must see what the ground truth promises: the incident's category and provider.
    private static void checkReplyIncident(Incident incident, List<DeliveryEvent> events) {
        int matching = 0;
        for (DeliveryEvent event : events) {
            String reply = event.getReplyText();
            if (reply == null || MARKERS.get(incident.kind()).stream().noneMatch(reply::contains)) {
                continue;
            }
            matching++;
            assertThat(event.getCategory()).as(event.getReplyText()).isEqualTo(incident.category());
            assertThat(event.getProvider()).as(event.getReplyText()).isEqualTo(incident.provider());
            assertThat(event.getHost()).isEqualTo(incident.host());
            if (event.getReplySendingIp() != null) {
                assertThat(event.getReplySendingIp()).isEqualTo(incident.sendingIp());
            }
        }
        assertThat(matching).as(incident.id()).isGreaterThan(3);
    }

    private static void checkSpamRun(Incident incident, List<DeliveryEvent> events) {
        Map<String, Integer> categories = new HashMap<>();
        int attempts = 0;
        for (DeliveryEvent event : events) {
            if (incident.saslUsername().equals(event.getSaslUsername()) && event.getEventTime() >= incident.start().toEpochMilli()
                    && event.getEventTime() < incident.end().plusSeconds(60).toEpochMilli()) {
                attempts++;
                if (event.getCategory() != null) {
                    categories.merge(event.getCategory(), 1, Integer::sum);
                }
            }
        }
        assertThat(attempts).isGreaterThan(500);
        String dominant = categories.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(dominant).isEqualTo(incident.category());
    }
}
