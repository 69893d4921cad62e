package io.mailflow.streams;

import java.nio.file.Path;
import java.time.Duration;
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
import io.mailflow.schemas.SenderIdentityType;

import static io.mailflow.streams.TopologyHarness.at;
import static io.mailflow.streams.TopologyHarness.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SpamOutputDetectionTest {

    private static final long MINUTE = 60_000L;

    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @BeforeEach
    void start() {
        start(TopologySettings.defaults());
    }

    private void start(TopologySettings settings) {
        if (harness != null) {
            harness.close();
        }
        harness = TopologyHarness.analytics(settings, stateDir.resolve(String.valueOf(System.identityHashCode(settings))));
        harness.inventory("mx1", host("mx1", "acme", "203.0.113.5"));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void compromisedMailboxOpensAndResolves() {
        minutes(0, 10, 5, i -> asUser("bob", TestAttempts.sent("mx1", 0).build()));
        minutes(10, 12, 300, i -> asUser("bob", i % 5 < 2
                ? TestAttempts.unknownUser("mx1", 0).build() : TestAttempts.sent("mx1", 0).build()));
        minutes(12, 17, 5, i -> asUser("bob", TestAttempts.sent("mx1", 0).build()));

        List<Alert> alerts = spamAlerts();
        assertThat(alerts).extracting(Alert::getEvent)
                .containsExactly(AlertEvent.OPEN, AlertEvent.UPDATE, AlertEvent.RESOLVE);
        assertThat(alerts).extracting(Alert::getAlertId)
                .containsOnly("SPAM_OUTPUT_SPIKE|mx1|SASL_USER|bob|" + at(10 * MINUTE));
        Alert open = alerts.get(0);
        assertThat(open.getHost()).isEqualTo("mx1");
        assertThat(open.getIdentityType()).isEqualTo(SenderIdentityType.SASL_USER);
        assertThat(open.getIdentity()).isEqualTo("bob");
        assertThat(open.getTenant()).isEqualTo("acme");
        assertThat(open.getSeverity()).isEqualTo(AlertSeverity.WARNING);
        assertThat(open.getMatching()).isEqualTo(30);
        assertThat(open.getBaseline()).isEqualTo(5.0);
        assertThat(open.getRate()).isEqualTo(6.0);
        assertThat(open.getCategory()).isEqualTo("unknown_recipient");
        assertThat(open.getSampleReplies()).extracting(sample -> sample.getCategory()).containsOnly("unknown_recipient");
        assertThat(open.getSummary()).contains("sasl user bob on mx1", "30 outbound attempts", "40% to unknown");

        Alert escalated = alerts.get(1);
        assertThat(escalated.getSeverity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(escalated.getMatching()).isEqualTo(100);
        assertThat(escalated.getRate()).isEqualTo(20.0);

        Alert resolve = alerts.get(2);
        assertThat(resolve.getEventTime()).isEqualTo(at(15 * MINUTE));
        assertThat(resolve.getMatching()).isEqualTo(600);
        assertThat(resolve.getDurationMs()).isEqualTo(resolve.getLastSeen() - open.getFirstSeen());
    }

    @Test
    void silentIdentityResolves() {
        minutes(0, 5, 5, i -> asUser("bob", TestAttempts.sent("mx1", 0).build()));
        minutes(5, 6, 300, i -> asUser("bob", TestAttempts.sent("mx1", 0).build()));
        minutes(6, 11, 5, i -> asUser("carol", TestAttempts.sent("mx1", 0).build()));

        assertThat(spamAlerts()).extracting(Alert::getIdentity, Alert::getEvent)
                .containsExactly(tuple("bob", AlertEvent.OPEN),
                        tuple("bob", AlertEvent.RESOLVE));
    }

    @Test
    void rejectedNewIdentityAlertsDuringWarmup() {
        minutes(0, 1, 60, i -> asUser("mallory", i % 2 == 0
                ? TestAttempts.unknownUser("mx1", 0).build() : TestAttempts.sent("mx1", 0).build()));

        List<Alert> alerts = spamAlerts();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).getIdentity()).isEqualTo("mallory");
        assertThat(alerts.get(0).getMatching()).isEqualTo(30);
        assertThat(alerts.get(0).getSummary()).contains("no earlier traffic");
    }

    @Test
    void cleanNewIdentityWaitsForWarmup() {
        minutes(0, 1, 200, i -> asUser("newsletter", TestAttempts.sent("mx1", 0).build()));
        assertThat(spamAlerts()).isEmpty();

        minutes(61, 62, 200, i -> asUser("campaign", TestAttempts.sent("mx1", 0).build()));
        assertThat(spamAlerts()).extracting(Alert::getIdentity).containsExactly("campaign");
    }

    @Test
    void bounceNotificationBurstRaisesNothing() {
        minutes(0, 5, 5, i -> asNullSender(TestAttempts.sent("mx1", 0).build()));
        minutes(5, 7, 300, i -> asNullSender(TestAttempts.unknownUser("mx1", 0).build()));

        assertThat(spamAlerts()).isEmpty();
    }

    @Test
    void steadyHighVolumeSenderRaisesNothing() {
        start(TopologySettings.defaults().with(TopologySettings.SPAM_NEW_IDENTITY_WARMUP, Duration.ofMinutes(5)));

        minutes(0, 12, 150, i -> asUser("newsletter", i % 10 == 0
                ? TestAttempts.unknownUser("mx1", 0).build() : TestAttempts.sent("mx1", 0).build()));

        assertThat(spamAlerts()).isEmpty();
    }

    private List<Alert> spamAlerts() {
        return harness.alerts().stream().filter(alert -> alert.getType() == AlertType.SPAM_OUTPUT_SPIKE).toList();
    }

    private static DeliveryEvent asNullSender(DeliveryEvent event) {
        event.setSender("");
        return event;
    }

    private static DeliveryEvent asUser(String user, DeliveryEvent event) {
        event.setSaslUsername(user);
        event.setSaslMethod("PLAIN");
        event.setClientIp("198.51.100.77");
        return event;
    }

    /** Pipes {@code perMinute} evenly spaced attempts per minute from minute {@code from} up to {@code to}. */
    private void minutes(int from, int to, int perMinute, IntFunction<DeliveryEvent> attempt) {
        long spacing = MINUTE / perMinute;
        for (int minute = from; minute < to; minute++) {
            for (int i = 0; i < perMinute; i++) {
                DeliveryEvent event = attempt.apply(i);
                long eventTime = at(minute * MINUTE + i * spacing);
                event.setEventTime(eventTime);
                event.setTimestamp(Instant.ofEpochMilli(eventTime).toString());
                harness.pipe(event);
            }
        }
    }
}
