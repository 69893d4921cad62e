package io.mailflow.ingest.generate;

import io.mailflow.schemas.AlertType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Ground truth of one injected incident: what the generator did, where and when, and the alert a
 * detector should raise for it.
 *
 * @param id stable id, the incident kind's option name such as {@code gmail-rate-limit}
 * @param kind what was injected
 * @param alertType alert a detector should raise
 * @param host syslog host of the affected sending host
 * @param tenant tenant of that host
 * @param sendingIp sending IP whose mail is refused, or the IP the spam run leaves from
 * @param provider provider value whose replies change; null for the spam run, which reaches every provider
 * @param recipientDomains the recipient domains whose replies change; empty when every domain of
 *     {@code provider} is affected or, for the spam run, when recipients span all providers
 * @param category reason category of the evidence, as the corpus defines categories
 * @param saslUsername the compromised SASL login for the spam run, else null
 * @param start event time of the first affected attempt or submission
 * @param end event time at which the incident stops: the provider accepts mail again, or the
 *     account stops submitting. Messages queued before it are retried and delivered after it.
 * @param escalation for the Gmail incident, when temporary 421 throttling turns into 550 blocks; else null
 * @param summary one sentence for a reader of the manifest
 */
public record Incident(
        String id,
        IncidentKind kind,
        AlertType alertType,
        String host,
        String tenant,
        String sendingIp,
        String provider,
        List<String> recipientDomains,
        String category,
        String saslUsername,
        Instant start,
        Instant end,
        Instant escalation,
        String summary) {

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(alertType, "alertType");
        recipientDomains = List.copyOf(recipientDomains);
    }

    public TimeWindow window() {
        return new TimeWindow(start, end);
    }

    /** Detection key of delivery alerts, {@code sendingIp|provider}; null for the spam run. */
    public String deliveryKey() {
        return provider == null ? null : sendingIp + "|" + provider;
    }

    /** Returns this incident with its end moved earlier, for a run that stopped before the planned end. */
    Incident endingAt(Instant newEnd) {
        Instant cappedEscalation = escalation != null && escalation.isBefore(newEnd) ? escalation : null;
        return new Incident(id, kind, alertType, host, tenant, sendingIp, provider, recipientDomains,
                category, saslUsername, start, newEnd, cappedEscalation, summary);
    }
}
