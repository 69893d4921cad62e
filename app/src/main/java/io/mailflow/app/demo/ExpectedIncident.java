package io.mailflow.app.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * An incident that the input is known to contain, such as one the traffic generator injected; the
 * report shows which alert detected it.
 *
 * @param id stable id, such as {@code gmail-rate-limit}
 * @param alertType the alert type a detector should raise, such as {@code REPUTATION_COLLAPSE}
 * @param host the affected sending host
 * @param sendingIp the affected sending IP
 * @param provider the provider whose replies change; null for a sender incident such as a spam run
 * @param category the reason category of the evidence
 * @param identity the sender identity of a sender incident (a SASL login), else null
 */
public record ExpectedIncident(String id, String alertType, String host, String sendingIp, String provider,
        String category, String identity, Instant start, Instant end) {

    /**
     * Returns true when an alert has the incident's type and concerns the same sending IP, provider
     * and category (delivery incidents) or the same host and identity (sender incidents), and its
     * first attempt lies within the incident widened by {@code tolerance}.
     */
    public boolean isDetectedBy(IndexedAlert alert, Duration tolerance) {
        if (alert.type() == null || !alert.type().equalsIgnoreCase(alertType)) {
            return false;
        }
        if (!concernsSameSubject(alert)) {
            return false;
        }
        if (alert.firstSeen() == null) {
            return false;
        }
        return !alert.firstSeen().isBefore(start.minus(tolerance)) && !alert.firstSeen().isAfter(end.plus(tolerance));
    }

    /** Describes the subject for the report, such as {@code 203.0.113.13 -> google, reputation}. */
    public String subject() {
        if (provider != null) {
            return sendingIp + " -> " + provider + ", " + category;
        }
        return (identity != null ? identity + " on " : "") + host + " (" + sendingIp + ")";
    }

    private boolean concernsSameSubject(IndexedAlert alert) {
        if (provider != null) {
            return provider.equals(alert.provider()) && sendingIp.equals(alert.sendingIp())
                    && (category == null || category.equals(alert.category()));
        }
        boolean sameHost = host == null || host.equals(alert.host());
        boolean sameIdentity = identity == null || identity.toLowerCase(Locale.ROOT).equals(
                alert.identity() == null ? null : alert.identity().toLowerCase(Locale.ROOT));
        return sameHost && sameIdentity;
    }
}
