package io.mailflow.streams;

import java.time.Instant;
import java.util.Locale;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.schemas.Remediation;

/** Builds delivery events as the correlator would emit them, with explicit event time. */
final class TestAttempts {

    static final Instant T0 = Instant.parse("2026-06-10T09:00:00Z");

    private TestAttempts() {
    }

    /** A successful attempt from {@code host} to gmail.com at {@code T0 + offsetMillis}. */
    static DeliveryEvent.Builder sent(String host, long offsetMillis) {
        return base(host, offsetMillis)
                .setStatus(DeliveryStatus.SENT)
                .setDsn("2.0.0")
                .setReplyCode(250)
                .setReplyText("250 2.0.0 OK  1718010000 a1-20020a170902 - gsmtp");
    }

    /** A deferral with the given category and reply. */
    static DeliveryEvent.Builder deferred(String host, long offsetMillis, String category, int replyCode,
            String enhancedStatusCode, String replyText) {
        return base(host, offsetMillis)
                .setStatus(DeliveryStatus.DEFERRED)
                .setDsn(enhancedStatusCode)
                .setEnhancedStatusCode(enhancedStatusCode)
                .setReplyCode(replyCode)
                .setCategory(category)
                .setReplyText(replyText);
    }

    /** A bounce with the given category and reply. */
    static DeliveryEvent.Builder bounced(String host, long offsetMillis, String category, int replyCode,
            String enhancedStatusCode, String replyText) {
        return base(host, offsetMillis)
                .setStatus(DeliveryStatus.BOUNCED)
                .setDsn(enhancedStatusCode)
                .setEnhancedStatusCode(enhancedStatusCode)
                .setReplyCode(replyCode)
                .setCategory(category)
                .setReplyText(replyText);
    }

    /** Gmail's rate limit for unsolicited mail, a reputation deferral. */
    static DeliveryEvent.Builder gmailReputation(String host, long offsetMillis) {
        return deferred(host, offsetMillis, "reputation", 421, "4.7.28",
                "host gmail-smtp-in.l.google.com[142.250.102.27] said: 421-4.7.28 Gmail has detected an unusual "
                        + "rate of unsolicited mail originating from your IP address. To protect our users from "
                        + "spam, mail sent from your IP address has been temporarily rate limited.")
                .setRemediation(Remediation.newBuilder()
                        .setKey("gmail-unsolicited-rate")
                        .setNextStep("Stop the campaign from this IP and check the Postmaster Tools reputation")
                        .setUrl("https://support.google.com/mail/answer/81126")
                        .build());
    }

    /** A Spamhaus listing reply, a block-list bounce. */
    static DeliveryEvent.Builder spamhausListed(String host, long offsetMillis) {
        return bounced(host, offsetMillis, "blocklist", 554, "5.7.1",
                "host mx.example.net[198.51.100.25] said: 554 5.7.1 Service unavailable; Client host "
                        + "[203.0.113.5] blocked using zen.spamhaus.org")
                .setProvider("other")
                .setRecipientDomain("example.net")
                .setRelayHost("mx.example.net")
                .setRelayIp("198.51.100.25")
                .setRemediation(Remediation.newBuilder()
                        .setKey("spamhaus-zen")
                        .setNextStep("Look the IP up at Spamhaus and request removal after fixing the cause")
                        .setUrl("https://check.spamhaus.org/")
                        .build());
    }

    /** A postgrey greylisting deferral. */
    static DeliveryEvent.Builder greylisted(String host, long offsetMillis) {
        return deferred(host, offsetMillis, "greylisting", 450, "4.2.0",
                "host mx.example.org[192.0.2.10] said: 450 4.2.0 <bob@example.org>: Recipient address "
                        + "rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html");
    }

    /** A 5.1.1 user-unknown bounce. */
    static DeliveryEvent.Builder unknownUser(String host, long offsetMillis) {
        return bounced(host, offsetMillis, "unknown_recipient", 550, "5.1.1",
                "host gmail-smtp-in.l.google.com[142.250.102.27] said: 550-5.1.1 The email account that you "
                        + "tried to reach does not exist.");
    }

    private static DeliveryEvent.Builder base(String host, long offsetMillis) {
        long eventTime = T0.toEpochMilli() + offsetMillis;
        return DeliveryEvent.newBuilder()
                .setQueueId("4BQ" + Long.toHexString(eventTime).toUpperCase(Locale.ROOT))
                .setTimestamp(Instant.ofEpochMilli(eventTime).toString())
                .setEventTime(eventTime)
                .setHost(host)
                .setMta("postfix")
                .setProgram("postfix/smtp")
                .setSender("newsletter@shop.example")
                .setRecipient("alice@gmail.com")
                .setRecipientDomain("gmail.com")
                .setRelayHost("gmail-smtp-in.l.google.com")
                .setRelayIp("142.250.102.27")
                .setRelayPort(25)
                .setProvider("google");
    }
}
