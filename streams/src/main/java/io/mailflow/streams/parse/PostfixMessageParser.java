package io.mailflow.streams.parse;

import java.util.List;

import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.streams.parse.MaillogBody.ClientOrigin;
import io.mailflow.streams.parse.MaillogBody.DeliveryAttempt;
import io.mailflow.streams.parse.MaillogBody.EnvelopeFrom;
import io.mailflow.streams.parse.MaillogBody.HeaderCheck;
import io.mailflow.streams.parse.MaillogBody.InboundReject;
import io.mailflow.streams.parse.MaillogBody.LocalSubmission;
import io.mailflow.streams.parse.MaillogBody.MessageIdentity;
import io.mailflow.streams.parse.MaillogBody.MxReply;
import io.mailflow.streams.parse.MaillogBody.MxReplyKind;
import io.mailflow.streams.parse.MaillogBody.NotificationCreated;
import io.mailflow.streams.parse.MaillogBody.Postscreen;
import io.mailflow.streams.parse.MaillogBody.QueueExpired;
import io.mailflow.streams.parse.MaillogBody.QueueRemoved;

/**
 * Reads the message part of a Postfix line. The kind of line is decided from its content after the
 * queue id, not from the daemon name, so custom syslog names ({@code postfix-out/smtp},
 * {@code server1-1/smtp}, {@code postfix/submission/smtpd}) need no configuration. Stateless.
 */
final class PostfixMessageParser {

    private static final ParseResult SESSION = new ParseResult.Ignored(IgnoreReasons.POSTFIX_SESSION);
    private static final ParseResult WARNING = new ParseResult.Ignored(IgnoreReasons.POSTFIX_WARNING);
    private static final ParseResult OTHER = new ParseResult.Ignored(IgnoreReasons.POSTFIX_OTHER);
    private static final ParseResult ADDRESS_PROBE = new ParseResult.Ignored(IgnoreReasons.ADDRESS_PROBE);

    ParseResult parse(String line, int start, String program, RecordSink sink) {
        int end = Chars.trimEnd(line, start, line.length());
        if (start >= end) {
            return OTHER;
        }
        if (program.endsWith("/postscreen") || program.endsWith("/dnsblog")) {
            return parsePostscreen(line, start, end, program, sink);
        }

        int colon = line.indexOf(':', start);
        if (colon > start && colon < end - 1 && line.charAt(colon + 1) == ' ') {
            if (Chars.isPostfixQueueId(line, start, colon)) {
                return parseQueued(line, line.substring(start, colon), colon + 2, end, sink);
            }
            if (colon - start == 7 && line.startsWith("NOQUEUE", start)) {
                return parseNoQueue(line, colon + 2, end, sink);
            }
        } else if (colon == end - 1 && Chars.isPostfixQueueId(line, start, colon)) {
            return OTHER;
        }
        return parseUnqueued(line, start, end, sink);
    }

    /** Lines after {@code QUEUEID: }. */
    private ParseResult parseQueued(String line, String queueId, int m, int end, RecordSink sink) {
        switch (line.charAt(m)) {
            case 't':
                if (line.startsWith("to=", m)) {
                    return parseDelivery(line, queueId, m + 3, end, sink);
                }
                break;
            case 'f':
                if (line.startsWith("from=", m)) {
                    return parseFrom(line, queueId, m + 5, end, sink);
                }
                if (line.startsWith("filter: ", m)) {
                    return headerCheck(line, queueId, m, end, sink);
                }
                break;
            case 'c':
                if (line.startsWith("client=", m)) {
                    return parseClient(line, queueId, m + 7, end, sink);
                }
                if (line.startsWith("connect to ", m)) {
                    return mxReply(line, queueId, m, m + 11, end, MxReplyKind.CONNECT_FAILED, sink);
                }
                if (line.startsWith("conversation with ", m)) {
                    return mxReply(line, queueId, m, m + 18, end, MxReplyKind.CONVERSATION_TIMED_OUT, sink);
                }
                break;
            case 'u':
                if (line.startsWith("uid=", m)) {
                    return parsePickup(line, queueId, m + 4, end, sink);
                }
                break;
            case 'm':
                if (line.startsWith("message-id=", m)) {
                    return sink.parsed(new MessageIdentity(queueId, Chars.unbracket(line, m + 11, end)));
                }
                if (line.startsWith("milter-reject: ", m)) {
                    return parseReject(line, queueId, m + 15, end, sink);
                }
                break;
            case 'r':
                if (end - m == 7 && line.startsWith("removed", m)) {
                    return sink.parsed(new QueueRemoved(queueId));
                }
                if (line.startsWith("reject: ", m)) {
                    return isHeaderCheck(line, m + 8) ? headerCheck(line, queueId, m, end, sink) : parseReject(line, queueId, m + 8, end, sink);
                }
                if (line.startsWith("replace: ", m) || line.startsWith("redirect: ", m)) {
                    return headerCheck(line, queueId, m, end, sink);
                }
                break;
            case 'h':
                if (line.startsWith("host ", m)) {
                    return parseHostReply(line, queueId, m, end, sink);
                }
                if (line.startsWith("hold: ", m)) {
                    return headerCheck(line, queueId, m, end, sink);
                }
                break;
            case 'l':
                if (line.startsWith("lost connection with ", m)) {
                    return mxReply(line, queueId, m, m + 21, end, MxReplyKind.LOST_CONNECTION, sink);
                }
                break;
            case 'w':
                if (line.startsWith("warning: ", m)) {
                    return isHeaderCheck(line, m + 9) ? headerCheck(line, queueId, m, end, sink) : WARNING;
                }
                break;
            case 'd':
                if (line.startsWith("discard: ", m)) {
                    return isHeaderCheck(line, m + 9) ? headerCheck(line, queueId, m, end, sink) : OTHER;
                }
                break;
            case 'i':
                if (line.startsWith("info: ", m) && isHeaderCheck(line, m + 6)) {
                    return headerCheck(line, queueId, m, end, sink);
                }
                break;
            case 'p':
                if (line.startsWith("prepend: ", m)) {
                    return headerCheck(line, queueId, m, end, sink);
                }
                break;
            default:
                break;
        }
        int notification = line.indexOf(" notification: ", m);
        if (notification > m && notification < end) {
            int newQueueIdStart = notification + 15;
            int newQueueIdEnd = Chars.nextSpace(line, newQueueIdStart);
            String newQueueId = Chars.isPostfixQueueId(line, newQueueIdStart, Math.min(newQueueIdEnd, end))
                    ? line.substring(newQueueIdStart, Math.min(newQueueIdEnd, end))
                    : null;
            return sink.parsed(new NotificationCreated(queueId, newQueueId, line.substring(m, notification)));
        }
        return OTHER;
    }

    private static boolean isHeaderCheck(String line, int at) {
        return line.startsWith("header ", at) || line.startsWith("body ", at) || line.startsWith("mime-header ", at)
                || line.startsWith("nested-header ", at);
    }

    private static ParseResult headerCheck(String line, String queueId, int m, int end, RecordSink sink) {
        int colon = line.indexOf(": ", m);
        String action = line.substring(m, colon);
        return sink.parsed(new HeaderCheck(queueId, action, line.substring(colon + 2, end)));
    }

    /**
     * {@code to=<rcpt>, orig_to=<rcpt>, relay=host[ip]:port, conn_use=N, delay=N, delays=a/b/c/d,
     * dsn=X.Y.Z, status=word (text)}. Fields other than to= and status= may be missing (old Postfix,
     * error and retry agents).
     */
    private ParseResult parseDelivery(String line, String queueId, int valueStart, int end, RecordSink sink) {
        int recipientEnd = addressEnd(line, valueStart, end);
        if (recipientEnd < 0) {
            return malformed("recipient address of to= is not closed");
        }
        String recipient = Chars.unbracket(line, valueStart, recipientEnd);

        String originalRecipient = null;
        Relay relay = Relay.NONE;
        Double delay = null;
        String delays = null;
        String dsn = null;
        int i = recipientEnd;
        while (i < end) {
            if (!line.startsWith(", ", i)) {
                return malformed("expected ', ' between fields at offset " + i);
            }
            int keyStart = i + 2;
            int equals = line.indexOf('=', keyStart);
            if (equals < 0 || equals >= end) {
                return malformed("field without '=' at offset " + keyStart);
            }
            int value = equals + 1;
            int keyLength = equals - keyStart;
            if (keyLength == 6 && line.startsWith("status", keyStart)) {
                return delivery(line, queueId, recipient, originalRecipient, relay, delay, delays, dsn, value, end, sink);
            }
            int valueEnd = valueEnd(line, value, end);
            if (keyLength == 5 && line.startsWith("relay", keyStart)) {
                relay = Relay.postfix(line, value, valueEnd);
            } else if (keyLength == 5 && line.startsWith("delay", keyStart)) {
                double parsed = Chars.decimal(line, value, valueEnd);
                delay = Double.isNaN(parsed) ? null : parsed;
            } else if (keyLength == 6 && line.startsWith("delays", keyStart)) {
                delays = line.substring(value, valueEnd);
            } else if (keyLength == 3 && line.startsWith("dsn", keyStart)) {
                dsn = line.substring(value, valueEnd);
            } else if (keyLength == 7 && line.startsWith("orig_to", keyStart)) {
                originalRecipient = Chars.unbracket(line, value, valueEnd);
            }
            i = valueEnd;
        }
        return malformed("delivery line without status=");
    }

    private ParseResult delivery(
            String line,
            String queueId,
            String recipient,
            String originalRecipient,
            Relay relay,
            Double delay,
            String delays,
            String dsn,
            int statusStart,
            int end,
            RecordSink sink) {
        int wordEnd = line.indexOf(' ', statusStart);
        if (wordEnd < 0 || wordEnd > end) {
            wordEnd = end;
        }
        DeliveryStatus status = status(line, statusStart, wordEnd);
        if (status == null) {
            if (isWord(line, statusStart, wordEnd, "deliverable") || isWord(line, statusStart, wordEnd, "undeliverable")) {
                return ADDRESS_PROBE;
            }
            return new ParseResult.Failed(ParseFailureReason.UNKNOWN_STATUS, "status=" + line.substring(statusStart, wordEnd));
        }

        String text = null;
        int textStart = Chars.skipSpaces(line, wordEnd);
        if (textStart < end) {
            if (line.charAt(textStart) == '(') {
                int textEnd = line.charAt(end - 1) == ')' ? end - 1 : end;
                text = line.substring(textStart + 1, textEnd);
            } else {
                text = line.substring(textStart, end);
            }
        }

        int codeIndex = ReplyTexts.replyCodeIndex(text);
        Integer replyCode = codeIndex < 0 ? null : ReplyTexts.replyCodeAt(text, codeIndex);
        String enhanced = codeIndex < 0 ? null : ReplyTexts.enhancedStatusCode(text, codeIndex);
        return sink.parsed(new DeliveryAttempt(
                queueId,
                recipient,
                List.of(),
                originalRecipient,
                relay.host(),
                relay.ip(),
                relay.port(),
                relay.localDelivery(),
                delay,
                delays,
                dsn,
                status,
                text,
                replyCode,
                enhanced,
                ReplyTexts.replyHost(text)));
    }

    private static DeliveryStatus status(String line, int start, int end) {
        switch (end - start) {
            case 4:
                return line.startsWith("sent", start) ? DeliveryStatus.SENT : null;
            case 7:
                return line.startsWith("bounced", start) ? DeliveryStatus.BOUNCED : null;
            case 8:
                return line.startsWith("deferred", start) ? DeliveryStatus.DEFERRED : null;
            case 10:
                // soft_bounce = yes turns bounces into deferrals and logs them as SOFTBOUNCE.
                return line.startsWith("SOFTBOUNCE", start) ? DeliveryStatus.DEFERRED : null;
            default:
                return null;
        }
    }

    private static boolean isWord(String line, int start, int end, String word) {
        return end - start == word.length() && line.startsWith(word, start);
    }

    /**
     * End of the address that starts at {@code from}: after the closing '>' of {@code <...>}
     * (a quoted local part may contain '>' and ','), else at the next ", ". -1 when '<' is not closed.
     */
    static int addressEnd(String line, int from, int end) {
        if (from >= end || line.charAt(from) != '<') {
            return valueEnd(line, from, end);
        }
        int i = from + 1;
        if (i < end && line.charAt(i) == '"') {
            i++;
            while (i < end && line.charAt(i) != '"') {
                i += line.charAt(i) == '\\' ? 2 : 1;
            }
        }
        int close = line.indexOf('>', i);
        return close < 0 || close >= end ? -1 : close + 1;
    }

    /** End of a field value: the next ", " or the end. An angle-bracketed value ends after its '>'. */
    static int valueEnd(String line, int from, int end) {
        if (from < end && line.charAt(from) == '<') {
            int close = addressEnd(line, from, end);
            if (close > 0) {
                return close;
            }
        }
        int comma = line.indexOf(", ", from);
        return comma < 0 || comma > end ? end : comma;
    }

    /**
     * qmgr {@code from=<sender>, size=N, nrcpt=N (queue active)} and
     * {@code from=<sender>, status=expired, returned to sender} ({@code force-expired}).
     */
    private ParseResult parseFrom(String line, String queueId, int valueStart, int end, RecordSink sink) {
        int senderEnd = addressEnd(line, valueStart, end);
        if (senderEnd < 0) {
            return malformedMessage("sender address of from= is not closed");
        }
        String sender = Chars.unbracket(line, valueStart, senderEnd);
        Long size = null;
        Integer nrcpt = null;
        int i = senderEnd;
        while (i + 2 < end && line.startsWith(", ", i)) {
            int keyStart = i + 2;
            if (line.startsWith("status=", keyStart)) {
                int value = keyStart + 7;
                boolean forced = line.startsWith("force-expired", value);
                if (forced || line.startsWith("expired", value)) {
                    return sink.parsed(new QueueExpired(queueId, sender, forced));
                }
                return OTHER;
            }
            int valueEnd = numberEnd(line, keyStart, end);
            if (line.startsWith("size=", keyStart)) {
                long parsed = Chars.longDigits(line, keyStart + 5, valueEnd);
                size = parsed < 0 ? null : parsed;
            } else if (line.startsWith("nrcpt=", keyStart)) {
                int parsed = Chars.digits(line, keyStart + 6, valueEnd);
                nrcpt = parsed < 0 ? null : parsed;
            }
            i = valueEnd;
        }
        return sink.parsed(new EnvelopeFrom(queueId, sender, size, nrcpt, null, null, null, null, null));
    }

    private static int numberEnd(String line, int from, int end) {
        int i = from;
        while (i < end && line.charAt(i) != ',' && line.charAt(i) != ' ') {
            i++;
        }
        return i;
    }

    /** smtpd {@code client=name[ip][:port], sasl_method=X, sasl_username=Y, ...}. */
    private ParseResult parseClient(String line, String queueId, int valueStart, int end, RecordSink sink) {
        int valueEnd = valueEnd(line, valueStart, end);
        int open = line.indexOf('[', valueStart);
        if (open < 0 || open > valueEnd) {
            return malformedMessage("client= without [address]");
        }
        int close = line.indexOf(']', open);
        if (close < 0 || close > valueEnd) {
            return malformedMessage("client= address is not closed");
        }
        String clientHost = open > valueStart ? line.substring(valueStart, open) : null;
        String clientIp = line.substring(open + 1, close);

        String saslMethod = null;
        String saslUsername = null;
        int i = valueEnd;
        while (i + 2 < end && line.startsWith(", ", i)) {
            int keyStart = i + 2;
            int fieldEnd = valueEnd(line, keyStart, end);
            if (line.startsWith("sasl_method=", keyStart)) {
                saslMethod = line.substring(keyStart + 12, fieldEnd);
            } else if (line.startsWith("sasl_username=", keyStart)) {
                saslUsername = line.substring(keyStart + 14, fieldEnd);
            }
            i = fieldEnd;
        }
        return sink.parsed(new ClientOrigin(queueId, clientHost, clientIp, saslMethod, saslUsername));
    }

    /** pickup {@code uid=1000 from=<user>}. */
    private ParseResult parsePickup(String line, String queueId, int valueStart, int end, RecordSink sink) {
        int uidEnd = Chars.nextSpace(line, valueStart);
        int uid = Chars.digits(line, valueStart, Math.min(uidEnd, end));
        String sender = null;
        int from = line.indexOf("from=", valueStart);
        if (from > 0 && from < end) {
            int senderEnd = addressEnd(line, from + 5, end);
            sender = Chars.unbracket(line, from + 5, senderEnd < 0 ? end : senderEnd);
        }
        return sink.parsed(new LocalSubmission(queueId, uid < 0 ? null : uid, sender));
    }

    /** {@code host X[ip] said: ...} and {@code host X[ip] refused to talk to me: ...}. */
    private ParseResult parseHostReply(String line, String queueId, int m, int end, RecordSink sink) {
        int said = line.indexOf(" said: ", m);
        if (said > 0 && said < end) {
            return mxReply(line, queueId, m, m + 5, end, MxReplyKind.SAID, sink);
        }
        int refused = line.indexOf(" refused to talk to me: ", m);
        if (refused > 0 && refused < end) {
            return mxReply(line, queueId, m, m + 5, end, MxReplyKind.REFUSED_TO_TALK, sink);
        }
        return OTHER;
    }

    /** Parses a per-MX line whose host starts at {@code hostStart} and is followed by {@code [ip]}. */
    private ParseResult mxReply(String line, String queueId, int m, int hostStart, int end, MxReplyKind kind, RecordSink sink) {
        int open = line.indexOf('[', hostStart);
        int space = Chars.nextSpace(line, hostStart);
        String host = null;
        String ip = null;
        if (open > hostStart && open < space) {
            host = line.substring(hostStart, open);
            int close = line.indexOf(']', open);
            if (close > open && Chars.isIpAddress(line, open + 1, close)) {
                ip = line.substring(open + 1, close);
            }
        } else if (space > hostStart) {
            host = line.substring(hostStart, line.charAt(space - 1) == ':' ? space - 1 : space);
        }
        String text = line.substring(m, end);
        int codeIndex = ReplyTexts.replyCodeIndex(text);
        Integer replyCode = codeIndex < 0 ? null : ReplyTexts.replyCodeAt(text, codeIndex);
        return sink.parsed(new MxReply(queueId, kind, host, ip, text, replyCode));
    }

    /** {@code NOQUEUE: reject: ...}, {@code NOQUEUE: milter-reject: ...}; other NOQUEUE lines are session noise. */
    private ParseResult parseNoQueue(String line, int m, int end, RecordSink sink) {
        if (line.startsWith("reject: ", m)) {
            return parseReject(line, null, m + 8, end, sink);
        }
        if (line.startsWith("milter-reject: ", m)) {
            return parseReject(line, null, m + 15, end, sink);
        }
        return SESSION;
    }

    /**
     * {@code STAGE from name[ip]: TEXT; from=<sender> to=<rcpt> proto=ESMTP helo=<helo>}, after
     * {@code reject: } or {@code milter-reject: }.
     */
    private ParseResult parseReject(String line, String queueId, int m, int end, RecordSink sink) {
        int fromWord = line.indexOf(" from ", m);
        String stage = fromWord > m && fromWord < end ? line.substring(m, fromWord) : null;
        String clientHost = null;
        String clientIp = null;
        int textStart = m;
        if (stage != null) {
            int clientStart = fromWord + 6;
            int clientEnd = line.indexOf(": ", clientStart);
            if (clientEnd > 0 && clientEnd < end) {
                int open = line.indexOf('[', clientStart);
                if (open >= clientStart && open < clientEnd) {
                    clientHost = open > clientStart ? line.substring(clientStart, open) : null;
                    int close = line.indexOf(']', open);
                    if (close > open && close < clientEnd + 1) {
                        clientIp = line.substring(open + 1, close);
                    }
                }
                textStart = clientEnd + 2;
            }
        }

        int envelope = line.lastIndexOf("; from=<", end);
        int textEnd = envelope > textStart ? envelope : end;
        String sender = null;
        String recipient = null;
        if (envelope > textStart) {
            int senderEnd = addressEnd(line, envelope + 7, end);
            if (senderEnd > 0) {
                sender = Chars.unbracket(line, envelope + 7, senderEnd);
                if (line.startsWith(" to=", senderEnd)) {
                    int recipientEnd = addressEnd(line, senderEnd + 4, end);
                    if (recipientEnd > 0) {
                        recipient = Chars.unbracket(line, senderEnd + 4, recipientEnd);
                    }
                }
            }
        }
        return sink.parsed(new InboundReject(queueId, stage, clientHost, clientIp, line.substring(textStart, textEnd), sender, recipient));
    }

    /**
     * Parses lines without a queue id. {@code connect to X: ...} is a per-MX line whose queue id is
     * not logged.
     */
    // NOTE: such a per-MX line cannot be attached to its attempt, because only the queue id links
    // them. It is parsed and counted, and the attempt's own status text is used.
    private ParseResult parseUnqueued(String line, int start, int end, RecordSink sink) {
        if (line.startsWith("connect to ", start)) {
            return mxReply(line, null, start, start + 11, end, MxReplyKind.CONNECT_FAILED, sink);
        }
        if (line.startsWith("warning: ", start) || line.startsWith("error: ", start) || line.startsWith("fatal: ", start)
                || line.startsWith("panic: ", start)) {
            return WARNING;
        }
        if (line.startsWith("connect from ", start) || line.startsWith("disconnect from ", start)
                || line.startsWith("lost connection after ", start) || line.startsWith("timeout after ", start)
                || line.startsWith("Anonymous TLS connection", start) || line.startsWith("Trusted TLS connection", start)
                || line.startsWith("Untrusted TLS connection", start) || line.startsWith("Verified TLS connection", start)
                || line.startsWith("SSL_accept error", start) || line.startsWith("improper command pipelining", start)
                || line.startsWith("too many errors", start)) {
            return SESSION;
        }
        return OTHER;
    }

    /** postscreen ({@code CONNECT}, {@code PASS NEW}, {@code DNSBL rank}, {@code BLACKLISTED}, ...) and dnsblog lines. */
    private ParseResult parsePostscreen(String line, int start, int end, String program, RecordSink sink) {
        if (line.startsWith("warning: ", start)) {
            return WARNING;
        }
        int wordEnd = Chars.nextSpace(line, start);
        String action = program.endsWith("/dnsblog") ? "DNSBLOG" : line.substring(start, Math.min(wordEnd, end));
        if (action.endsWith(":")) {
            action = action.substring(0, action.length() - 1);
        }
        String clientIp = null;
        int open = line.indexOf('[', start);
        if (open >= 0 && open < end) {
            int close = line.indexOf(']', open);
            if (close > open && Chars.isIpAddress(line, open + 1, close)) {
                clientIp = line.substring(open + 1, close);
            }
        } else if (action.equals("DNSBLOG") && line.startsWith("addr ", start)) {
            int addressEnd = Chars.nextSpace(line, start + 5);
            clientIp = line.substring(start + 5, Math.min(addressEnd, end));
        }
        boolean rejected = action.equals("BLACKLISTED") || action.equals("DENYLISTED")
                || (action.equals("NOQUEUE") && line.startsWith("NOQUEUE: reject: ", start));
        return sink.parsed(new Postscreen(action, clientIp, rejected, line.substring(start, end)));
    }

    private static ParseResult malformed(String detail) {
        return new ParseResult.Failed(ParseFailureReason.MALFORMED_DELIVERY, detail);
    }

    private static ParseResult malformedMessage(String detail) {
        return new ParseResult.Failed(ParseFailureReason.MALFORMED_MESSAGE, detail);
    }
}
