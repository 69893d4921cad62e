package io.mailflow.ingest.generate;

/**
 * Writes the Postfix maillog line of one {@link Step} into a reused buffer: the syslog header, then
 * the daemon's message in the shape Postfix logs it. Not thread-safe.
 */
final class LineRenderer {

    private static final String QMGR = "postfix/qmgr";
    private static final String CLEANUP = "postfix/cleanup";
    private static final String PICKUP = "postfix/pickup";
    private static final String BOUNCE = "postfix/bounce";
    private static final String SMTPD = "postfix/smtpd";
    private static final String SUBMISSION_SMTPD = "postfix/submission/smtpd";

    private final StringBuilder line = new StringBuilder(1024);
    private final boolean isoTimestamps;
    private final EventTime eventTime;
    private final ReplyContext replyContext;

    LineRenderer(boolean isoTimestamps, EventTime eventTime, ReplyContext replyContext) {
        this.isoTimestamps = isoTimestamps;
        this.eventTime = eventTime;
        this.replyContext = replyContext;
    }

    /** Renders {@code step} of {@code life} and returns the buffer, valid until the next call. */
    StringBuilder render(MessageLife life, Step step) {
        FleetHost host = life.host;
        long time = step.timeMicros;
        switch (step.kind) {
            case SMTPD_CONNECT -> begin(time, host, smtpdProgram(life), smtpdPid(life))
                    .append("connect from ").append(life.clientHost).append('[').append(life.clientIp).append(']');
            case SMTPD_CLIENT -> {
                queueLine(time, host, smtpdProgram(life), smtpdPid(life), life.queueId)
                        .append("client=").append(life.clientHost).append('[').append(life.clientIp).append(']');
                if (life.origin.kind == SenderIdentity.Kind.SASL_USER) {
                    line.append(", sasl_method=PLAIN, sasl_username=").append(life.origin.saslUsername);
                }
            }
            case SMTPD_DISCONNECT -> renderDisconnect(life, time);
            case PICKUP -> queueLine(time, host, PICKUP, host.pickupPid, life.queueId)
                    .append("uid=").append(life.origin.uid).append(" from=<").append(life.origin.localName).append('>');
            case CLEANUP -> queueLine(time, host, CLEANUP, host.cleanupPids.next(replyContext.random), life.queueId)
                    .append("message-id=<").append(life.messageId).append('>');
            case QMGR_ACTIVE -> queueLine(time, host, QMGR, host.qmgrPid, life.queueId)
                    .append("from=<").append(life.sender).append(">, size=").append(life.size)
                    .append(", nrcpt=").append(life.recipients.length).append(" (queue active)");
            case MX_REPLY -> renderMxReply(life, step);
            case CONNECT_TIMEOUT -> renderConnectTimeout(life, step);
            case DELIVERY -> renderDelivery(life, step);
            case EXPIRED -> queueLine(time, host, QMGR, host.qmgrPid, life.queueId)
                    .append("from=<").append(life.sender).append(">, status=expired, returned to sender");
            case NOTIFICATION_CLEANUP -> queueLine(time, host, CLEANUP, host.cleanupPids.next(replyContext.random),
                    step.notification.queueId).append("message-id=<").append(step.notification.messageId).append('>');
            case NOTIFICATION_BOUNCE -> queueLine(time, host, BOUNCE, host.bouncePids.next(replyContext.random),
                    life.queueId).append("sender non-delivery notification: ").append(step.notification.queueId);
            case REMOVED -> queueLine(time, host, QMGR, host.qmgrPid, life.queueId).append("removed");
        }
        return line;
    }

    private void renderDisconnect(MessageLife life, long time) {
        begin(time, life.host, smtpdProgram(life), smtpdPid(life))
                .append("disconnect from ").append(life.clientHost).append('[').append(life.clientIp).append(']');
        int recipients = life.recipients.length;
        if (life.origin.kind == SenderIdentity.Kind.SASL_USER) {
            line.append(" ehlo=2 starttls=1 auth=1 mail=1 rcpt=").append(recipients)
                    .append(" data=1 quit=1 commands=").append(7 + recipients);
        } else {
            line.append(" ehlo=1 mail=1 rcpt=").append(recipients).append(" data=1 quit=1 commands=").append(4 + recipients);
        }
    }

    private void renderMxReply(MessageLife life, Step step) {
        Session session = step.session;
        Session.MxTry mxTry = session.earlierTries.get(step.index);
        queueLine(step.timeMicros, life.host, session.program, session.pid, life.queueId);
        appendRemoteReply(life, session.recipients.get(0), mxTry.host().name(), mxTry.address(), mxTry.reply(),
                step.timeMicros);
    }

    private void renderConnectTimeout(MessageLife life, Step step) {
        Session session = step.session;
        Session.MxTry mxTry = session.earlierTries.get(step.index);
        begin(step.timeMicros, life.host, session.program, session.pid)
                .append("connect to ").append(mxTry.host().name()).append('[').append(mxTry.address())
                .append("]:25: Connection timed out");
    }

    private void renderDelivery(MessageLife life, Step step) {
        Session session = step.session;
        Recipient recipient = session.recipients.get(step.index);
        queueLine(step.timeMicros, life.host, session.program, session.pid, life.queueId)
                .append("to=<").append(recipient.address).append(">, relay=");
        if (session.route.isLocal()) {
            line.append("local");
        } else if (session.timedOut) {
            line.append("none");
        } else {
            line.append(session.finalHost.name()).append('[').append(session.finalAddress).append("]:25");
        }
        if (session.connectionReuse > 0) {
            line.append(", conn_use=").append(session.connectionReuse);
        }
        long delay = session.queueMicros + session.queueManagerMicros + session.connectMicros + session.transmitMicros;
        line.append(", delay=");
        EventTime.appendSeconds(line, delay);
        line.append(", delays=");
        EventTime.appendSeconds(line, session.queueMicros);
        line.append('/');
        EventTime.appendSeconds(line, session.queueManagerMicros);
        line.append('/');
        EventTime.appendSeconds(line, session.connectMicros);
        line.append('/');
        EventTime.appendSeconds(line, session.transmitMicros);

        if (session.route.isLocal()) {
            line.append(", dsn=2.0.0, status=sent (delivered to mailbox)");
            return;
        }
        if (session.timedOut) {
            line.append(", dsn=4.4.1, status=deferred (");
            if (session.suspended) {
                line.append("delivery temporarily suspended: ");
            }
            line.append("connect to ").append(session.finalHost.name()).append('[').append(session.finalAddress)
                    .append("]:25: Connection timed out)");
            return;
        }
        ReplyTemplate reply = session.replies.get(step.index);
        line.append(", dsn=").append(reply.dsn()).append(", status=").append(statusWord(reply)).append(" (");
        if (reply.stage() == SmtpStage.NONE) {
            fillContext(life, recipient, session.finalHost.name(), step.timeMicros);
            reply.render(line, replyContext);
        } else {
            appendRemoteReply(life, recipient, session.finalHost.name(), session.finalAddress, reply, step.timeMicros);
        }
        line.append(')');
    }

    private void appendRemoteReply(MessageLife life, Recipient recipient, String mxHost, String mxAddress,
            ReplyTemplate reply, long timeMicros) {
        fillContext(life, recipient, mxHost, timeMicros);
        line.append("host ").append(mxHost).append('[').append(mxAddress).append(']');
        if (reply.stage() == SmtpStage.CONNECT) {
            line.append(" refused to talk to me: ");
            reply.render(line, replyContext);
            return;
        }
        line.append(" said: ");
        reply.render(line, replyContext);
        line.append(" (in reply to ").append(reply.stage().command()).append(')');
    }

    private void fillContext(MessageLife life, Recipient recipient, String mxHost, long timeMicros) {
        replyContext.sendingIp = life.host.sendingIps[life.ipIndex];
        replyContext.recipient = recipient.address;
        replyContext.recipientDomain = recipient.route.domain;
        replyContext.mxHost = mxHost;
        replyContext.messageId = life.messageId;
        replyContext.epochMicros = timeMicros;
    }

    private static String statusWord(ReplyTemplate reply) {
        return switch (reply.status()) {
            case SENT -> "sent";
            case DEFERRED -> "deferred";
            case BOUNCED -> "bounced";
            case EXPIRED -> "expired";
        };
    }

    private StringBuilder queueLine(long time, FleetHost host, String program, int pid, String queueId) {
        return begin(time, host, program, pid).append(queueId).append(": ");
    }

    private StringBuilder begin(long time, FleetHost host, String program, int pid) {
        line.setLength(0);
        if (isoTimestamps) {
            eventTime.appendRfc3339(line, time);
        } else {
            eventTime.appendRfc3164(line, time);
        }
        return line.append(' ').append(host.name).append(' ').append(program).append('[').append(pid).append("]: ");
    }

    private static String smtpdProgram(MessageLife life) {
        return life.origin.kind == SenderIdentity.Kind.SASL_USER ? SUBMISSION_SMTPD : SMTPD;
    }

    // One smtpd process serves the whole session, so its pid is fixed per message.
    private static int smtpdPid(MessageLife life) {
        return life.sessionPid;
    }
}
