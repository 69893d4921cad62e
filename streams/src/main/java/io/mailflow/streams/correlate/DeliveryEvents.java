package io.mailflow.streams.correlate;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.streams.parse.MaillogBody.DeliveryAttempt;
import io.mailflow.streams.parse.MaillogRecord;

/** Builds {@link DeliveryEvent}s from attempt and expiry lines and fills in origin facts. */
final class DeliveryEvents {

    /** Value of {@code sendingIpSource} when the remote reply names the sending IP. */
    static final String SENDING_IP_FROM_REPLY = "reply";
    /** Value of {@code sendingIpSource} when the host name is used in place of the unknown sending IP. */
    static final String SENDING_IP_FROM_HOST = "host";

    private DeliveryEvents() {
    }

    /**
     * Builds the classified event of one recipient of an attempt line, without origin facts. When
     * the line has no status text, the latest per-MX reply of the queue id is used instead.
     */
    static DeliveryEvent attempt(MaillogRecord record, DeliveryAttempt attempt, String recipient, QueueState state,
            AttemptClassifier classifier) {
        String replyText = attempt.replyText();
        Integer replyCode = attempt.replyCode();
        String enhancedStatusCode = attempt.enhancedStatusCode();
        String replyHost = attempt.replyHost();
        if ((replyText == null || replyText.isEmpty()) && state.mxReplyText() != null) {
            replyText = state.mxReplyText();
            replyCode = state.mxReplyCode();
            enhancedStatusCode = null;
            replyHost = state.mxReplyHost();
        }
        String recipientDomain = QueueCorrelator.domainOf(recipient);
        // Sendmail local mailers and Exim local transports log no relay, so "local" lets the
        // provider resolver see that the delivery never left the host.
        String providerHost = attempt.relayHost() == null && attempt.localDelivery() ? "local" : attempt.relayHost();

        AttemptVerdict verdict = classifier.classify(new AttemptFacts(
                record.program(),
                record.mta().code(),
                attempt.status(),
                attempt.dsn(),
                replyCode,
                enhancedStatusCode,
                replyText,
                attempt.relayHost(),
                attempt.relayIp(),
                providerHost,
                replyHost,
                recipientDomain));

        DeliveryEvent event = envelope(record, attempt.queueId());
        event.setRecipient(recipient);
        event.setOriginalRecipient(attempt.originalRecipient());
        event.setRecipientDomain(recipientDomain);
        event.setStatus(attempt.status());
        event.setDsn(attempt.dsn());
        event.setEnhancedStatusCode(enhancedStatusCode);
        event.setReplyCode(replyCode);
        event.setReplyText(replyText);
        event.setRelayHost(attempt.relayHost());
        event.setRelayIp(attempt.relayIp());
        event.setRelayPort(attempt.relayPort());
        event.setDelay(attempt.delay());
        event.setDelays(attempt.delays());
        event.setCategory(verdict.category());
        event.setCategoryRuleId(verdict.ruleId());
        event.setProvider(verdict.provider());
        event.setRemediation(verdict.remediation());
        event.setReplySendingIp(verdict.replySendingIp());
        if (verdict.replySendingIp() != null) {
            event.setSendingIp(verdict.replySendingIp());
            event.setSendingIpSource(SENDING_IP_FROM_REPLY);
        } else if (record.host() != null) {
            event.setSendingIp(record.host());
            event.setSendingIpSource(SENDING_IP_FROM_HOST);
        }
        return event;
    }

    /**
     * Builds the expired event of one recipient from its latest deferral, the reason the message
     * expired, with the time, host and source of the expiry line.
     */
    static DeliveryEvent expired(MaillogRecord record, DeliveryEvent deferral, QueueState state) {
        DeliveryEvent event = copy(deferral);
        event.setStatus(DeliveryStatus.EXPIRED);
        event.setTimestamp(record.timestamp());
        event.setEventTime(record.eventTime());
        event.setHost(record.host());
        event.setMta(record.mta().code());
        event.setProgram(record.program());
        event.setSyslogInstance(record.syslogInstance());
        event.setSource(record.source());
        event.setDelay(null);
        event.setDelays(null);
        fillOrigin(event, state);
        return event;
    }

    /** Builds the expired event of a queue id without a deferral in the input, with null recipient and delivery fields. */
    static DeliveryEvent expiredWithoutDeferral(MaillogRecord record, String queueId, QueueState state) {
        DeliveryEvent event = envelope(record, queueId);
        event.setStatus(DeliveryStatus.EXPIRED);
        if (record.host() != null) {
            event.setSendingIp(record.host());
            event.setSendingIpSource(SENDING_IP_FROM_HOST);
        }
        fillOrigin(event, state);
        return event;
    }

    /** Sets the origin facts known for the queue id; the qmgr sender wins over the pickup sender. */
    static void fillOrigin(DeliveryEvent event, QueueState state) {
        event.setSender(state.sender() != null ? state.sender() : state.pickupSender());
        event.setClientHost(state.clientHost());
        event.setClientIp(state.clientIp());
        event.setSaslMethod(state.saslMethod());
        event.setSaslUsername(state.saslUsername());
        event.setLocalUid(state.localUid());
        event.setMessageId(state.messageId());
        event.setSize(state.size());
        event.setNrcpt(state.nrcpt());
    }

    /**
     * Copies an event field by field. Nested records (remediation, source) are shared, which is safe
     * because the correlator never changes them, and it is cheaper than the Avro builder's deep copy.
     */
    static DeliveryEvent copy(DeliveryEvent source) {
        DeliveryEvent copy = new DeliveryEvent();
        int fields = DeliveryEvent.getClassSchema().getFields().size();
        for (int i = 0; i < fields; i++) {
            copy.put(i, source.get(i));
        }
        return copy;
    }

    /** Cuts the reply text of an event kept in state to {@code maxLength} characters. */
    static void cutReplyText(DeliveryEvent event, int maxLength) {
        String text = event.getReplyText();
        if (text != null && text.length() > maxLength) {
            event.setReplyText(text.substring(0, maxLength));
        }
    }

    private static DeliveryEvent envelope(MaillogRecord record, String queueId) {
        DeliveryEvent event = new DeliveryEvent();
        event.setQueueId(queueId);
        event.setTimestamp(record.timestamp());
        event.setEventTime(record.eventTime());
        event.setHost(record.host());
        event.setMta(record.mta().code());
        event.setProgram(record.program());
        event.setSyslogInstance(record.syslogInstance());
        event.setSource(record.source());
        return event;
    }
}
