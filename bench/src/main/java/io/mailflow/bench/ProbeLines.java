package io.mailflow.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Postfix lines of probe messages, stamped with the wall clock in RFC 3339 with microseconds, as
 * rsyslog writes them: a {@code qmgr} line that names the sender, then one delivery attempt. The
 * sender line comes first so that the correlator never keeps the attempt waiting for its sender.
 */
final class ProbeLines {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final long queueIdBase;
    private long sequence;

    /** {@code queueIdBase} keeps the queue ids of two probe writers apart. */
    ProbeLines(long queueIdBase) {
        this.queueIdBase = queueIdBase;
    }

    /** Lines of one probe message and its recipient, which no other message has. */
    record Message(String lines, String recipient) {
    }

    /** Builds a message sent to Gmail: one attempt, status sent, counted in the stats of (sending IP of host, google). */
    Message sentToGmail(Instant time, String host) {
        String queueId = nextQueueId();
        String timestamp = TIMESTAMP.format(time);
        String recipient = "probe" + queueIdBase + "-" + sequence + "@gmail.com";
        String lines = timestamp + " " + host + " postfix/qmgr[4101]: " + queueId
                + ": from=<probe@bench.example>, size=1800, nrcpt=1 (queue active)\n"
                + timestamp + " " + host + " postfix/smtp[4102]: " + queueId + ": to=<" + recipient
                + ">, relay=gmail-smtp-in.l.google.com[142.251.9.26]:25, delay=0.21,"
                + " delays=0.01/0/0.1/0.1, dsn=2.0.0, status=sent (250 2.0.0 OK  1781078400 probe-" + sequence
                + " - gsmtp)\n";
        return new Message(lines, recipient);
    }

    /**
     * Builds a message that outlook.com bounces because {@code sendingIp}, the address of {@code host}, is on
     * Microsoft's block list (S3150): one attempt whose reply names the sending IP, the evidence
     * the blocklist detector alerts on.
     */
    String blockedByMicrosoft(Instant time, String host, String sendingIp) {
        String queueId = nextQueueId();
        String timestamp = TIMESTAMP.format(time);
        return timestamp + " " + host + " postfix/qmgr[4201]: " + queueId
                + ": from=<newsletter@bench.example>, size=5200, nrcpt=1 (queue active)\n"
                + timestamp + " " + host + " postfix/smtp[4202]: " + queueId + ": to=<reader" + sequence
                + "@live.com>, relay=live-com.olc.protection.outlook.com[52.101.10.9]:25, delay=0.68,"
                + " delays=0.01/0.04/0.62/0, dsn=5.7.1, status=bounced (host live-com.olc.protection.outlook.com"
                + "[52.101.10.9] said: 550 5.7.1 Unfortunately, messages from [" + sendingIp + "] weren't sent."
                + " Please contact your Internet service provider since part of their network is on our block list"
                + " (S3150). You can also refer your provider to"
                + " http://mail.live.com/mail/troubleshooting.aspx#errors. (in reply to MAIL FROM command))\n";
    }

    // Postfix short queue ids are upper-case hex; 11 digits as in the generated traffic.
    private String nextQueueId() {
        sequence++;
        return String.format(Locale.ROOT, "%011X", queueIdBase + sequence);
    }
}
