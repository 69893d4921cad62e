package io.mailflow.streams.parse;

import java.util.ArrayList;
import java.util.List;

import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.streams.parse.MaillogBody.DeliveryAttempt;
import io.mailflow.streams.parse.MaillogBody.EnvelopeFrom;
import io.mailflow.streams.parse.MaillogBody.InboundReject;

/**
 * Reads the message part of a sendmail ({@code sm-mta}, {@code sendmail}) line:
 * {@code QUEUEID: to=..., stat=...} delivery lines, {@code QUEUEID: from=..., size=...} sender lines
 * and {@code ruleset=... reject=...} rejections. Stateless.
 */
final class SendmailMessageParser {

    private static final ParseResult OTHER = new ParseResult.Ignored(IgnoreReasons.SENDMAIL_OTHER);

    ParseResult parse(String line, int start, RecordSink sink) {
        int end = Chars.trimEnd(line, start, line.length());
        int colon = line.indexOf(": ", start);
        String queueId = null;
        int m = start;
        if (colon > start && colon < end && isQueueId(line, start, colon)) {
            queueId = line.substring(start, colon);
            m = colon + 2;
        }
        if (m >= end) {
            return OTHER;
        }
        if (line.startsWith("to=", m)) {
            return queueId == null ? OTHER : parseDelivery(line, queueId, m, end, sink);
        }
        if (line.startsWith("from=", m)) {
            return queueId == null ? OTHER : parseFrom(line, queueId, m, end, sink);
        }
        if (line.startsWith("ruleset=", m)) {
            return parseReject(line, queueId, m, end, sink);
        }
        return OTHER;
    }

    /** sendmail queue ids: 8 to 20 letters and digits, such as {@code n38Mw1a2006466}. */
    private static boolean isQueueId(String line, int from, int to) {
        int length = to - from;
        if (length < 8 || length > 20) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Chars.isAlphanumeric(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private ParseResult parseDelivery(String line, String queueId, int m, int end, RecordSink sink) {
        List<String> recipients = null;
        Relay relay = Relay.NONE;
        String mailer = null;
        String dsn = null;
        int i = m;
        while (i < end) {
            int equals = line.indexOf('=', i);
            if (equals < 0 || equals >= end) {
                break;
            }
            int value = equals + 1;
            if (equals - i == 4 && line.startsWith("stat", i)) {
                return delivery(line, queueId, recipients, relay, mailer, dsn, value, end, sink);
            }
            int valueEnd = fieldEnd(line, value, end);
            if (equals - i == 2 && line.startsWith("to", i)) {
                recipients = recipients(line, value, valueEnd);
            } else if (equals - i == 5 && line.startsWith("relay", i)) {
                relay = Relay.sendmail(line, value, valueEnd);
            } else if (equals - i == 6 && line.startsWith("mailer", i)) {
                mailer = line.substring(value, valueEnd);
            } else if (equals - i == 3 && line.startsWith("dsn", i)) {
                dsn = line.substring(value, valueEnd);
            }
            i = valueEnd + 2;
        }
        return new ParseResult.Failed(ParseFailureReason.MALFORMED_DELIVERY, "sendmail to= line without stat=");
    }

    private ParseResult delivery(
            String line,
            String queueId,
            List<String> recipients,
            Relay relay,
            String mailer,
            String dsn,
            int statStart,
            int end,
            RecordSink sink) {
        if (recipients == null || recipients.isEmpty()) {
            return new ParseResult.Failed(ParseFailureReason.MALFORMED_DELIVERY, "sendmail stat= line without to=");
        }
        String text = line.substring(statStart, end);
        DeliveryStatus status;
        if (text.startsWith("Sent")) {
            status = DeliveryStatus.SENT;
        } else if (text.startsWith("Deferred")) {
            status = DeliveryStatus.DEFERRED;
        } else if (text.startsWith("queued")) {
            // Queued for a later run: no delivery was tried yet.
            return OTHER;
        } else {
            status = dsn != null && dsn.startsWith("4.") ? DeliveryStatus.DEFERRED : DeliveryStatus.BOUNCED;
        }

        boolean local = relay.host() == null && mailer != null && !isNetworkMailer(mailer);
        int codeIndex = ReplyTexts.replyCodeIndex(text);
        return sink.parsed(new DeliveryAttempt(
                queueId,
                recipients.get(0),
                recipients.size() == 1 ? List.of() : List.copyOf(recipients.subList(1, recipients.size())),
                null,
                relay.host(),
                relay.ip(),
                null,
                local,
                null,
                null,
                dsn,
                status,
                text,
                codeIndex < 0 ? null : ReplyTexts.replyCodeAt(text, codeIndex),
                codeIndex < 0 ? null : ReplyTexts.enhancedStatusCode(text, codeIndex),
                ReplyTexts.replyHost(text)));
    }

    private static boolean isNetworkMailer(String mailer) {
        return mailer.equals("esmtp") || mailer.equals("smtp") || mailer.equals("relay") || mailer.equals("dsmtp")
                || mailer.equals("smtp8");
    }

    /** {@code from=<sender>, size=N, class=0, nrcpts=N, msgid=<id>, proto=ESMTP, daemon=MTA, relay=host [ip]}. */
    private ParseResult parseFrom(String line, String queueId, int m, int end, RecordSink sink) {
        String sender = null;
        Long size = null;
        Integer nrcpt = null;
        String messageId = null;
        Relay client = Relay.NONE;
        int i = m;
        while (i < end) {
            int equals = line.indexOf('=', i);
            if (equals < 0 || equals >= end) {
                break;
            }
            int value = equals + 1;
            int valueEnd = fieldEnd(line, value, end);
            String key = line.substring(i, equals);
            switch (key) {
                case "from":
                    sender = Chars.unbracket(line, value, valueEnd);
                    break;
                case "size":
                    long parsedSize = Chars.longDigits(line, value, valueEnd);
                    size = parsedSize < 0 ? null : parsedSize;
                    break;
                case "nrcpts":
                    int parsedCount = Chars.digits(line, value, valueEnd);
                    nrcpt = parsedCount < 0 ? null : parsedCount;
                    break;
                case "msgid":
                    messageId = Chars.unbracket(line, value, valueEnd);
                    break;
                case "relay":
                    client = Relay.sendmail(line, value, valueEnd);
                    break;
                default:
                    break;
            }
            i = valueEnd + 2;
        }
        if (sender == null) {
            return new ParseResult.Failed(ParseFailureReason.MALFORMED_MESSAGE, "sendmail from= line without sender");
        }
        return sink.parsed(new EnvelopeFrom(queueId, sender, size, nrcpt, messageId, client.host(), client.ip(), null, null));
    }

    /** {@code ruleset=check_rcpt, arg1=<rcpt>, relay=host [ip], reject=550 5.7.1 <rcpt>... Relaying denied}. */
    private ParseResult parseReject(String line, String queueId, int m, int end, RecordSink sink) {
        int reject = line.indexOf("reject=", m);
        if (reject < 0 || reject >= end) {
            return OTHER;
        }
        String stage = null;
        String recipient = null;
        Relay client = Relay.NONE;
        int i = m;
        while (i < reject) {
            int equals = line.indexOf('=', i);
            int valueEnd = fieldEnd(line, equals + 1, end);
            if (line.startsWith("ruleset", i)) {
                stage = line.substring(equals + 1, valueEnd);
            } else if (line.startsWith("arg1", i)) {
                recipient = Chars.unbracket(line, equals + 1, valueEnd);
            } else if (line.startsWith("relay", i)) {
                client = Relay.sendmail(line, equals + 1, valueEnd);
            }
            i = valueEnd + 2;
        }
        return sink.parsed(new InboundReject(queueId, stage, client.host(), client.ip(), line.substring(reject + 7, end), null, recipient));
    }

    /** End of a field value: the next ", " followed by a {@code key=}, or the end. */
    private static int fieldEnd(String line, int from, int end) {
        int i = from;
        while (true) {
            int comma = line.indexOf(", ", i);
            if (comma < 0 || comma >= end) {
                return end;
            }
            int keyEnd = comma + 2;
            while (keyEnd < end && (Chars.isAlphanumeric(line.charAt(keyEnd)) || line.charAt(keyEnd) == '_')) {
                keyEnd++;
            }
            if (keyEnd < end && keyEnd > comma + 2 && line.charAt(keyEnd) == '=') {
                return comma;
            }
            i = comma + 2;
        }
    }

    /** Splits {@code <a@x>,<b@y>} or {@code a@x,b@y}; commas inside quotes or angle brackets do not split. */
    private static List<String> recipients(String line, int from, int to) {
        List<String> recipients = new ArrayList<>(1);
        int start = from;
        boolean quoted = false;
        int depth = 0;
        for (int i = from; i <= to; i++) {
            char c = i < to ? line.charAt(i) : ',';
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '<' && !quoted) {
                depth++;
            } else if (c == '>' && !quoted && depth > 0) {
                depth--;
            } else if (c == ',' && !quoted && depth == 0) {
                if (i > start) {
                    recipients.add(Chars.unbracket(line, start, i));
                }
                start = i + 1;
            }
        }
        return recipients;
    }
}
