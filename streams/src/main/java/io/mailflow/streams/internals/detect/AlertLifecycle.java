package io.mailflow.streams.internals.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.mailflow.schemas.Alert;
import io.mailflow.schemas.AlertEvent;
import io.mailflow.schemas.AlertSeverity;
import io.mailflow.schemas.AlertType;
import io.mailflow.streams.internals.window.ReplySample;

/**
 * Turns verdicts into the OPEN, UPDATE and RESOLVE events of incidents, one incident per
 * detection key and alert type at a time. Not thread-safe; one per detector processor.
 *
 * <p>An incident opens on the first window update whose verdict opens, even mid-window. Its id is
 * {@code TYPE|key|start of that window}, so replaying the same input gives the same id. Later
 * updates emit UPDATE only on a material change (severity, matching attempts grown by the
 * configured fraction, or rate moved by the configured amount), only from a window with enough
 * attempts whose evidence is still active, and at most once per update interval of event time
 * unless the severity rises to CRITICAL.
 * The incident's totals cover the windows whose evidence was active. The incident resolves once
 * the configured number of windows after the last active one have closed.
 */
final class AlertLifecycle {

    private final KeyValueStore<String, OpenAlert> store;
    private final DetectionSettings settings;
    private final Consumer<Alert> sink;

    AlertLifecycle(KeyValueStore<String, OpenAlert> store, DetectionSettings settings, Consumer<Alert> sink) {
        this.store = store;
        this.settings = settings;
        this.sink = sink;
    }

    /** Whether an incident of this type is open for the key. */
    boolean isOpen(AlertType type, String key) {
        return store.get(storeKey(type, key)) != null;
    }

    /**
     * Applies the verdict of one update of a window: opens an incident, or adds the window's
     * evidence to the open one and emits an UPDATE when due.
     */
    void onWindowUpdate(AlertSubject subject, long windowStart, Verdict verdict) {
        String storeKey = storeKey(verdict.type(), subject.key());
        OpenAlert alert = store.get(storeKey);
        if (alert == null) {
            if (verdict.opens()) {
                alert = open(subject, windowStart, verdict);
                emit(alert, AlertEvent.OPEN, windowStart + settings.windowSizeMs(), null);
                store.put(storeKey, alert);
            }
            return;
        }

        if (verdict.active() || alert.openWindows.containsKey(windowStart)) {
            alert.openWindows.put(windowStart, new WindowEvidence(verdict.attempts(), verdict.matching()));
        }
        if (subject.tenant() != null) {
            alert.tenant = subject.tenant();
        }
        if (verdict.active()) {
            alert.lastActiveWindowEnd = Math.max(alert.lastActiveWindowEnd, windowStart + settings.windowSizeMs());
            alert.lastSeen = Math.max(alert.lastSeen, verdict.lastSeen());
            alert.severity = verdict.severity();
            alert.category = verdict.category() == null ? alert.category : verdict.category();
            alert.rate = verdict.rate();
            alert.detail = verdict.detail();
            if (!verdict.samples().isEmpty()) {
                alert.samples = new ArrayList<>(verdict.samples());
            }
            alert.setRemediation(verdict.remediation());
        }
        if (verdict.active() && verdict.meaningful() && updateDue(alert, verdict)) {
            emit(alert, AlertEvent.UPDATE, windowStart + settings.windowSizeMs(), null);
        }
        store.put(storeKey, alert);
    }

    /** Moves the evidence of a closed window into the incident's totals. */
    void onWindowClosed(AlertType type, String key, long windowStart) {
        String storeKey = storeKey(type, key);
        OpenAlert alert = store.get(storeKey);
        if (alert == null) {
            return;
        }
        WindowEvidence evidence = alert.openWindows.remove(windowStart);
        if (evidence != null) {
            alert.closedAttempts += evidence.attempts;
            alert.closedMatching += evidence.matching;
            store.put(storeKey, alert);
        }
    }

    /**
     * Resolves every incident whose last active window is followed by enough closed windows at
     * this horizon; windows without attempts count as clean.
     */
    void resolveThrough(long horizon) {
        List<KeyValue<String, OpenAlert>> resolved = new ArrayList<>();
        try (KeyValueIterator<String, OpenAlert> iterator = store.all()) {
            while (iterator.hasNext()) {
                KeyValue<String, OpenAlert> entry = iterator.next();
                if (resolvedAt(entry.value) + settings.graceMs() <= horizon) {
                    resolved.add(entry);
                }
            }
        }
        for (KeyValue<String, OpenAlert> entry : resolved) {
            OpenAlert alert = entry.value;
            emit(alert, AlertEvent.RESOLVE, resolvedAt(alert), alert.lastSeen - alert.firstSeen);
            store.delete(entry.key);
        }
    }

    private long resolvedAt(OpenAlert alert) {
        return alert.lastActiveWindowEnd + settings.resolveAfterWindows() * settings.windowSizeMs();
    }

    private OpenAlert open(AlertSubject subject, long windowStart, Verdict verdict) {
        OpenAlert alert = new OpenAlert();
        alert.alertId = verdict.type() + "|" + subject.key() + "|" + windowStart;
        alert.type = verdict.type();
        alert.key = subject.key();
        alert.sendingIp = subject.sendingIp();
        alert.provider = subject.provider();
        alert.host = subject.host();
        alert.identityType = subject.identityType();
        alert.identity = subject.identity();
        alert.tenant = subject.tenant();
        alert.windowSizeMs = settings.windowSizeMs();
        alert.openedWindowStart = windowStart;
        alert.firstSeen = verdict.firstSeen();
        alert.lastSeen = verdict.lastSeen();
        alert.severity = verdict.severity();
        alert.category = verdict.category();
        alert.rate = verdict.rate();
        alert.baseline = verdict.baseline();
        alert.detail = verdict.detail();
        alert.openWindows.put(windowStart, new WindowEvidence(verdict.attempts(), verdict.matching()));
        alert.lastActiveWindowEnd = windowStart + settings.windowSizeMs();
        alert.samples = new ArrayList<>(verdict.samples());
        alert.setRemediation(verdict.remediation());
        return alert;
    }

    private boolean updateDue(OpenAlert alert, Verdict verdict) {
        boolean escalated = verdict.severity() == AlertSeverity.CRITICAL
                && alert.lastEmittedSeverity == AlertSeverity.WARNING;
        if (escalated) {
            return true;
        }
        if (verdict.lastSeen() - alert.lastEmittedAt < settings.updateIntervalMs()) {
            return false;
        }
        boolean severityChanged = verdict.severity() != alert.lastEmittedSeverity;
        boolean matchingGrew = alert.matching() >= alert.lastEmittedMatching * (1 + settings.updateMinGrowth());
        boolean rateMoved = Math.abs(verdict.rate() - alert.lastEmittedRate) >= settings.updateMinRateChange()
                && alert.type != AlertType.SPAM_OUTPUT_SPIKE;
        boolean ratioMoved = alert.type == AlertType.SPAM_OUTPUT_SPIKE
                && Math.abs(verdict.rate() - alert.lastEmittedRate) >= alert.lastEmittedRate * settings.updateMinGrowth();
        return severityChanged || matchingGrew || rateMoved || ratioMoved;
    }

    private void emit(OpenAlert alert, AlertEvent event, long eventTime, Long durationMs) {
        if (event != AlertEvent.RESOLVE) {
            alert.lastEmittedAt = alert.lastSeen;
            alert.lastEmittedMatching = alert.matching();
            alert.lastEmittedRate = alert.rate;
            alert.lastEmittedSeverity = alert.severity;
        }
        sink.accept(Alert.newBuilder()
                .setAlertId(alert.alertId)
                .setType(alert.type)
                .setEvent(event)
                .setSeverity(alert.severity)
                .setKey(alert.key)
                .setSendingIp(alert.sendingIp)
                .setProvider(alert.provider)
                .setHost(alert.host)
                .setIdentityType(alert.identityType)
                .setIdentity(alert.identity)
                .setTenant(alert.tenant)
                .setCategory(alert.category)
                .setEventTime(eventTime)
                .setFirstSeen(alert.firstSeen)
                .setLastSeen(alert.lastSeen)
                .setDurationMs(durationMs)
                .setWindowSizeMs(alert.windowSizeMs)
                .setAttempts(alert.attempts())
                .setMatching(alert.matching())
                .setRate(alert.rate)
                .setBaseline(alert.baseline)
                .setSummary(AlertSummaries.summary(alert, event, settings))
                .setSampleReplies(alert.samples.stream().map(ReplySample::toSampleReply).toList())
                .setRemediation(alert.remediation())
                .build());
    }

    private static String storeKey(AlertType type, String key) {
        return type + "|" + key;
    }
}
