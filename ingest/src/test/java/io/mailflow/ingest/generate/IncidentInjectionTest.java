package io.mailflow.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.schemas.AlertType;
import io.mailflow.schemas.HostInventoryEntry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IncidentInjectionTest {

    private static final Map<IncidentKind, List<String>> MARKERS = new EnumMap<>(Map.of(
            IncidentKind.GMAIL_RATE_LIMIT, List.of("unusual rate of"),
            IncidentKind.MICROSOFT_BLOCKLIST, List.of("(S3150)", "banned sending IP"),
            IncidentKind.IRONPORT_REPUTATION, List.of("poor reputation"),
            IncidentKind.COMCAST_DNSBL, List.of("found on one or more DNSBLs")));

    private static GeneratedLog log;
    private static Map<String, String> instanceIps;

    @BeforeAll
    static void generateRunWithEveryIncident() {
        log = GeneratedLog.generate(GeneratorSettings.builder()
                .seed(2026)
                .duration(Duration.ofHours(1))
                .messagesPerSecond(12)
                .greylistingStorm(true)
                .build());
        instanceIps = new HashMap<>();
        for (HostInventoryEntry entry : log.generator.inventory()) {
            String instance = entry.getInstance() == null ? FleetHost.DEFAULT_INSTANCE : entry.getInstance();
            instanceIps.put(entry.getHost() + "/" + instance, entry.getSendingIps().get(0));
        }
    }

    @Test
    void groundTruthHasEveryIncidentInSequence() {
        List<Incident> incidents = log.generator.incidents();

        assertThat(incidents).extracting(Incident::kind).containsExactly(IncidentKind.values());
        assertThat(incidents).extracting(Incident::alertType).containsExactly(AlertType.SPAM_OUTPUT_SPIKE,
                AlertType.REPUTATION_COLLAPSE, AlertType.BLOCKLISTED, AlertType.REPUTATION_COLLAPSE,
                AlertType.BLOCKLISTED);
        assertThat(incidents).extracting(Incident::provider).containsExactly(null, "google", "microsoft", "other",
                "comcast");
        assertThat(incidents).extracting(Incident::category).containsExactly("unknown_recipient", "reputation",
                "blocklist", "reputation", "blocklist");
        for (int i = 1; i < incidents.size(); i++) {
            assertThat(incidents.get(i).start()).isAfter(incidents.get(i - 1).end());
        }
        assertThat(log.summary.incidents()).isEqualTo(incidents);
    }

    @Test
    void groundTruthMatchesTheInventory() {
        for (Incident incident : log.generator.incidents()) {
            List<String> hostIps = log.generator.inventory().stream()
                    .filter(entry -> entry.getHost().equals(incident.host()) && entry.getInstance() == null)
                    .findFirst().orElseThrow().getSendingIps();
            assertThat(hostIps).as(incident.id()).contains(incident.sendingIp());
            if (incident.provider() != null) {
                assertThat(incident.deliveryKey()).isEqualTo(incident.sendingIp() + "|" + incident.provider());
            }
        }
    }

    @Test
    void cleanPeriodsFillTheGapsBetweenIncidents() {
        List<TimeWindow> clean = log.generator.cleanPeriods();

        assertThat(clean).hasSize(log.generator.incidents().size() + 1);
        assertThat(clean.get(0).start()).isEqualTo(GeneratorSettings.DEFAULT_START);
        assertThat(clean.get(clean.size() - 1).end()).isEqualTo(GeneratorSettings.DEFAULT_START.plus(Duration.ofHours(1)));
        for (TimeWindow window : clean) {
            for (Incident incident : log.generator.incidents()) {
                assertThat(window.overlaps(incident.window())).isFalse();
            }
        }
    }

    @Test
    void incidentRepliesStayInTheirWindow() {
        for (Incident incident : log.generator.incidents()) {
            if (incident.kind() == IncidentKind.SPAM_RUN) {
                continue;
            }
            int inside = 0;
            for (String marker : MARKERS.get(incident.kind())) {
                for (GeneratedLog.Line line : log.containing(marker)) {
                    String instance = line.program().substring(0, line.program().indexOf('/'));
                    assertThat(line.host()).as(line.raw()).isEqualTo(incident.host());
                    assertThat(instanceIps.get(line.host() + "/" + instance)).as(line.raw()).isEqualTo(incident.sendingIp());
                    assertThat(incident.window().contains(line.time()))
                            .as("%s outside %s", line.raw(), incident.window()).isTrue();
                    inside++;
                }
            }
            assertThat(inside).as("%s reply lines", incident.id()).isGreaterThan(15);
        }
    }

    @Test
    void gmailThrottlesBeforeEscalationAndBlocksAfter() {
        Incident gmail = incident(IncidentKind.GMAIL_RATE_LIMIT);
        List<GeneratedLog.Line> throttled = log.containing("421-4.7.0 [" + gmail.sendingIp());
        List<GeneratedLog.Line> blocked = log.containing("550-5.7.1 [" + gmail.sendingIp());

        assertThat(throttled).isNotEmpty().allMatch(line -> line.time().isBefore(gmail.escalation().plusSeconds(1)));
        assertThat(blocked).isNotEmpty().allMatch(line -> !line.time().isBefore(gmail.escalation().minusSeconds(1)));
        assertThat(blocked).allMatch(line -> line.raw().contains("has been blocked"));
        assertThat(blocked.stream().filter(GeneratedLog.Line::isDelivery))
                .allMatch(line -> line.status().equals("bounced") && line.field("dsn").equals("5.7.1"));
        assertThat(throttled.stream().filter(GeneratedLog.Line::isDelivery))
                .allMatch(line -> line.status().equals("deferred") && line.field("dsn").equals("4.7.0"));
    }

    @Test
    void replyTextsNameTheBlockedIp() {
        Incident microsoft = incident(IncidentKind.MICROSOFT_BLOCKLIST);
        assertThat(log.containing("(S3150)")).allMatch(line -> line.raw().contains("[" + microsoft.sendingIp() + "]"));

        Incident comcast = incident(IncidentKind.COMCAST_DNSBL);
        assertThat(log.containing("DNSBLs")).allMatch(line -> line.raw().contains(" comcast " + comcast.sendingIp()
                + " found on one or more DNSBLs, see http://postmaster.comcast.net/smtp-error-codes.php#BL000010"));

        Incident ironport = incident(IncidentKind.IRONPORT_REPUTATION);
        Set<String> domains = new HashSet<>();
        for (GeneratedLog.Line line : log.containing("poor reputation")) {
            if (line.isDelivery()) {
                String recipient = line.field("to");
                domains.add(recipient.substring(recipient.indexOf('@') + 1, recipient.length() - 1));
            }
            assertThat(line.raw()).contains("iphmx.com[");
        }
        assertThat(ironport.recipientDomains()).containsAll(domains);
        assertThat(log.containing("search_string=" + ironport.sendingIp())).isNotEmpty();
    }

    @Test
    void spamRunSubmitsOnlyInItsWindow() {
        Incident spam = incident(IncidentKind.SPAM_RUN);
        int inside = 0;
        int outside = 0;
        for (GeneratedLog.Line line : log.containing("sasl_username=" + spam.saslUsername())) {
            if (!line.raw().endsWith("sasl_username=" + spam.saslUsername())) {
                continue;
            }
            assertThat(line.host()).isEqualTo(spam.host());
            if (spam.window().contains(line.time())) {
                inside++;
            } else {
                outside++;
            }
        }

        double windowSeconds = Duration.between(spam.start(), spam.end()).toSeconds();
        double expected = windowSeconds * log.generator.settings().effectiveSpamRunRate();
        assertThat(inside).isBetween((int) (expected * 0.85), (int) (expected * 1.15) + 10);
        assertThat(outside).as("submissions outside the spam run").isLessThan(inside / 20);
        assertThat(log.summary.spamMessages()).isBetween((long) (expected * 0.85), (long) (expected * 1.15) + 10);
    }

    @Test
    void spamRunBouncesManyUnknownRecipients() {
        Incident spam = incident(IncidentKind.SPAM_RUN);
        Set<String> spamQueueIds = new HashSet<>();
        for (GeneratedLog.Line line : log.lines) {
            if (line.queueId() != null && line.raw().endsWith("sasl_username=" + spam.saslUsername())
                    && spam.window().contains(line.time())) {
                spamQueueIds.add(line.host() + "/" + line.queueId());
            }
        }

        int attempts = 0;
        int bounced = 0;
        Set<String> relays = new HashSet<>();
        for (GeneratedLog.Line line : log.deliveries()) {
            if (spamQueueIds.contains(line.host() + "/" + line.queueId())) {
                attempts++;
                bounced += line.status().equals("bounced") ? 1 : 0;
                relays.add(line.field("relay").replaceAll("\\[.*", ""));
            }
        }
        assertThat(attempts).isGreaterThan(1_000);
        assertThat((double) bounced / attempts).isBetween(0.25, 0.6);
        assertThat(relays.size()).isGreaterThan(20);
    }

    @Test
    void greylistingStormStaysAtItsProviderAndWindow() {
        NoiseEpisode storm = log.generator.noiseEpisodes().get(0);
        int inside = 0;
        int outside = 0;
        for (GeneratedLog.Line line : log.deliveries()) {
            if (line.field("relay").contains(".free.fr[") && line.status().equals("deferred")
                    && line.raw().contains("reylist")) {
                if (storm.window().contains(line.time())) {
                    inside++;
                } else {
                    outside++;
                }
            }
        }

        assertThat(storm.provider()).isEqualTo("free");
        assertThat(inside).isGreaterThan(10);
        double insideRate = inside / (double) Duration.between(storm.start(), storm.end()).toSeconds();
        double outsideRate = outside / (double) (3600 - Duration.between(storm.start(), storm.end()).toSeconds());
        assertThat(insideRate).isGreaterThan(outsideRate * 5);
    }

    @Test
    void deferredIncidentMailIsDeliveredAfterRecovery() {
        Incident comcast = incident(IncidentKind.COMCAST_DNSBL);
        Set<String> deferredQueueIds = new HashSet<>();
        for (GeneratedLog.Line line : log.containing("found on one or more DNSBLs")) {
            if (line.isDelivery()) {
                deferredQueueIds.add(line.host() + "/" + line.queueId());
            }
        }

        long deliveredLater = log.deliveries().stream()
                .filter(line -> deferredQueueIds.contains(line.host() + "/" + line.queueId()))
                .filter(line -> line.status().equals("sent") && !line.time().isBefore(comcast.end()))
                .count();
        assertThat(deliveredLater).isGreaterThan(0);
    }

    private static Incident incident(IncidentKind kind) {
        return log.generator.incidents().stream().filter(incident -> incident.kind() == kind).findFirst().orElseThrow();
    }
}
