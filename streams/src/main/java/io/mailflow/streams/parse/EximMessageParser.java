package io.mailflow.streams.parse;

import java.util.List;

import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.streams.parse.MaillogBody.DeliveryAttempt;
import io.mailflow.streams.parse.MaillogBody.EnvelopeFrom;
import io.mailflow.streams.parse.MaillogBody.InboundReject;
import io.mailflow.streams.parse.MaillogBody.QueueRemoved;

/**
 * Reads an Exim main-log message after its stamp and optional [pid]: {@code ID <= sender ...}
 * arrivals, {@code ID => rcpt ...} and {@code ID -> rcpt ...} deliveries, {@code ID == rcpt ...}
 * deferrals, {@code ID ** rcpt ...} failures, {@code ID Completed}, and {@code rejected} lines
 * without a message id. Stateless.
 */
final class EximMessageParser {

    private static final ParseResult OTHER = new ParseResult.Ignored(IgnoreReasons.EXIM_OTHER);

    /**
     * True for an Exim message id: {@code 1rPabc-0001Xy-AB} (6-6-2 base-62 characters) or the 4.97+
     * form {@code 1rPabc-000000005Xy-ABCD} (6-11-4).
     */
    static boolean isMessageId(String line, int from, int to) {
        int length = to - from;
        if (length != 16 && length != 23) {
            return false;
        }
        int middle = length == 16 ? 6 : 11;
        if (line.charAt(from + 6) != '-' || line.charAt(from + 7 + middle) != '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c != '-' && !Chars.isAlphanumeric(c)) {
                return false;
            }
        }
        return true;
    }

    ParseResult parse(String line, int start, RecordSink sink) {
        int end = Chars.trimEnd(line, start, line.length());
        int i = skipInnerStamp(line, start, end);
        if (i >= end) {
            return OTHER;
        }
        int idEnd = Chars.nextSpace(line, i);
        if (!isMessageId(line, i, Math.min(idEnd, end))) {
            return line.indexOf(" rejected ", i) >= 0 ? parseReject(line, i, end, sink) : OTHER;
        }

        String messageId = line.substring(i, idEnd);
        int flag = idEnd + 1;
        if (flag + 2 > end) {
            return OTHER;
        }
        if (line.startsWith("Completed", flag)) {
            return sink.parsed(new QueueRemoved(messageId));
        }
        if (flag + 3 > end || line.charAt(flag + 2) != ' ') {
            return OTHER;
        }

        int rest = flag + 3;
        switch (line.substring(flag, flag + 2)) {
            case "<=":
                return parseArrival(line, messageId, rest, end, sink);
            case "=>":
            case "->":
                return parseDelivery(line, messageId, rest, end, DeliveryStatus.SENT, sink);
            case "==":
                return parseDelivery(line, messageId, rest, end, DeliveryStatus.DEFERRED, sink);
            case "**":
                return parseDelivery(line, messageId, rest, end, DeliveryStatus.BOUNCED, sink);
            default:
                return OTHER;
        }
    }

    /** Exim logging through syslog repeats its own stamp: {@code exim[123]: 2024-01-15 10:00:00 1rP...}. */
    private static int skipInnerStamp(String line, int start, int end) {
        if (end - start > 20 && Chars.isDigit(line.charAt(start)) && line.charAt(start + 4) == '-'
                && line.charAt(start + 10) == ' ' && line.charAt(start + 13) == ':') {
            int i = Chars.nextSpace(line, start + 11);
            i = Chars.skipSpaces(line, i);
            if (i < end && (line.charAt(i) == '+' || line.charAt(i) == '-') && Chars.digits(line, i + 1, Math.min(i + 5, end)) >= 0) {
                i = Chars.skipSpaces(line, Chars.nextSpace(line, i));
            }
            if (i < end && line.charAt(i) == '[') {
                int close = line.indexOf(']', i);
                if (close > i) {
                    i = Chars.skipSpaces(line, close + 1);
                }
            }
            return i;
        }
        return start;
    }

    private ParseResult parseDelivery(String line, String messageId, int start, int end, DeliveryStatus status, RecordSink sink) {
        int recipientEnd = Chars.nextSpace(line, start);
        if (recipientEnd > end) {
            recipientEnd = end;
        }
        int tokenEnd = recipientEnd;
        if (tokenEnd > start && line.charAt(tokenEnd - 1) == ':') {
            tokenEnd--;
        }
        if (tokenEnd <= start) {
            return new ParseResult.Failed(ParseFailureReason.MALFORMED_DELIVERY, "Exim delivery line without recipient");
        }
        String recipient = line.substring(start, tokenEnd);
        String originalRecipient = null;
        int next = Chars.skipSpaces(line, recipientEnd);
        if (next < end && line.charAt(next) == '<') {
            int close = line.indexOf('>', next);
            if (close > next && close < end) {
                originalRecipient = line.substring(next + 1, close);
            }
        }
        if (recipient.indexOf('@') < 0 && originalRecipient != null && originalRecipient.indexOf('@') > 0) {
            // Local deliveries log the local part first and the full address in brackets.
            recipient = originalRecipient;
            originalRecipient = null;
        }

        String relayHost = null;
        String relayIp = null;
        Integer relayPort = null;
        int host = field(line, start, end, " H=");
        if (host > 0) {
            int hostEnd = Chars.nextSpace(line, host);
            relayHost = line.substring(host, Math.min(hostEnd, end));
            int open = line.indexOf(" [", host);
            if (relayHost.startsWith("[")) {
                open = host - 1;
            }
            if (open >= 0 && open < end && open <= hostEnd) {
                int close = line.indexOf(']', open);
                if (close > open && Chars.isIpAddress(line, open + 2, close)) {
                    relayIp = line.substring(open + 2, close);
                    if (close + 1 < end && line.charAt(close + 1) == ':') {
                        int portEnd = close + 2;
                        while (portEnd < end && Chars.isDigit(line.charAt(portEnd))) {
                            portEnd++;
                        }
                        int port = Chars.digits(line, close + 2, portEnd);
                        relayPort = port < 0 ? null : port;
                    }
                }
            }
            if (relayHost.startsWith("[")) {
                relayHost = relayIp;
            }
        }
        boolean transport = field(line, start, end, " T=") > 0;
        boolean local = relayHost == null && transport && status == DeliveryStatus.SENT;

        String text;
        if (status == DeliveryStatus.SENT) {
            int confirmation = field(line, start, end, " C=");
            text = confirmation > 0 ? quotedValue(line, confirmation, end) : null;
        } else {
            int colon = line.indexOf(": ", start);
            text = colon > 0 && colon < end ? line.substring(colon + 2, end) : null;
        }
        int codeIndex = ReplyTexts.replyCodeIndex(text);
        String replyHost = relayHost != null ? relayHost : ReplyTexts.replyHost(text);
        return sink.parsed(new DeliveryAttempt(
                messageId,
                recipient,
                List.of(),
                originalRecipient,
                relayHost,
                relayIp,
                relayPort,
                local,
                null,
                null,
                null,
                status,
                text,
                codeIndex < 0 ? null : ReplyTexts.replyCodeAt(text, codeIndex),
                codeIndex < 0 ? null : ReplyTexts.enhancedStatusCode(text, codeIndex),
                replyHost));
    }

    /** {@code <= sender H=name (helo) [ip]:port P=esmtpsa A=mech:user S=size id=message-id}. */
    private ParseResult parseArrival(String line, String messageId, int start, int end, RecordSink sink) {
        int senderEnd = Chars.nextSpace(line, start);
        String sender = Chars.unbracket(line, start, Math.min(senderEnd, end));
        String clientHost = null;
        String clientIp = null;
        int host = field(line, start, end, " H=");
        if (host > 0) {
            int hostEnd = Chars.nextSpace(line, host);
            if (line.charAt(host) != '(' && line.charAt(host) != '[') {
                clientHost = line.substring(host, hostEnd);
            }
            int open = line.indexOf('[', host);
            if (open > 0 && open < end) {
                int close = line.indexOf(']', open);
                if (close > open && Chars.isIpAddress(line, open + 1, close)) {
                    clientIp = line.substring(open + 1, close);
                }
            }
        }

        String saslMethod = null;
        String saslUsername = null;
        int authenticator = field(line, start, end, " A=");
        if (authenticator > 0) {
            int authEnd = Chars.nextSpace(line, authenticator);
            int colon = line.indexOf(':', authenticator);
            if (colon > 0 && colon < authEnd) {
                saslMethod = line.substring(authenticator, colon);
                saslUsername = line.substring(colon + 1, authEnd);
            } else {
                saslMethod = line.substring(authenticator, authEnd);
            }
        }

        Long size = null;
        int sizeStart = field(line, start, end, " S=");
        if (sizeStart > 0) {
            long parsed = Chars.longDigits(line, sizeStart, Chars.nextSpace(line, sizeStart));
            size = parsed < 0 ? null : parsed;
        }

        String headerId = null;
        int id = field(line, start, end, " id=");
        if (id > 0) {
            headerId = line.substring(id, Math.min(Chars.nextSpace(line, id), end));
        }
        return sink.parsed(new EnvelopeFrom(messageId, sender, size, null, headerId, clientHost, clientIp, saslMethod, saslUsername));
    }

    /** {@code H=name [ip] F=<sender> rejected RCPT <rcpt>: text}. */
    private ParseResult parseReject(String line, int start, int end, RecordSink sink) {
        int rejected = line.indexOf(" rejected ", start);
        int stageStart = rejected + 10;
        int stageEnd = Chars.nextSpace(line, stageStart);
        String stage = line.substring(stageStart, Math.min(stageEnd, end));
        String clientIp = null;
        int open = line.indexOf('[', start);
        if (open >= 0 && open < rejected) {
            int close = line.indexOf(']', open);
            if (close > open && Chars.isIpAddress(line, open + 1, close)) {
                clientIp = line.substring(open + 1, close);
            }
        }
        String sender = null;
        int from = field(line, start, rejected + 1, " F=");
        if (from > 0) {
            sender = Chars.unbracket(line, from, Chars.nextSpace(line, from));
        }
        String recipient = null;
        int recipientStart = Chars.skipSpaces(line, stageEnd);
        if (recipientStart < end && line.charAt(recipientStart) == '<') {
            int close = line.indexOf('>', recipientStart);
            if (close > 0 && close < end) {
                recipient = line.substring(recipientStart + 1, close);
            }
        }
        int colon = line.indexOf(": ", rejected);
        String text = colon > 0 && colon < end ? line.substring(colon + 2, end) : line.substring(rejected + 1, end);
        return sink.parsed(new InboundReject(null, stage, null, clientIp, text, sender, recipient));
    }

    /** Index of the value of {@code key} (such as " H=") in {@code line[from, to)}, or -1. */
    private static int field(String line, int from, int to, String key) {
        int at = line.indexOf(key, from);
        return at < 0 || at >= to ? -1 : at + key.length();
    }

    /** Returns the value at {@code start}: a double-quoted string with backslash escapes, or one word. */
    private static String quotedValue(String line, int start, int end) {
        if (start >= end || line.charAt(start) != '"') {
            return line.substring(start, Math.min(Chars.nextSpace(line, start), end));
        }
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < end) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < end) {
                value.append(line.charAt(i + 1));
                i += 2;
            } else if (c == '"') {
                break;
            } else {
                value.append(c);
                i++;
            }
        }
        return value.toString();
    }
}
