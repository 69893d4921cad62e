package io.mailflow.streams.correlate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.streams.classify.ProviderResolver;
import io.mailflow.streams.classify.ReplyClassifier;
import io.mailflow.streams.parse.MaillogBody;
import io.mailflow.streams.parse.MaillogBody.ClientOrigin;
import io.mailflow.streams.parse.MaillogBody.DeliveryAttempt;
import io.mailflow.streams.parse.MaillogBody.EnvelopeFrom;
import io.mailflow.streams.parse.MaillogBody.LocalSubmission;
import io.mailflow.streams.parse.MaillogBody.MessageIdentity;
import io.mailflow.streams.parse.MaillogBody.MxReply;
import io.mailflow.streams.parse.MaillogBody.QueueExpired;
import io.mailflow.streams.parse.MaillogBody.QueueRemoved;
import io.mailflow.streams.parse.MaillogRecord;

/**
 * Correlates maillog records by (host, queue id) and turns delivery attempt lines into
 * {@link DeliveryEvent}s, one per recipient, in line order.
 *
 * <p>Origin facts (sender, client host and IP, SASL method and user, local uid, size, recipient
 * count, message id) attach to every later attempt of the same queue id. The sender comes from the
 * qmgr {@code from=} line, which may come after an attempt in the input; the holding rule of
 * {@link CorrelationSettings} decides how long such an attempt waits for it. A qmgr
 * {@code status=expired} line emits one expired event per recipient whose latest attempt was a
 * deferral, carrying that deferral's DSN, relay, reply code, category and provider, or one event
 * with a null recipient when no deferral was seen. State is dropped on {@code removed} (after held
 * attempts are emitted) and after the time to live.
 *
 * <p>Not thread-safe: one correlator per stream task, over that task's store.
 */
public final class QueueCorrelator {

    private final CorrelationStore store;
    private final AttemptClassifier classifier;
    private final CorrelationSettings settings;
    private final OrderedOutput ordered;
    private final boolean holding;
    private final long originWaitMillis;
    private final long timeToLiveMillis;
    private final CorrelationCounters counters = new CorrelationCounters();

    /** A correlator that classifies attempts with the given reply rules and provider rules. */
    public QueueCorrelator(CorrelationStore store, ReplyClassifier classifier, ProviderResolver providers,
            CorrelationSettings settings) {
        this(store, new ReplyAttemptClassifier(classifier, providers), settings);
    }

    public QueueCorrelator(CorrelationStore store, AttemptClassifier classifier, CorrelationSettings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ordered = settings.orderedOutput() ? new OrderedOutput() : null;
        Duration originWait = settings.originWait();
        this.holding = originWait == null || !originWait.isZero();
        this.originWaitMillis = originWait == null ? Long.MAX_VALUE : originWait.toMillis();
        this.timeToLiveMillis = settings.stateTimeToLive().toMillis();
    }

    /**
     * Returns the state store key of a queue id: {@code host|queueId}, with an empty host when the
     * line has none.
     */
    // NOTE: the key leaves out the Postfix instance (postfix-out/...), because a custom syslog_name
    // may be set for one daemon only. Two instances on one host that reuse a queue id would mix.
    public static String key(String host, String queueId) {
        return (host == null ? "" : host) + '|' + queueId;
    }

    public CorrelationCounters counters() {
        return counters;
    }

    /** Takes one record and returns the delivery events it completes, in line order; often none. */
    public List<DeliveryEvent> accept(MaillogRecord record) {
        MaillogBody body = record.body();
        String queueId = body.queueId();
        if (queueId == null) {
            return List.of();
        }
        List<DeliveryEvent> out = new ArrayList<>(2);
        String key = key(record.host(), queueId);
        if (body instanceof DeliveryAttempt attempt) {
            onAttempt(record, attempt, key, out);
        } else if (body instanceof EnvelopeFrom from) {
            onEnvelopeFrom(record, from, key, out);
        } else if (body instanceof ClientOrigin client) {
            QueueState state = stateOf(key);
            state.client(client.clientHost(), client.clientIp());
            state.sasl(client.saslMethod(), client.saslUsername());
            save(key, state, record);
        } else if (body instanceof LocalSubmission pickup) {
            QueueState state = stateOf(key);
            state.localUid(pickup.uid());
            state.pickupSender(pickup.sender());
            save(key, state, record);
        } else if (body instanceof MessageIdentity identity) {
            QueueState state = stateOf(key);
            state.messageId(identity.messageId());
            save(key, state, record);
        } else if (body instanceof MxReply reply) {
            QueueState state = stateOf(key);
            state.mxReply(cut(reply.text()), reply.mxHost(), reply.mxIp(), reply.replyCode());
            save(key, state, record);
        } else if (body instanceof QueueExpired expired) {
            onExpired(record, expired, key, out);
        } else if (body instanceof QueueRemoved) {
            onRemoved(key, out);
        } else {
            return List.of();
        }
        return drain(out);
    }

    /**
     * Releases the held attempts of {@code key} whose wait for a sender is over at
     * {@code streamTimeMs}, and drops the state when its time to live has passed. A punctuator calls
     * this for every key of its store.
     */
    public List<DeliveryEvent> expire(String key, long streamTimeMs) {
        QueueState state = store.get(key);
        if (state == null) {
            return List.of();
        }
        List<DeliveryEvent> out = new ArrayList<>(0);
        if (state.lastUpdated() <= streamTimeMs - timeToLiveMillis) {
            releaseAll(state, out);
            store.delete(key);
            counters.evictedStates++;
        } else if (releaseDue(state, streamTimeMs, out)) {
            store.put(key, state);
        }
        return drain(out);
    }

    /** {@link #expire(String, long)} for every key that the store can list. */
    public List<DeliveryEvent> expireAll(long streamTimeMs) {
        List<DeliveryEvent> out = new ArrayList<>(0);
        for (String key : store.keys()) {
            out.addAll(expire(key, streamTimeMs));
        }
        return out;
    }

    /** Releases every held attempt of the keys the store can list, at the end of input. */
    public List<DeliveryEvent> finish() {
        List<DeliveryEvent> out = new ArrayList<>();
        for (String key : store.keys()) {
            QueueState state = store.get(key);
            if (state != null && !state.held().isEmpty()) {
                releaseAll(state, out);
                store.put(key, state);
            }
        }
        return drain(out);
    }

    private void onAttempt(MaillogRecord record, DeliveryAttempt attempt, String key, List<DeliveryEvent> out) {
        QueueState state = stateOf(key);
        emitAttempt(record, attempt, attempt.recipient(), key, state, out);
        for (String recipient : attempt.moreRecipients()) {
            emitAttempt(record, attempt, recipient, key, state, out);
        }
        releaseDue(state, record.eventTime(), out);
        save(key, state, record);
    }

    private void emitAttempt(MaillogRecord record, DeliveryAttempt attempt, String recipient, String key, QueueState state,
            List<DeliveryEvent> out) {
        DeliveryEvent event = DeliveryEvents.attempt(record, attempt, recipient, state, classifier);
        counters.attempts++;
        trackDeferral(state, recipient, event);
        if (state.sender() != null || !holding) {
            DeliveryEvents.fillOrigin(event, state);
            emit(event, out);
            return;
        }

        List<HeldAttempt> held = state.mutableHeld();
        if (held.size() >= settings.maxHeldPerQueue()) {
            release(held.remove(0), state, out);
        }
        DeliveryEvents.cutReplyText(event, settings.maxTextLength());
        held.add(new HeldAttempt(ordered == null ? -1 : ordered.reserve(key), event));
        counters.held++;
    }

    private void trackDeferral(QueueState state, String recipient, DeliveryEvent event) {
        Map<String, DeliveryEvent> deferred = state.mutableDeferredRecipients();
        if (event.getStatus() != DeliveryStatus.DEFERRED) {
            deferred.remove(recipient);
            return;
        }
        if (!deferred.containsKey(recipient) && deferred.size() >= settings.maxRecipientsPerQueue()) {
            counters.untrackedRecipients++;
            return;
        }
        DeliveryEvent copy = DeliveryEvents.copy(event);
        DeliveryEvents.cutReplyText(copy, settings.maxTextLength());
        deferred.put(recipient, copy);
    }

    private void onEnvelopeFrom(MaillogRecord record, EnvelopeFrom from, String key, List<DeliveryEvent> out) {
        QueueState state = stateOf(key);
        state.sender(from.sender());
        if (from.size() != null) {
            state.size(from.size());
        }
        if (from.nrcpt() != null) {
            state.nrcpt(from.nrcpt());
        }
        if (from.messageId() != null) {
            state.messageId(from.messageId());
        }
        // NOTE: client and SASL facts attach only from the smtpd client= line, as the mail-log
        // corpus defines them; the sendmail relay= and Exim H=/A= values stay in the record only.
        // qmgr logs from= each time the message enters the active queue: a new delivery round
        // whose per-MX lines follow.
        state.mxReply(null, null, null, null);
        releaseAll(state, out);
        save(key, state, record);
    }

    private void onExpired(MaillogRecord record, QueueExpired expired, String key, List<DeliveryEvent> out) {
        QueueState state = stateOf(key);
        if (expired.sender() != null) {
            state.sender(expired.sender());
        }
        releaseAll(state, out);

        LinkedHashMap<String, DeliveryEvent> deferred = state.mutableDeferredRecipients();
        if (deferred.isEmpty()) {
            emit(DeliveryEvents.expiredWithoutDeferral(record, expired.queueId(), state), out);
            counters.expiredEvents++;
        }
        for (DeliveryEvent deferral : deferred.values()) {
            emit(DeliveryEvents.expired(record, deferral, state), out);
            counters.expiredEvents++;
        }
        deferred.clear();
        save(key, state, record);
    }

    private void onRemoved(String key, List<DeliveryEvent> out) {
        QueueState state = store.get(key);
        if (state == null) {
            return;
        }
        releaseAll(state, out);
        store.delete(key);
        counters.removedStates++;
    }

    /** Releases held attempts whose wait for a sender ended at {@code now}; true when any was released. */
    private boolean releaseDue(QueueState state, long now, List<DeliveryEvent> out) {
        List<HeldAttempt> held = state.mutableHeld();
        boolean released = false;
        while (!held.isEmpty() && held.get(0).event().getEventTime() <= now - originWaitMillis) {
            release(held.remove(0), state, out);
            released = true;
        }
        return released;
    }

    private void releaseAll(QueueState state, List<DeliveryEvent> out) {
        List<HeldAttempt> held = state.mutableHeld();
        for (HeldAttempt attempt : held) {
            release(attempt, state, out);
        }
        held.clear();
    }

    private void release(HeldAttempt attempt, QueueState state, List<DeliveryEvent> out) {
        DeliveryEvent event = attempt.event();
        DeliveryEvents.fillOrigin(event, state);
        if (state.sender() == null) {
            counters.releasedWithoutSender++;
        }
        if (ordered == null) {
            out.add(event);
        } else {
            ordered.complete(attempt.sequence(), event);
        }
    }

    private void emit(DeliveryEvent event, List<DeliveryEvent> out) {
        if (ordered == null || ordered.isEmpty()) {
            out.add(event);
        } else {
            ordered.appendReady(event);
        }
    }

    /** In ordered mode, enforces the bound on held attempts and returns the ready prefix after {@code out}. */
    private List<DeliveryEvent> drain(List<DeliveryEvent> out) {
        if (ordered == null) {
            return out.isEmpty() ? List.of() : out;
        }
        while (ordered.heldCount() > settings.maxHeldTotal()) {
            String key = ordered.firstHeldKey();
            QueueState state = key == null ? null : store.get(key);
            if (state == null) {
                break;
            }
            releaseAll(state, out);
            store.put(key, state);
        }
        ordered.drainInto(out);
        return out.isEmpty() ? List.of() : out;
    }

    private QueueState stateOf(String key) {
        QueueState state = store.get(key);
        return state != null ? state : new QueueState();
    }

    private void save(String key, QueueState state, MaillogRecord record) {
        if (record.eventTime() > state.lastUpdated()) {
            state.lastUpdated(record.eventTime());
        }
        store.put(key, state);
    }

    private String cut(String text) {
        return text == null || text.length() <= settings.maxTextLength() ? text : text.substring(0, settings.maxTextLength());
    }

    static String domainOf(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            return null;
        }
        return address.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
