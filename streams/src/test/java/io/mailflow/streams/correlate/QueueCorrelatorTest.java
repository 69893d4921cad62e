package io.mailflow.streams.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.streams.parse.MaillogParser;
import io.mailflow.streams.parse.MaillogRecord;
import io.mailflow.streams.parse.ParseResult;
import io.mailflow.streams.parse.ParserSettings;

class QueueCorrelatorTest {

    private static final String CLIENT = "Jun 10 09:00:00 mx1 postfix/submission/smtpd[10]: AAA111: client=app.example.net[192.0.2.20], sasl_method=PLAIN, sasl_username=alice";
    private static final String MESSAGE_ID = "Jun 10 09:00:00 mx1 postfix/cleanup[11]: AAA111: message-id=<m1@example.net>";
    private static final String QMGR = "Jun 10 09:00:00 mx1 postfix/qmgr[12]: AAA111: from=<alice@example.net>, size=1234, nrcpt=2 (queue active)";
    private static final String SENT = "Jun 10 09:00:01 mx1 postfix/smtp[13]: AAA111: to=<bob@example.org>, relay=mx.example.org[198.51.100.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)";
    private static final String DEFERRED = "Jun 10 09:00:02 mx1 postfix/smtp[13]: AAA111: to=<carol@example.org>, relay=mx.example.org[198.51.100.1]:25, delay=2, delays=0/0/1/1, dsn=4.2.2, status=deferred (host mx.example.org[198.51.100.1] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))";
    private static final String REMOVED = "Jun 10 09:10:00 mx1 postfix/qmgr[12]: AAA111: removed";
    private static final String OTHER_SENT = "Jun 10 09:00:03 mx1 postfix/smtp[14]: BBB222: to=<dan@example.com>, relay=mx.example.com[198.51.100.2]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 Ok)";
    private static final String OTHER_QMGR = "Jun 10 09:00:00 mx1 postfix/qmgr[12]: BBB222: from=<eve@example.com>, size=10, nrcpt=1 (queue active)";

    private final MaillogParser parser = new MaillogParser(ParserSettings.builder().year(2026).build());
    private final InMemoryCorrelationStore store = new InMemoryCorrelationStore();

    @Test
    void originFactsAttachToEveryLaterAttempt() {
        QueueCorrelator correlator = correlator(CorrelationSettings.streaming());

        List<DeliveryEvent> events = run(correlator, CLIENT, MESSAGE_ID, QMGR, SENT, DEFERRED);

        assertThat(events).hasSize(2);
        for (DeliveryEvent event : events) {
            assertThat(event.getSender()).isEqualTo("alice@example.net");
            assertThat(event.getClientIp()).isEqualTo("192.0.2.20");
            assertThat(event.getClientHost()).isEqualTo("app.example.net");
            assertThat(event.getSaslUsername()).isEqualTo("alice");
            assertThat(event.getSaslMethod()).isEqualTo("PLAIN");
            assertThat(event.getMessageId()).isEqualTo("m1@example.net");
            assertThat(event.getSize()).isEqualTo(1234L);
            assertThat(event.getNrcpt()).isEqualTo(2);
        }
        assertThat(events.get(1).getCategory()).isEqualTo("fake_deferred");
        assertThat(events.get(1).getReplyCode()).isEqualTo(452);
        assertThat(events.get(1).getEnhancedStatusCode()).isEqualTo("4.2.2");
    }

    @Test
    void attemptBeforeSenderLineWaitsForIt() {
        QueueCorrelator correlator = correlator(CorrelationSettings.streaming());

        assertThat(correlator.accept(record(SENT))).isEmpty();
        List<DeliveryEvent> released = correlator.accept(record(QMGR));

        assertThat(released).singleElement().satisfies(event -> {
            assertThat(event.getRecipient()).isEqualTo("bob@example.org");
            assertThat(event.getSender()).isEqualTo("alice@example.net");
        });
        assertThat(correlator.counters().held()).isEqualTo(1);
    }

    @Test
    void orderedOutputKeepsLineOrderBehindHeldAttempt() {
        QueueCorrelator correlator = correlator(CorrelationSettings.offline());

        List<DeliveryEvent> events = run(correlator, OTHER_QMGR, SENT, OTHER_SENT, QMGR);

        assertThat(events).extracting(DeliveryEvent::getRecipient).containsExactly("bob@example.org", "dan@example.com");
        assertThat(events.get(0).getSender()).isEqualTo("alice@example.net");
    }

    @Test
    void unorderedOutputDoesNotWaitBehindHeldAttempt() {
        QueueCorrelator correlator = correlator(CorrelationSettings.streaming());

        List<DeliveryEvent> events = run(correlator, OTHER_QMGR, SENT, OTHER_SENT, QMGR);

        assertThat(events).extracting(DeliveryEvent::getRecipient).containsExactly("dan@example.com", "bob@example.org");
    }

    @Test
    void heldAttemptIsReleasedWithoutSenderAfterOriginWait() {
        QueueCorrelator correlator = correlator(CorrelationSettings.builder().originWait(Duration.ofMinutes(5)).build());
        MaillogRecord attempt = record(SENT);
        correlator.accept(attempt);
        String key = QueueCorrelator.key("mx1", "AAA111");

        assertThat(correlator.expire(key, attempt.eventTime() + Duration.ofMinutes(5).toMillis() - 1)).isEmpty();
        List<DeliveryEvent> released = correlator.expire(key, attempt.eventTime() + Duration.ofMinutes(5).toMillis());

        assertThat(released).singleElement().satisfies(event -> assertThat(event.getSender()).isNull());
        assertThat(correlator.counters().releasedWithoutSender()).isEqualTo(1);
        assertThat(store.get(key).held()).isEmpty();
    }

    @Test
    void zeroOriginWaitNeverHolds() {
        QueueCorrelator correlator = correlator(CorrelationSettings.builder().originWait(Duration.ZERO).build());

        assertThat(correlator.accept(record(SENT))).hasSize(1);
    }

    @Test
    void pickupSenderStandsInWithoutQmgrLine() {
        QueueCorrelator correlator = correlator(CorrelationSettings.offline());
        String pickup = "Jun 10 09:00:00 mx1 postfix/pickup[9]: AAA111: uid=1000 from=<webadmin>";

        List<DeliveryEvent> events = new ArrayList<>(run(correlator, pickup, SENT));
        events.addAll(correlator.finish());

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getSender()).isEqualTo("webadmin");
            assertThat(event.getLocalUid()).isEqualTo(1000);
        });
    }

    @Test
    void removedReleasesHeldAttemptsAndDropsState() {
        QueueCorrelator correlator = correlator(CorrelationSettings.offline());

        List<DeliveryEvent> events = run(correlator, CLIENT, SENT, REMOVED);

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getSender()).isNull();
            assertThat(event.getClientIp()).isEqualTo("192.0.2.20");
        });
        assertThat(store.get(QueueCorrelator.key("mx1", "AAA111"))).isNull();
        assertThat(correlator.counters().removedStates()).isEqualTo(1);
    }

    @Test
    void stateIsEvictedAfterTimeToLive() {
        QueueCorrelator correlator = correlator(CorrelationSettings.streaming());
        MaillogRecord qmgr = record(QMGR);
        correlator.accept(qmgr);
        String key = QueueCorrelator.key("mx1", "AAA111");

        correlator.expire(key, qmgr.eventTime() + Duration.ofDays(7).toMillis() - 1);
        assertThat(store.get(key)).isNotNull();
        correlator.expire(key, qmgr.eventTime() + Duration.ofDays(7).toMillis());

        assertThat(store.get(key)).isNull();
        assertThat(correlator.counters().evictedStates()).isEqualTo(1);
    }

    @Test
    void expiryReportsEachRecipientWhoseLatestAttemptWasDeferred() {
        QueueCorrelator correlator = correlator(CorrelationSettings.offline());
        String carolSentLater = "Jun 10 09:05:00 mx1 postfix/smtp[13]: AAA111: to=<carol@example.org>, relay=mx.example.org[198.51.100.1]:25, delay=300, delays=0/0/1/1, dsn=2.0.0, status=sent (250 Ok)";
        String bobDeferred = "Jun 10 09:06:00 mx1 postfix/smtp[13]: AAA111: to=<bob@example.org>, relay=mx2.example.org[198.51.100.9]:25, delay=360, delays=0/0/1/1, dsn=4.7.1, status=deferred (host mx2.example.org[198.51.100.9] said: 421 4.7.1 Try later (in reply to MAIL FROM command))";
        String expired = "Jun 15 09:00:00 mx1 postfix/qmgr[12]: AAA111: from=<alice@example.net>, status=expired, returned to sender";

        List<DeliveryEvent> events = run(correlator, QMGR, DEFERRED, carolSentLater, bobDeferred, expired);

        assertThat(events).hasSize(4);
        DeliveryEvent expiredEvent = events.get(3);
        assertThat(expiredEvent.getStatus()).isEqualTo(DeliveryStatus.EXPIRED);
        assertThat(expiredEvent.getRecipient()).isEqualTo("bob@example.org");
        assertThat(expiredEvent.getTimestamp()).isEqualTo("2026-06-15T09:00:00Z");
        assertThat(expiredEvent.getDsn()).isEqualTo("4.7.1");
        assertThat(expiredEvent.getRelayHost()).isEqualTo("mx2.example.org");
        assertThat(expiredEvent.getRelayIp()).isEqualTo("198.51.100.9");
        assertThat(expiredEvent.getReplyCode()).isEqualTo(421);
        assertThat(expiredEvent.getCategory()).isEqualTo("fake_deferred");
        assertThat(expiredEvent.getProvider()).isEqualTo("fake_provider");
        assertThat(expiredEvent.getSender()).isEqualTo("alice@example.net");
        assertThat(expiredEvent.getProgram()).isEqualTo("postfix/qmgr");
    }

    @Test
    void expiryWithoutDeferralReportsNullRecipient() {
        QueueCorrelator correlator = correlator(CorrelationSettings.offline());
        String forced = "Jun 15 09:00:00 mx1 postfix/qmgr[12]: AAA111: from=<alice@example.net>, status=force-expired, returned to sender";

        List<DeliveryEvent> events = run(correlator, forced);

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getStatus()).isEqualTo(DeliveryStatus.EXPIRED);
            assertThat(event.getQueueId()).isEqualTo("AAA111");
            assertThat(event.getRecipient()).isNull();
            assertThat(event.getDsn()).isNull();
            assertThat(event.getCategory()).isNull();
            assertThat(event.getProvider()).isNull();
            assertThat(event.getSender()).isEqualTo("alice@example.net");
        });
    }

    @Test
    void recipientsBeyondLimitAreNotTrackedForExpiry() {
        QueueCorrelator correlator = correlator(CorrelationSettings.offline().toBuilder().maxRecipientsPerQueue(1).build());
        String otherDeferred = DEFERRED.replace("carol@", "frank@");

        run(correlator, QMGR, DEFERRED, otherDeferred);

        assertThat(store.get(QueueCorrelator.key("mx1", "AAA111")).deferredRecipients()).containsOnlyKeys("carol@example.org");
        assertThat(correlator.counters().untrackedRecipients()).isEqualTo(1);
    }

    @Test
    void heldAttemptsBeyondPerQueueLimitAreReleased() {
        QueueCorrelator correlator = correlator(CorrelationSettings.streaming().toBuilder().maxHeldPerQueue(1).build());

        assertThat(correlator.accept(record(SENT))).isEmpty();
        List<DeliveryEvent> released = correlator.accept(record(DEFERRED));

        assertThat(released).extracting(DeliveryEvent::getRecipient).containsExactly("bob@example.org");
        assertThat(store.get(QueueCorrelator.key("mx1", "AAA111")).held()).hasSize(1);
    }

    @Test
    void heldAttemptsBeyondTotalLimitReleaseOldestQueue() {
        QueueCorrelator correlator = correlator(CorrelationSettings.offline().toBuilder().maxHeldTotal(1).build());

        assertThat(correlator.accept(record(SENT))).isEmpty();
        List<DeliveryEvent> events = correlator.accept(record(OTHER_SENT));

        assertThat(events).extracting(DeliveryEvent::getRecipient).containsExactly("bob@example.org");
    }

    @Test
    void perMxReplyStandsInForMissingStatusText() {
        QueueCorrelator correlator = correlator(CorrelationSettings.streaming());
        String said = "Jun 10 09:00:01 mx1 postfix/smtp[13]: AAA111: host mx.example.org[198.51.100.1] said: 451 4.3.0 Try again (in reply to DATA command)";
        String bare = "Jun 10 09:00:02 mx1 postfix/smtp[13]: AAA111: to=<bob@example.org>, relay=mx.example.org[198.51.100.1]:25, delay=2, dsn=4.3.0, status=deferred";

        List<DeliveryEvent> events = run(correlator, QMGR, said, bare);

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getReplyText()).startsWith("host mx.example.org[198.51.100.1] said: 451 4.3.0");
            assertThat(event.getReplyCode()).isEqualTo(451);
        });
    }

    @Test
    void sameQueueIdOnTwoHostsIsTwoMessages() {
        QueueCorrelator correlator = correlator(CorrelationSettings.streaming());

        List<DeliveryEvent> events = run(correlator, QMGR, SENT.replace(" mx1 ", " mx2 "));

        assertThat(events).isEmpty();
        assertThat(QueueCorrelator.key("mx2", "AAA111")).isEqualTo("mx2|AAA111");
        assertThat(store.get(QueueCorrelator.key("mx2", "AAA111")).held()).hasSize(1);
    }

    @Test
    void sendmailLineWithTwoRecipientsGivesTwoEvents() {
        QueueCorrelator correlator = correlator(CorrelationSettings.builder().originWait(Duration.ZERO).build());
        String line = "Apr  8 19:02:01 server1 sm-mta[6468]: n38Mw1a2006466: to=<a@example.com>,<b@example.net>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120499, relay=mx.example.com. [198.51.100.4], dsn=2.0.0, stat=Sent (Ok)";

        List<DeliveryEvent> events = run(correlator, line);

        assertThat(events).extracting(DeliveryEvent::getRecipient).containsExactly("a@example.com", "b@example.net");
        assertThat(events).extracting(DeliveryEvent::getRecipientDomain).containsExactly("example.com", "example.net");
        assertThat(events).extracting(DeliveryEvent::getMta).containsOnly("sendmail");
    }

    private QueueCorrelator correlator(CorrelationSettings settings) {
        return new QueueCorrelator(store, QueueCorrelatorTest::fakeVerdict, settings);
    }

    private static AttemptVerdict fakeVerdict(AttemptFacts facts) {
        String category = facts.status() == DeliveryStatus.SENT ? null : "fake_" + facts.status().name().toLowerCase(java.util.Locale.ROOT);
        return new AttemptVerdict(category, null, null, null, "fake_provider");
    }

    private List<DeliveryEvent> run(QueueCorrelator correlator, String... lines) {
        List<DeliveryEvent> events = new ArrayList<>();
        for (String line : lines) {
            events.addAll(correlator.accept(record(line)));
        }
        return events;
    }

    private MaillogRecord record(String line) {
        ParseResult result = parser.parse(line);
        assertThat(result).as(line).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).record();
    }
}
