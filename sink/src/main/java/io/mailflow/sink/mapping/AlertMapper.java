package io.mailflow.sink.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mailflow.schemas.Alert;
import io.mailflow.schemas.AlertEvent;

/**
 * Maps one alert event to the incident document and, when the history is on, an event document.
 *
 * <p>The incident document lives in {@code mailflow-alerts} with the alert id as its id; each event
 * of the incident replaces it. So the index contains one document per incident with its latest
 * state, and {@code mailflow.alert.state} distinguishes open from resolved. The event document goes to the daily
 * index {@code mailflow-alert-events-YYYY.MM.DD} of the event time, with the id
 * {@code alertId|event|eventTime}, and keeps the incident's history.
 */
public final class AlertMapper implements DocumentMapper<Alert> {

    static final String DATASET = "mailflow.alerts";

    private final boolean eventHistory;

    /** Creates a mapper; {@code eventHistory} adds one document per alert event to the daily event indices. */
    public AlertMapper(boolean eventHistory) {
        this.eventHistory = eventHistory;
    }

    @Override
    public List<SinkDocument> map(Alert alert) {
        Map<String, Object> source = source(alert);
        List<SinkDocument> documents = new ArrayList<>(2);
        documents.add(new SinkDocument(IndexNames.ALERTS, incidentId(alert), source));
        if (eventHistory) {
            String index = IndexNames.daily(IndexNames.ALERT_EVENTS, alert.getEventTime());
            documents.add(new SinkDocument(index, eventId(alert), source));
        }
        return List.copyOf(documents);
    }

    /** Returns the id of the incident document: the alert id, which all events of one incident share. */
    public static String incidentId(Alert alert) {
        return DocumentIds.joined(alert.getAlertId());
    }

    /** Returns the id of the event document: {@code alertId|event|eventTime}. */
    public static String eventId(Alert alert) {
        return DocumentIds.joined(alert.getAlertId(), alert.getEvent(), alert.getEventTime());
    }

    private static Map<String, Object> source(Alert alert) {
        boolean resolved = alert.getEvent() == AlertEvent.RESOLVE;
        DocumentBuilder doc = new DocumentBuilder()
                .put("@timestamp", FieldValues.isoInstant(alert.getEventTime()))
                .put("event.kind", "alert")
                .put("event.category", List.of("email"))
                .put("event.type", List.of("info"))
                .put("event.dataset", DATASET)
                .put("event.action", FieldValues.lowerCase(alert.getEvent()))
                .put("message", alert.getSummary())
                .put("host.name", alert.getHost())
                .put("source.address", alert.getSendingIp())
                .put("source.ip", FieldValues.ipAddressOrNull(alert.getSendingIp()));

        doc.put("mailflow.provider", alert.getProvider())
                .put("mailflow.tenant", alert.getTenant())
                .put("mailflow.category", alert.getCategory())
                .put("mailflow.key", alert.getKey())
                .put("mailflow.identity_type", FieldValues.lowerCase(alert.getIdentityType()))
                .put("mailflow.identity", alert.getIdentity());

        doc.put("mailflow.alert.id", alert.getAlertId())
                .put("mailflow.alert.type", FieldValues.lowerCase(alert.getType()))
                .put("mailflow.alert.state", resolved ? "resolved" : "open")
                .put("mailflow.alert.severity", FieldValues.lowerCase(alert.getSeverity()))
                .put("mailflow.alert.first_seen", FieldValues.isoInstant(alert.getFirstSeen()))
                .put("mailflow.alert.last_seen", FieldValues.isoInstant(alert.getLastSeen()))
                .put("mailflow.alert.resolved_at", resolved ? FieldValues.isoInstant(alert.getEventTime()) : null)
                .put("mailflow.alert.duration_ms", alert.getDurationMs())
                .put("mailflow.alert.window_size_ms", alert.getWindowSizeMs())
                .put("mailflow.alert.attempts", alert.getAttempts())
                .put("mailflow.alert.matching", alert.getMatching())
                .put("mailflow.alert.rate", FieldValues.finiteOrNull(alert.getRate()))
                .put("mailflow.alert.baseline", FieldValues.finiteOrNull(alert.getBaseline()));
        Remediations.put(doc, alert.getRemediation());
        SampleReplies.put(doc, alert.getSampleReplies());
        return doc.build();
    }
}
