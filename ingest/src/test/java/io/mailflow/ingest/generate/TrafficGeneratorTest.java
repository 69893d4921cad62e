package io.mailflow.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {

    private static final Pattern SHORT_QUEUE_ID = Pattern.compile("[0-9A-F]{10,12}");
    private static final Pattern LONG_QUEUE_ID = Pattern.compile("[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z]{10}z[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-y]+");

    private static GeneratedLog quiet;

    @BeforeAll
    static void generateQuietRun() {
        quiet = GeneratedLog.generate(GeneratorSettings.builder()
                .seed(7)
                .duration(Duration.ofMinutes(40))
                .messagesPerSecond(15)
                .queueLifetime(Duration.ofMinutes(20))
                .noIncidents()
                .build());
    }

    @Test
    void sameSettingsGiveIdenticalBytes() throws IOException {
        GeneratorSettings settings = GeneratorSettings.builder().seed(42).duration(Duration.ofMinutes(20))
                .messagesPerSecond(8).build();

        byte[] first = bytes(new TrafficGenerator(settings));
        byte[] second = bytes(new TrafficGenerator(settings));

        assertThat(first.length).isGreaterThan(100_000);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void secondRunOfOneInstanceRepeatsTheFirst() throws IOException {
        TrafficGenerator generator = new TrafficGenerator(GeneratorSettings.builder().seed(3)
                .duration(Duration.ofMinutes(5)).messagesPerSecond(5).build());

        assertThat(bytes(generator)).isEqualTo(bytes(generator));
    }

    @Test
    void otherSeedGivesOtherTraffic() throws IOException {
        GeneratorSettings settings = GeneratorSettings.builder().seed(42).duration(Duration.ofMinutes(5))
                .messagesPerSecond(5).build();

        byte[] first = bytes(new TrafficGenerator(settings));
        byte[] other = bytes(new TrafficGenerator(settings.toBuilder().seed(43).build()));

        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void linesAreInEventTimeOrderAcrossHosts() {
        GeneratedLog iso = GeneratedLog.generate(GeneratorSettings.builder().seed(9).duration(Duration.ofMinutes(15))
                .messagesPerSecond(10).isoTimestamps(true).build());
        Set<String> hosts = new HashSet<>();

        Instant previous = Instant.MIN;
        for (GeneratedLog.Line line : iso.lines) {
            if (line.time().isBefore(previous)) {
                fail("line earlier than the one before it: " + line.raw());
            }
            previous = line.time();
            hosts.add(line.host());
        }
        assertThat(hosts).hasSize(6);
        assertThat(iso.raw.get(0)).matches("2026-06-10T08:00:\\d\\d\\.\\d{6}\\+00:00 mta\\d\\d .*");
    }

    @Test
    void rfc3164LinesAreInOrderWithinTheRun() {
        Instant previous = Instant.MIN;
        for (GeneratedLog.Line line : quiet.lines) {
            if (line.time().isBefore(previous)) {
                fail("line earlier than the one before it: " + line.raw());
            }
            previous = line.time();
        }
        assertThat(quiet.lines.get(0).time()).isAfterOrEqualTo(GeneratorSettings.DEFAULT_START);
        assertThat(previous).isBefore(GeneratorSettings.DEFAULT_START.plus(Duration.ofMinutes(40)));
        assertThat(quiet.raw.get(0)).startsWith("Jun 10 08:00:");
    }

    @Test
    void everyAttemptBelongsToACompleteMessage() {
        Map<String, String> origin = new HashMap<>();
        Set<String> queueManaged = new HashSet<>();
        Set<String> removed = new HashSet<>();
        int attempts = 0;

        for (GeneratedLog.Line line : quiet.lines) {
            if (line.queueId() == null) {
                continue;
            }
            String key = line.host() + "/" + line.queueId();
            if (removed.contains(key)) {
                fail("line after removal: " + line.raw());
            }
            String message = line.message();
            if (message.startsWith("client=") || message.startsWith("uid=")) {
                origin.put(key, line.program());
            } else if (message.startsWith("sender non-delivery notification: ")) {
                origin.put(line.host() + "/" + message.substring(message.indexOf(": ") + 2), "bounce");
            } else if (message.startsWith("from=<") && message.endsWith("(queue active)")) {
                if (!origin.containsKey(key)) {
                    fail("qmgr line without origin: " + line.raw());
                }
                queueManaged.add(key);
            } else if (line.isDelivery()) {
                attempts++;
                if (!queueManaged.contains(key)) {
                    fail("attempt without qmgr line: " + line.raw());
                }
            } else if (message.equals("removed")) {
                removed.add(key);
            }
        }

        assertThat(attempts).isGreaterThan(10_000);
        assertThat(origin.values()).contains("postfix/smtpd", "postfix/submission/smtpd", "postfix/pickup", "bounce");
    }

    @Test
    void queueIdsAreShortHexByDefault() {
        for (GeneratedLog.Line line : quiet.lines.subList(0, 5_000)) {
            if (line.queueId() != null) {
                assertThat(line.queueId()).matches(SHORT_QUEUE_ID);
            }
        }
    }

    @Test
    void longQueueIdsUsePostfixLongForm() {
        GeneratedLog log = GeneratedLog.generate(GeneratorSettings.builder().seed(5).duration(Duration.ofMinutes(2))
                .messagesPerSecond(5).longQueueIds(true).noIncidents().build());

        long withQueueId = log.lines.stream().filter(line -> line.queueId() != null).count();
        assertThat(withQueueId).isGreaterThan(100);
        for (GeneratedLog.Line line : log.lines) {
            if (line.queueId() != null) {
                assertThat(line.queueId()).matches(LONG_QUEUE_ID);
            }
        }
    }

    @Test
    void statusMixIsNearTheConfiguredNoise() {
        List<GeneratedLog.Line> deliveries = quiet.deliveries();
        long unknown = deliveries.stream().filter(line -> line.field("dsn").startsWith("5.1.")
                || line.message().contains("mailbox unavailable") || line.message().contains("mailbox not found")
                || line.message().contains("Address rejected") || line.message().contains("No such user")
                || line.message().contains("invalid mailbox") || line.message().contains("recipient rejected")
                || line.message().contains("Invalid Recipient") || line.message().contains("disabled")
                || line.message().contains("Not our Customer") || line.message().contains("Invalid recipient")).count();
        long deferred = deliveries.stream().filter(line -> line.status().equals("deferred")).count();
        long sent = deliveries.stream().filter(line -> line.status().equals("sent")).count();

        assertThat(sent).isEqualTo(quiet.summary.attemptsSent());
        assertThat(deferred).isEqualTo(quiet.summary.attemptsDeferred());
        double attempts = deliveries.size();
        assertThat(unknown / attempts).as("unknown recipient share").isBetween(0.012, 0.04);
        assertThat(deferred / attempts).as("deferral share").isBetween(0.01, 0.06);
        assertThat(sent / attempts).as("sent share").isBetween(0.90, 0.98);
    }

    @Test
    void baselineNoiseHasNoReputationOrBlocklistReplies() {
        assertThat(quiet.containing("unusual rate of")).isEmpty();
        assertThat(quiet.containing("S3150")).isEmpty();
        assertThat(quiet.containing("banned sending IP")).isEmpty();
        assertThat(quiet.containing("poor reputation")).isEmpty();
        assertThat(quiet.containing("DNSBL")).isEmpty();
        assertThat(quiet.summary.incidents()).isEmpty();
        assertThat(quiet.summary.spamMessages()).isZero();
    }

    @Test
    void baselineNoiseHasEverydayFailures() {
        assertThat(quiet.containing("Greylist")).isNotEmpty();
        assertThat(quiet.containing("Connection timed out")).isNotEmpty();
        assertThat(quiet.containing("sender non-delivery notification")).isNotEmpty();
        assertThat(quiet.containing("status=expired, returned to sender")).isNotEmpty();
        assertThat(quiet.containing("said: 550-5.1.1 The email account that you tried to reach does not exist"))
                .isNotEmpty();
        assertThat(quiet.containing("relay=local")).isNotEmpty();
        assertThat(quiet.containing("postfix-out2/smtp[")).isNotEmpty();
    }

    @Test
    void suspendedDestinationsFollowTimeouts() {
        Map<String, Instant> lastTimeout = new HashMap<>();
        int suspended = 0;
        for (GeneratedLog.Line line : quiet.deliveries()) {
            String recipient = line.field("to");
            String destination = line.host() + "/" + recipient.substring(recipient.indexOf('@') + 1);
            if (line.message().contains("(delivery temporarily suspended: connect to ")) {
                suspended++;
                assertThat(line.program()).isEqualTo("postfix/error");
                assertThat(line.field("relay")).isEqualTo("none");
                Instant timeout = lastTimeout.get(destination);
                assertThat(timeout).as(line.raw()).isNotNull();
                assertThat(Duration.between(timeout, line.time())).isLessThanOrEqualTo(Duration.ofMinutes(5));
            } else if (line.message().contains("(connect to ") && line.message().endsWith("Connection timed out)")) {
                lastTimeout.put(destination, line.time());
            }
        }
        assertThat(suspended).isGreaterThan(10);
    }

    @Test
    void retriesFollowTheBackoffSchedule() {
        Map<String, List<Instant>> activeTimes = new HashMap<>();
        for (GeneratedLog.Line line : quiet.lines) {
            if (line.queueId() != null && line.message().endsWith("(queue active)")) {
                activeTimes.computeIfAbsent(line.host() + "/" + line.queueId(), key -> new ArrayList<>()).add(line.time());
            }
        }

        int retried = 0;
        for (List<Instant> times : activeTimes.values()) {
            for (int i = 1; i < times.size(); i++) {
                long gap = Duration.between(times.get(i - 1), times.get(i)).toSeconds();
                long backoff = Math.min(4000, 300L << (i - 1));
                assertThat(gap).isBetween(backoff - 1, backoff + 200);
                retried++;
            }
        }
        assertThat(retried).isGreaterThan(50);
    }

    @Test
    void diurnalRatePeaksInTheAfternoon() {
        GeneratorSettings settings = GeneratorSettings.builder().seed(13).start(Instant.parse("2026-06-10T00:00:00Z"))
                .duration(Duration.ofHours(24)).messagesPerSecond(0.5).diurnal(true).noIncidents().build();
        int[] submissionsPerHour = new int[24];

        new TrafficGenerator(settings).generate((line, host) -> {
            String text = line.toString();
            if (text.contains(": client=") || text.contains(": uid=")) {
                submissionsPerHour[Integer.parseInt(text.substring(7, 9))]++;
            }
        });

        assertThat(submissionsPerHour[15]).isGreaterThan(submissionsPerHour[3] * 2);
        assertThat(submissionsPerHour[15]).isBetween(2_300, 3_500);
        assertThat(submissionsPerHour[3]).isBetween(500, 1_100);
    }

    @Test
    void lineLimitCutsRunAndGroundTruth() {
        GeneratorSettings settings = GeneratorSettings.builder().seed(11).duration(Duration.ofHours(2))
                .messagesPerSecond(20).maxLines(200_000).build();
        List<String> lines = new ArrayList<>();

        GenerationSummary summary = new TrafficGenerator(settings).generate((line, host) -> lines.add(line.toString()));

        assertThat(lines).hasSize(200_000);
        assertThat(summary.lines()).isEqualTo(200_000);
        assertThat(summary.stoppedByLineLimit()).isTrue();
        for (Incident incident : summary.incidents()) {
            assertThat(incident.start()).isBefore(summary.lastEventTime());
            assertThat(incident.end()).isBeforeOrEqualTo(summary.lastEventTime().plusNanos(1_000));
        }
        assertThat(summary.incidents().size()).isLessThan(IncidentKind.values().length);
    }

    @Test
    void inventoryListsEveryHostAndInstance() {
        TrafficGenerator generator = quiet.generator;
        Set<String> hostsInLog = new HashSet<>();
        Set<String> instancesInLog = new HashSet<>();
        for (GeneratedLog.Line line : quiet.lines) {
            hostsInLog.add(line.host());
            if (line.program().startsWith("postfix-out")) {
                instancesInLog.add(line.host() + "/" + line.program().substring(0, line.program().indexOf('/')));
            }
        }

        Set<String> hostsInInventory = new HashSet<>();
        Set<String> instancesInInventory = new HashSet<>();
        for (var entry : generator.inventory()) {
            if (entry.getInstance() == null) {
                hostsInInventory.add(entry.getHost());
                assertThat(entry.getSendingIps()).isNotEmpty().allMatch(ip -> ip.startsWith("203.0.113."));
                assertThat(entry.getTenant()).isNotBlank();
            } else {
                instancesInInventory.add(entry.getHost() + "/" + entry.getInstance());
                assertThat(entry.getSendingIps()).hasSize(1);
            }
        }
        assertThat(hostsInInventory).isEqualTo(hostsInLog);
        assertThat(instancesInInventory).containsAll(instancesInLog);
    }

    private static byte[] bytes(TrafficGenerator generator) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AsciiLineWriter writer = new AsciiLineWriter(out)) {
            generator.generate(writer);
        }
        return out.toByteArray();
    }
}
