package io.mailflow.sink;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.mailflow.schemas.Alert;
import io.mailflow.schemas.AlertEvent;
import io.mailflow.schemas.AlertSeverity;
import io.mailflow.schemas.AlertType;
import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStats;
import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.schemas.Remediation;
import io.mailflow.schemas.SampleReply;
import io.mailflow.schemas.SenderIdentityType;
import io.mailflow.schemas.SenderStats;
import io.mailflow.schemas.SourceCoordinates;

/** Fully populated records with fixed event times, as the topology would write them. */
public final class TestRecords {

    public static final long EVENT_TIME = Instant.parse("2026-06-10T09:28:17Z").toEpochMilli();
    public static final long WINDOW_START = Instant.parse("2026-06-10T09:25:00Z").toEpochMilli();
    public static final long WINDOW_SIZE = 300_000L;

    private static final String GMAIL_REPLY = "host gmail-smtp-in.l.google.com[142.250.27.26] said: 421-4.7.0 "
            + "[203.0.113.7] Our system has detected an unusual rate of unsolicited mail originating from your "
            + "IP address. (in reply to end of DATA command)";

    private TestRecords() {
    }

    public static Remediation gmailRemediation() {
        return Remediation.newBuilder()
                .setKey("gmail-bulk-sender")
                .setNextStep("Check Postmaster Tools and slow down to Gmail from this IP.")
                .setUrl("https://support.google.com/mail/answer/81126")
                .build();
    }

    /** A deferral of one recipient at Gmail, with every field set. */
    public static DeliveryEvent.Builder deferral() {
        return DeliveryEvent.newBuilder()
                .setQueueId("4B1C21A0F3")
                .setTimestamp("2026-06-10T09:28:17Z")
                .setEventTime(EVENT_TIME)
                .setHost("mx1.example.net")
                .setMta("postfix")
                .setProgram("postfix-out/smtp")
                .setSyslogInstance("postfix-out")
                .setSender("newsletter@example.net")
                .setRecipient("alice@gmail.com")
                .setOriginalRecipient("alice@example.org")
                .setRecipientDomain("gmail.com")
                .setStatus(DeliveryStatus.DEFERRED)
                .setDsn("4.7.0")
                .setEnhancedStatusCode("4.7.0")
                .setReplyCode(421)
                .setReplyText(GMAIL_REPLY)
                .setRelayHost("gmail-smtp-in.l.google.com")
                .setRelayIp("142.250.27.26")
                .setRelayPort(25)
                .setCategory("reputation")
                .setCategoryRuleId("google-unusual-rate")
                .setProvider("google")
                .setRemediation(gmailRemediation())
                .setSendingIp("203.0.113.7")
                .setSendingIpSource("inventory")
                .setReplySendingIp("203.0.113.7")
                .setTenant("acme")
                .setMessageId("20260610092800.ABC@example.net")
                .setSize(18_421L)
                .setNrcpt(1)
                .setDelay(12.5)
                .setDelays("0.1/0/2.3/10")
                .setSaslUsername("newsletter")
                .setSaslMethod("PLAIN")
                .setClientHost("app1.example.net")
                .setClientIp("198.51.100.20")
                .setLocalUid(null)
                .setSource(SourceCoordinates.newBuilder()
                        .setTopic("mailflow.maillog.raw")
                        .setPartition(2)
                        .setOffset(41_337L)
                        .build());
    }

    public static SampleReply sampleReply() {
        return SampleReply.newBuilder()
                .setCategory("reputation")
                .setReplyCode(421)
                .setEnhancedStatusCode("4.7.0")
                .setText(GMAIL_REPLY)
                .setRecipientDomain("gmail.com")
                .setEventTime(EVENT_TIME)
                .setCount(17)
                .build();
    }

    public static DeliveryStats.Builder ipProviderStats() {
        return DeliveryStats.newBuilder()
                .setSendingIp("203.0.113.7")
                .setProvider("google")
                .setTenant("acme")
                .setWindowStart(WINDOW_START)
                .setWindowEnd(WINDOW_START + WINDOW_SIZE)
                .setWindowSizeMs(WINDOW_SIZE)
                .setAttempts(40)
                .setSent(20)
                .setDeferred(18)
                .setBounced(2)
                .setExpired(0)
                .setCategoryCounts(Map.of("reputation", 17L, "unknown_recipient", 2L, "other", 1L))
                .setDeferralRate(0.45)
                .setBounceRate(0.05)
                .setHosts(List.of("mx1.example.net", "mx2.example.net"))
                .setFirstSeen(WINDOW_START + 1_000)
                .setLastSeen(WINDOW_START + 290_000)
                .setSampleReplies(List.of(sampleReply()));
    }

    public static SenderStats.Builder senderStats() {
        return SenderStats.newBuilder()
                .setHost("mx1.example.net")
                .setIdentityType(SenderIdentityType.SASL_USER)
                .setIdentity("newsletter")
                .setTenant("acme")
                .setWindowStart(WINDOW_START)
                .setWindowEnd(WINDOW_START + WINDOW_SIZE)
                .setWindowSizeMs(WINDOW_SIZE)
                .setAttempts(1200)
                .setSent(1100)
                .setDeferred(60)
                .setBounced(40)
                .setExpired(0)
                .setUnknownRecipients(35)
                .setRejections(12)
                .setCategoryCounts(Map.of("unknown_recipient", 35L, "reputation", 12L))
                .setDistinctRecipientDomains(87)
                .setProviderCounts(Map.of("google", 700L, "microsoft", 300L, "other", 200L))
                .setSendingIps(List.of("203.0.113.7", "mx1.example.net"))
                .setSenderAddresses(List.of("newsletter@example.net"))
                .setFirstSeen(WINDOW_START + 500)
                .setLastSeen(WINDOW_START + 299_000);
    }

    public static Alert.Builder alert(AlertEvent event) {
        return Alert.newBuilder()
                .setAlertId("DEFERRAL_SPIKE|203.0.113.7|google|" + WINDOW_START)
                .setType(AlertType.DEFERRAL_SPIKE)
                .setEvent(event)
                .setSeverity(AlertSeverity.CRITICAL)
                .setKey("203.0.113.7|google")
                .setSendingIp("203.0.113.7")
                .setProvider("google")
                .setHost("mx1.example.net")
                .setIdentityType(null)
                .setIdentity(null)
                .setTenant("acme")
                .setCategory("reputation")
                .setEventTime(WINDOW_START + WINDOW_SIZE)
                .setFirstSeen(WINDOW_START + 1_000)
                .setLastSeen(WINDOW_START + 290_000)
                .setDurationMs(event == AlertEvent.RESOLVE ? 3_600_000L : null)
                .setWindowSizeMs(WINDOW_SIZE)
                .setAttempts(40)
                .setMatching(18)
                .setRate(0.45)
                .setBaseline(0.02)
                .setSummary("Deferrals from 203.0.113.7 to google rose to 45% (baseline 2%) since 09:25 UTC.")
                .setSampleReplies(List.of(sampleReply()))
                .setRemediation(gmailRemediation());
    }
}
