package io.mailflow.app.demo;

import java.time.Instant;
import java.util.List;

/**
 * One incident as the alerts index stores it: its latest state with evidence and next step.
 *
 * @param state {@code open} or {@code resolved}
 * @param rate the measure of the window that raised or last updated the alert, from 0 to 1 (volume
 *     ratio for a spam output spike)
 */
public record IndexedAlert(String alertId, String type, String severity, String state, String sendingIp,
        String provider, String host, String identity, String category, String summary, Instant firstSeen,
        Instant lastSeen, Long durationMs, long attempts, long matching, double rate, double baseline,
        List<Sample> samples, String nextStep, String remediationUrl) {

    /** One sample reply kept as evidence, with the number of attempts that got a reply like it. */
    public record Sample(long count, Integer replyCode, String enhancedStatusCode, String text, String recipientDomain) {
    }
}
