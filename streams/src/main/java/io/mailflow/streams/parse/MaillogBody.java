package io.mailflow.streams.parse;

import java.util.List;

import io.mailflow.schemas.DeliveryStatus;

/** Typed content of one maillog line. Every body names its queue id when the line has one. */
public sealed interface MaillogBody {

    /** Queue id (Postfix, sendmail) or message id (Exim); null when the line has none. */
    String queueId();

    /** Kind of body, for counters. */
    Kind kind();

    /** Kinds of body, one per record type below. */
    enum Kind {
        CLIENT_ORIGIN,
        LOCAL_SUBMISSION,
        MESSAGE_IDENTITY,
        ENVELOPE_FROM,
        QUEUE_EXPIRED,
        QUEUE_REMOVED,
        DELIVERY_ATTEMPT,
        MX_REPLY,
        NOTIFICATION_CREATED,
        INBOUND_REJECT,
        POSTSCREEN,
        HEADER_CHECK
    }

    /**
     * smtpd {@code QUEUEID: client=name[ip], sasl_method=..., sasl_username=...}: who submitted the
     * message.
     */
    record ClientOrigin(
            String queueId, String clientHost, String clientIp, String saslMethod, String saslUsername)
            implements MaillogBody {
        @Override
        public Kind kind() {
            return Kind.CLIENT_ORIGIN;
        }
    }

    /** pickup {@code QUEUEID: uid=1000 from=<user>}: a message submitted on the host itself. */
    record LocalSubmission(String queueId, Integer uid, String sender) implements MaillogBody {
        @Override
        public Kind kind() {
            return Kind.LOCAL_SUBMISSION;
        }
    }

    /** cleanup {@code QUEUEID: message-id=<...>}; the message id is kept without angle brackets. */
    record MessageIdentity(String queueId, String messageId) implements MaillogBody {
        @Override
        public Kind kind() {
            return Kind.MESSAGE_IDENTITY;
        }
    }

    /**
     * Envelope sender of a queued message: Postfix qmgr {@code from=<...>, size=, nrcpt=}, sendmail
     * {@code from=<...>, size=, nrcpts=, msgid=, relay=} and Exim {@code <=} arrival lines. The null
     * sender is the empty string. Fields a line does not log are null.
     */
    record EnvelopeFrom(
            String queueId,
            String sender,
            Long size,
            Integer nrcpt,
            String messageId,
            String clientHost,
            String clientIp,
            String saslMethod,
            String saslUsername)
            implements MaillogBody {
        @Override
        public Kind kind() {
            return Kind.ENVELOPE_FROM;
        }
    }

    /**
     * qmgr {@code QUEUEID: from=<...>, status=expired, returned to sender} (or {@code force-expired}
     * after {@code postsuper -e}): the message left the queue undelivered.
     */
    record QueueExpired(String queueId, String sender, boolean forced) implements MaillogBody {
        @Override
        public Kind kind() {
            return Kind.QUEUE_EXPIRED;
        }
    }

    /** qmgr or postsuper {@code QUEUEID: removed}, Exim {@code Completed}: the message left the queue. */
    record QueueRemoved(String queueId) implements MaillogBody {
        @Override
        public Kind kind() {
            return Kind.QUEUE_REMOVED;
        }
    }

    /**
     * One delivery attempt for one recipient (Postfix {@code to=... status=}, sendmail
     * {@code to=... stat=}, Exim {@code =>}, {@code ->}, {@code ==}, {@code **}).
     *
     * @param recipient          {@code to=} address without angle brackets, as written
     * @param moreRecipients     further recipients of the same sendmail line ({@code to=a,b}); empty
     *                           for Postfix and Exim
     * @param originalRecipient  {@code orig_to=} address, or null
     * @param relayHost          host of {@code relay=host[ip]:port}; the word itself for
     *                           {@code local}, {@code virtual} and other transports; null for none
     * @param relayIp            address in the brackets; null for none, words and sockets
     * @param localDelivery      true when the delivery never left the host (local transports, sockets,
     *                           sendmail local mailers, Exim local transports)
     * @param replyText          status text: inside the parentheses after Postfix {@code status=}, the
     *                           sendmail {@code stat=} value, the Exim error or confirmation text
     * @param replyCode          three-digit SMTP code of the remote reply quoted in the text, or null
     * @param enhancedStatusCode RFC 3463 code quoted after the reply code, or null
     * @param replyHost          MX host named in the text ({@code host X said}, {@code connect to X}),
     *                           or null
     */
    record DeliveryAttempt(
            String queueId,
            String recipient,
            List<String> moreRecipients,
            String originalRecipient,
            String relayHost,
            String relayIp,
            Integer relayPort,
            boolean localDelivery,
            Double delay,
            String delays,
            String dsn,
            DeliveryStatus status,
            String replyText,
            Integer replyCode,
            String enhancedStatusCode,
            String replyHost)
            implements MaillogBody {
        @Override
        public Kind kind() {
            return Kind.DELIVERY_ATTEMPT;
        }
    }

    /**
     * A per-MX line of a delivery agent without {@code to=}: {@code host X said: ...},
     * {@code host X refused to talk to me: ...}, {@code connect to X: ...},
     * {@code lost connection with X ...}, {@code conversation with X timed out ...}. It describes one
     * MX of an attempt whose result comes in a later {@code to=} line.
     */
    record MxReply(String queueId, MxReplyKind replyKind, String mxHost, String mxIp, String text, Integer replyCode)
            implements MaillogBody {
        @Override
        public Kind kind() {
            return Kind.MX_REPLY;
        }
    }

    /** Shape of a per-MX line. */
    enum MxReplyKind {
        SAID,
        REFUSED_TO_TALK,
        CONNECT_FAILED,
        LOST_CONNECTION,
        CONVERSATION_TIMED_OUT
    }

    /**
     * bounce {@code QUEUEID: sender non-delivery notification: NEWQUEUEID}: a notification message
     * (non-delivery, delay, delivery status) was queued under a new queue id.
     */
    record NotificationCreated(String queueId, String notificationQueueId, String notificationKind)
            implements MaillogBody {
        @Override
        public Kind kind() {
            return Kind.NOTIFICATION_CREATED;
        }
    }

    /**
     * An inbound rejection by our own server: smtpd {@code NOQUEUE: reject: RCPT from ...},
     * {@code milter-reject}, sendmail {@code ruleset=... reject=}, Exim {@code rejected RCPT}.
     */
    record InboundReject(
            String queueId, String stage, String clientHost, String clientIp, String text, String sender, String recipient)
            implements MaillogBody {
        @Override
        public Kind kind() {
            return Kind.INBOUND_REJECT;
        }
    }

    /**
     * A postscreen or dnsblog line: an inbound SMTP client screened before smtpd.
     *
     * @param action   first word of the line, such as CONNECT, PASS, DNSBL, BLACKLISTED, NOQUEUE
     * @param clientIp client address, or null
     * @param rejected true for lines that reject the client (NOQUEUE reject, BLACKLISTED, DENYLISTED)
     */
    record Postscreen(String action, String clientIp, boolean rejected, String detail) implements MaillogBody {
        @Override
        public String queueId() {
            return null;
        }

        @Override
        public Kind kind() {
            return Kind.POSTSCREEN;
        }
    }

    /**
     * cleanup header or body check action: {@code QUEUEID: warning: header Subject: ...},
     * {@code reject: body ...}, {@code hold: header ...}. Counted, never an attempt, even though the
     * text contains {@code from=} and {@code to=}.
     */
    record HeaderCheck(String queueId, String action, String detail) implements MaillogBody {
        @Override
        public Kind kind() {
            return Kind.HEADER_CHECK;
        }
    }
}
