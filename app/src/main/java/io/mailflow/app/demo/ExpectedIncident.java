package io.mailflow.app.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * An incident that the input is known to contain, such as one the traffic generator injected; the
 * report shows which alert detected it.
 *
 * @param description what was injected, such as "reputation collapse at google"
 */
public record ExpectedIncident(String description, String sendingIp, String provider, String category, Instant start,
        Instant end) {

    /**
     * Returns true when an alert concerns the same sending IP, provider and category and its first
     * attempt lies within the incident, widened by the largest window so that an alert of a window
     * that began before the incident still counts.
     */
    public boolean isDetectedBy(IndexedAlert alert, Duration tolerance) {
        if (!sendingIp.equals(alert.sendingIp()) || !provider.equals(alert.provider())) {
            return false;
        }
        if (category != null && !category.equals(alert.category())) {
            return false;
        }
        if (alert.firstSeen() == null) {
            return false;
        }
        return !alert.firstSeen().isBefore(start.minus(tolerance)) && !alert.firstSeen().isAfter(end.plus(tolerance));
    }
}
