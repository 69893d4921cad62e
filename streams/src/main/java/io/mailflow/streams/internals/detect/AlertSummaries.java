package io.mailflow.streams.internals.detect;

import java.time.Duration;
import java.time.Instant;

import io.mailflow.schemas.AlertEvent;
import io.mailflow.schemas.AlertType;
import io.mailflow.schemas.Remediation;
import io.mailflow.streams.settings.SettingType;

/** The one-sentence summaries of alerts: what, where, since when, how much and what to do. */
final class AlertSummaries {

    private AlertSummaries() {
    }

    static String summary(OpenAlert alert, AlertEvent event, DetectionSettings settings) {
        String title = title(alert.type) + " for " + alert.subject().describe();
        if (event == AlertEvent.RESOLVE) {
            return title + " resolved: no evidence in the " + settings.resolveAfterWindows() + " windows of "
                    + SettingType.formatDuration(Duration.ofMillis(alert.windowSizeMs)) + " after "
                    + Instant.ofEpochMilli(alert.lastSeen) + "; it lasted "
                    + SettingType.formatDuration(Duration.ofMillis(roundToSecond(alert.lastSeen - alert.firstSeen)))
                    + ", " + alert.matching() + " of " + alert.attempts() + " attempts matched.";
        }
        StringBuilder summary = new StringBuilder(title)
                .append(": ")
                .append(alert.detail)
                .append(", since ")
                .append(Instant.ofEpochMilli(alert.firstSeen))
                .append('.');
        Remediation remediation = alert.remediation();
        if (remediation != null) {
            summary.append(" Next step: ").append(remediation.getNextStep());
            if (remediation.getUrl() != null) {
                summary.append(" (").append(remediation.getUrl()).append(')');
            }
        }
        return summary.toString();
    }

    private static String title(AlertType type) {
        return switch (type) {
            case DEFERRAL_SPIKE -> "Deferral spike";
            case REPUTATION_COLLAPSE -> "Reputation collapse";
            case BLOCKLISTED -> "Block listing";
            case SPAM_OUTPUT_SPIKE -> "Spam output spike";
        };
    }

    private static long roundToSecond(long millis) {
        return Math.max(0, millis / 1000 * 1000);
    }

    /** Formats a ratio from 0 to 1 as a whole percentage, such as {@code 42%}. */
    static String percent(double ratio) {
        return Math.round(ratio * 100) + "%";
    }
}
