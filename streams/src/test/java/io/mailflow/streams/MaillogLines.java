package io.mailflow.streams;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Postfix maillog lines for tests, with ISO-8601 timestamps so that no year has to be inferred
 * from the clock. Reply texts are real provider replies with placeholder addresses.
 */
final class MaillogLines {

    static final String GMAIL_RELAY = "gmail-smtp-in.l.google.com[142.250.102.27]:25";
    static final String GMAIL_SENT = "250 2.0.0 OK  1718010000 a1-20020a170902 - gsmtp";
    static final String GMAIL_UNSOLICITED = "host gmail-smtp-in.l.google.com[142.250.102.27] said: 550-5.7.1 "
            + "[203.0.113.5      1] Our system has detected an unusual rate of 550-5.7.1 unsolicited mail originating "
            + "from your IP address. To protect our 550-5.7.1 users from spam, mail sent from your IP address has been "
            + "blocked. 550-5.7.1 Please visit 550-5.7.1  https://support.google.com/mail/?p=UnsolicitedIPError to "
            + "review our 550 5.7.1 Bulk Email Senders Guidelines. q16si3475662wrs.311 - gsmtp (in reply to end of "
            + "DATA command)";
    static final String EXAMPLE_RELAY = "mx.example.net[198.51.100.25]:25";
    static final String EXAMPLE_SENT = "250 2.0.0 Ok: queued as 71D817EA16";

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    private MaillogLines() {
    }

    /** The ISO-8601 stamp rsyslog writes, such as {@code 2026-06-10T09:00:01.000000+00:00}. */
    static String stamp(long epochMillis) {
        return ISO.format(Instant.ofEpochMilli(epochMillis));
    }

    /**
     * The lines of a one-recipient message: qmgr {@code from=}, the delivery line and, unless the
     * status is deferred, {@code removed}; all at {@code eventTime}.
     */
    static List<String> message(String host, String queueId, long eventTime, String recipient, String relay,
            String dsn, String status, String replyText) {
        List<String> lines = new ArrayList<>();
        lines.add(qmgrFrom(host, queueId, eventTime, "newsletter@shop.example"));
        lines.add(delivery(host, queueId, eventTime, recipient, relay, dsn, status, replyText));
        if (!status.equals("deferred")) {
            lines.add(stamp(eventTime) + " " + host + " postfix/qmgr[101]: " + queueId + ": removed");
        }
        return lines;
    }

    static String qmgrFrom(String host, String queueId, long eventTime, String sender) {
        return stamp(eventTime) + " " + host + " postfix/qmgr[101]: " + queueId + ": from=<" + sender
                + ">, size=2048, nrcpt=1 (queue active)";
    }

    static String delivery(String host, String queueId, long eventTime, String recipient, String relay, String dsn,
            String status, String replyText) {
        return stamp(eventTime) + " " + host + " postfix/smtp[202]: " + queueId + ": to=<" + recipient + ">, relay="
                + relay + ", delay=0.5, delays=0.1/0/0.2/0.2, dsn=" + dsn + ", status=" + status + " (" + replyText + ")";
    }

    /** An smtpd session line, which carries no mail flow. */
    static String smtpdConnect(String host, long eventTime) {
        return stamp(eventTime) + " " + host + " postfix/smtpd[303]: connect from unknown[192.0.2.44]";
    }

    /** A queue id made from a counter, in Postfix's short hexadecimal form. */
    static String queueId(int counter) {
        return String.format("%010X", 0x4B000000L + counter);
    }
}
