package io.mailflow.streams;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mailflow.schemas.Alert;
import io.mailflow.schemas.AlertEvent;
import io.mailflow.schemas.AlertSeverity;
import io.mailflow.schemas.AlertType;
import io.mailflow.schemas.DeliveryEvent;

import static io.mailflow.streams.TopologyHarness.at;
import static io.mailflow.streams.TopologyHarness.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class DeliveryDetectionTest {

    private static final long MINUTE = 60_000L;
    private static final String IP = "203.0.113.5";

    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = TopologyHarness.analytics(TopologySettings.defaults(), stateDir);
        harness.inventory("mx1", host("mx1", "acme", IP));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void deferralSpikeOpensUpdatesResolves() {
        minutes(0, 5, i -> TestAttempts.sent("mx1", 0).build());
        minutes(5, 12, i -> i % 4 == 0 ? TestAttempts.sent("mx1", 0).build() : tooManyConnections());
        minutes(12, 17, i -> TestAttempts.sent("mx1", 0).build());

        List<Alert> alerts = harness.alerts();
        assertThat(alerts).extracting(Alert::getEvent)
                .containsExactly(AlertEvent.OPEN, AlertEvent.UPDATE, AlertEvent.RESOLVE);
        assertThat(alerts).extracting(Alert::getType).containsOnly(AlertType.DEFERRAL_SPIKE);
        assertThat(alerts).extracting(Alert::getAlertId)
                .containsOnly("DEFERRAL_SPIKE|" + IP + "|google|" + at(5 * MINUTE));

        Alert open = alerts.get(0);
        assertThat(open.getSendingIp()).isEqualTo(IP);
        assertThat(open.getProvider()).isEqualTo("google");
        assertThat(open.getTenant()).isEqualTo("acme");
        assertThat(open.getSeverity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(open.getCategory()).isEqualTo("rate_limit");
        assertThat(open.getFirstSeen()).isEqualTo(at(5 * MINUTE + 1_500));
        assertThat(open.getEventTime()).isEqualTo(at(6 * MINUTE));
        assertThat(open.getAttempts()).isEqualTo(20);
        assertThat(open.getMatching()).isEqualTo(15);
        assertThat(open.getRate()).isEqualTo(0.75);
        assertThat(open.getSampleReplies()).extracting(sample -> sample.getCategory()).containsOnly("rate_limit");
        assertThat(open.getSummary()).contains(IP + " to google", "15 of 20 attempts (75%) deferred");

        Alert resolve = alerts.get(2);
        assertThat(resolve.getEventTime()).isEqualTo(at(15 * MINUTE));
        assertThat(resolve.getLastSeen()).isEqualTo(at(11 * MINUTE + 39 * 1_500));
        assertThat(resolve.getDurationMs()).isEqualTo(resolve.getLastSeen() - open.getFirstSeen());
        assertThat(resolve.getMatching()).isEqualTo(7 * 30);
        assertThat(resolve.getAttempts()).isEqualTo(7 * 40);
    }

    @Test
    void deferralsBelowMinimumAttemptsDoNotAlert() {
        minutes(0, 5, i -> i < 15 ? tooManyConnections() : null);

        assertThat(harness.alerts()).isEmpty();
    }

    @Test
    void reputationRepliesOpenCollapse() {
        minutes(0, 3, i -> TestAttempts.sent("mx1", 0).build());
        minutes(3, 4, i -> i % 4 == 1 ? TestAttempts.gmailReputation("mx1", 0).build()
                : TestAttempts.sent("mx1", 0).build());

        List<Alert> alerts = harness.alerts();
        assertThat(alerts).hasSize(1);
        Alert open = alerts.get(0);
        assertThat(open.getType()).isEqualTo(AlertType.REPUTATION_COLLAPSE);
        assertThat(open.getEvent()).isEqualTo(AlertEvent.OPEN);
        assertThat(open.getSendingIp()).isEqualTo(IP);
        assertThat(open.getProvider()).isEqualTo("google");
        assertThat(open.getCategory()).isEqualTo("reputation");
        assertThat(open.getFirstSeen()).isEqualTo(at(3 * MINUTE + 1_500));
        assertThat(open.getMatching()).isEqualTo(3);
        assertThat(open.getAttempts()).isEqualTo(10);
        assertThat(open.getSampleReplies()).hasSize(1);
        assertThat(open.getSampleReplies().get(0).getText()).contains("unusual rate of unsolicited mail");
        assertThat(open.getRemediation().getKey()).isEqualTo("gmail-unsolicited-rate");
        assertThat(open.getSummary()).contains("Next step: Stop the campaign");
    }

    @Test
    void reputationVolumeOpensWhateverTheShare() {
        minutes(0, 1, i -> TestAttempts.sent("mx1", 0).build(), 400);
        minutes(1, 2, i -> i % 8 == 7 ? TestAttempts.gmailReputation("mx1", 0).build()
                : TestAttempts.sent("mx1", 0).build(), 400);

        List<Alert> alerts = harness.alerts();
        assertThat(alerts).extracting(Alert::getType, Alert::getEvent)
                .containsExactly(tuple(AlertType.REPUTATION_COLLAPSE, AlertEvent.OPEN));
        assertThat(alerts.get(0).getMatching()).isEqualTo(50);
        assertThat(alerts.get(0).getRate()).isLessThan(0.2);
    }

    @Test
    void blocklistReplyOpensBlocklistedAndResolves() {
        minutes(0, 6, i -> i == 7 && currentMinute <= 1 ? TestAttempts.spamhausListed("mx1", 0).build()
                : TestAttempts.sent("mx1", 0).build());

        List<Alert> alerts = harness.alerts();
        assertThat(alerts).extracting(Alert::getType).containsOnly(AlertType.BLOCKLISTED);
        assertThat(alerts).extracting(Alert::getEvent).containsExactly(AlertEvent.OPEN, AlertEvent.RESOLVE);
        Alert open = alerts.get(0);
        assertThat(open.getProvider()).isEqualTo("other");
        assertThat(open.getSeverity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(open.getCategory()).isEqualTo("blocklist");
        assertThat(open.getSampleReplies().get(0).getText()).contains("zen.spamhaus.org");
        assertThat(open.getRemediation().getUrl()).isEqualTo("https://check.spamhaus.org/");
        assertThat(alerts.get(1).getEventTime()).isEqualTo(at(5 * MINUTE));
        assertThat(alerts.get(1).getMatching()).isEqualTo(2);
    }

    @Test
    void reputationDeferralsOpenOnlyCollapse() {
        minutes(0, 3, i -> TestAttempts.sent("mx1", 0).build());
        minutes(3, 5, i -> i % 4 == 0 ? TestAttempts.sent("mx1", 0).build()
                : TestAttempts.gmailReputation("mx1", 0).build());

        assertThat(harness.alerts()).extracting(Alert::getType).containsOnly(AlertType.REPUTATION_COLLAPSE);
    }

    @Test
    void blocklistBouncesOpenOnlyBlocklisted() {
        minutes(0, 3, i -> TestAttempts.sent("mx1", 0).setProvider("other").build());
        minutes(3, 5, i -> i % 2 == 0 ? TestAttempts.sent("mx1", 0).setProvider("other").build()
                : TestAttempts.spamhausListed("mx1", 0).build());

        assertThat(harness.alerts()).extracting(Alert::getType).containsOnly(AlertType.BLOCKLISTED);
    }

    @Test
    void catchAllConnectionFailuresRaiseNothing() {
        minutes(0, 6, i -> i % 3 == 0 ? TestAttempts.sent("mx1", 0).setProvider("other").build()
                : connectionTimedOut().setProvider("other").build());

        assertThat(harness.alerts()).isEmpty();
    }

    @Test
    void namedProviderConnectionFailuresAlert() {
        minutes(0, 2, i -> i % 3 == 0 ? TestAttempts.sent("mx1", 0).build() : connectionTimedOut().build());

        List<Alert> alerts = harness.alerts();
        assertThat(alerts).extracting(Alert::getType).containsOnly(AlertType.DEFERRAL_SPIKE);
        assertThat(alerts.get(0).getCategory()).isEqualTo("connection");
    }

    @Test
    void greylistingStormRaisesNothing() {
        minutes(0, 3, i -> TestAttempts.sent("mx1", 0).build());
        minutes(3, 10, i -> i % 5 == 0 ? TestAttempts.sent("mx1", 0).build() : TestAttempts.greylisted("mx1", 0).build(),
                200);
        minutes(10, 15, i -> TestAttempts.sent("mx1", 0).build());

        assertThat(harness.alerts()).isEmpty();
    }

    @Test
    void ordinaryBounceNoiseRaisesNothing() {
        minutes(0, 15, i -> switch (i % 10) {
            case 0 -> TestAttempts.unknownUser("mx1", 0).build();
            case 5 -> TestAttempts.deferred("mx1", 0, "mailbox_full", 452, "4.2.2",
                    "host mx.example.org[192.0.2.10] said: 452 4.2.2 Mailbox full").build();
            default -> TestAttempts.sent("mx1", 0).build();
        });

        assertThat(harness.alerts()).isEmpty();
    }

    private int currentMinute;

    /** Pipes 40 attempts per minute, one every 1.5 s, from minute {@code from} up to {@code to}. */
    private void minutes(int from, int to, IntFunction<DeliveryEvent> attempt) {
        minutes(from, to, attempt, 40);
    }

    /**
     * Pipes {@code perMinute} attempts per minute, evenly spaced, from minute {@code from} up to
     * {@code to}; the function gets the index in the minute and may return null to skip a slot.
     */
    private void minutes(int from, int to, IntFunction<DeliveryEvent> attempt, int perMinute) {
        long spacing = MINUTE / perMinute;
        for (int minute = from; minute < to; minute++) {
            currentMinute = minute;
            for (int i = 0; i < perMinute; i++) {
                DeliveryEvent event = attempt.apply(i);
                if (event != null) {
                    long eventTime = at(minute * MINUTE + i * spacing);
                    event.setEventTime(eventTime);
                    event.setTimestamp(Instant.ofEpochMilli(eventTime).toString());
                    harness.pipe(event);
                }
            }
        }
    }

    private static DeliveryEvent.Builder connectionTimedOut() {
        return TestAttempts.deferred("mx1", 0, "connection", 0, "4.4.1",
                        "connect to mx.example.org[192.0.2.10]:25: Connection timed out")
                .setReplyCode(null)
                .setEnhancedStatusCode(null);
    }

    private static DeliveryEvent tooManyConnections() {
        return TestAttempts.deferred("mx1", 0, "rate_limit", 421, "4.7.0",
                "host gmail-smtp-in.l.google.com[142.250.102.27] said: 421 4.7.0 Try again later, closing "
                        + "connection. Too many connections from your IP.").build();
    }
}
