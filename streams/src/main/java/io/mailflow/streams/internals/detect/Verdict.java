package io.mailflow.streams.internals.detect;

import java.util.List;

import io.mailflow.schemas.AlertSeverity;
import io.mailflow.schemas.AlertType;
import io.mailflow.schemas.Remediation;
import io.mailflow.streams.internals.window.ReplySample;

/**
 * Outcome of evaluating one alert type on one window aggregate.
 *
 * @param type       alert type evaluated
 * @param opens      the opening condition holds, minimum-attempt guards included
 * @param active     the evidence is still strong enough to keep an open alert from counting the
 *                   window as clean; implied by {@code opens}
 * @param meaningful the window has enough attempts for its rate to count as a material change
 * @param rate       measure of the window: a rate from 0 to 1, or a volume ratio for spam output
 * @param baseline   the same measure's baseline
 * @param attempts   attempts the rate is computed over
 * @param matching   attempts that match the alert type
 * @param severity   severity the window calls for
 * @param category   dominant reply category of the evidence, or null
 * @param samples    sample replies of the evidence, most frequent first
 * @param remediation next step from the most frequent evidence reply that has one, or null
 * @param firstSeen  event time of the first matching attempt in the window
 * @param lastSeen   event time of the latest matching attempt in the window
 * @param detail     what was measured, as a clause for the summary
 */
public record Verdict(AlertType type, boolean opens, boolean active, boolean meaningful, double rate, double baseline,
        long attempts, long matching, AlertSeverity severity, String category, List<ReplySample> samples,
        Remediation remediation, long firstSeen, long lastSeen, String detail) {

    public Verdict {
        samples = List.copyOf(samples);
        active = active || opens;
    }
}
