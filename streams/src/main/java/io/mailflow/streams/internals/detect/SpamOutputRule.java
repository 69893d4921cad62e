package io.mailflow.streams.internals.detect;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import io.mailflow.schemas.AlertSeverity;
import io.mailflow.schemas.AlertType;
import io.mailflow.streams.internals.window.ReplySample;
import io.mailflow.streams.internals.window.SenderWindow;
import io.mailflow.streams.settings.SettingType;

/**
 * The condition of SPAM_OUTPUT_SPIKE, the compromised-mailbox case: a sender identity's outbound
 * volume jumps far above its baseline, or an identity without history sends a lot, with a lower
 * bar when many of its attempts hit unknown recipients or are refused.
 *
 * <p>Right after the detector starts, every identity lacks history; until the warm-up has passed,
 * such identities alert only together with a high share of unknown recipients and refusals.
 */
final class SpamOutputRule {

    private static final int MAX_SAMPLES = 5;

    private final DetectionSettings settings;

    SpamOutputRule(DetectionSettings settings) {
        this.settings = settings;
    }

    Verdict evaluate(SenderWindow window, SenderBaseline baseline, boolean warmedUp) {
        long volume = window.outputVolume();
        boolean hasHistory = baseline.windows() > 0;
        double baselineVolume = hasHistory ? baseline.volume() : 0.0;
        double ratio = volume / Math.max(baselineVolume, settings.spamBaselineFloor());
        long bad = window.unknownRecipients() + window.rejections();
        double badShare = window.attempts() == 0 ? 0.0 : (double) bad / window.attempts();

        boolean byVolume = volume >= settings.spamMinAttempts() && ratio >= settings.spamVolumeFactor()
                && (hasHistory || warmedUp);
        boolean byRejections = volume >= settings.spamMinAttemptsWithRejections()
                && badShare >= settings.spamRejectionShare() && ratio >= settings.spamVolumeFactor();
        boolean opens = byVolume || byRejections;
        boolean active = volume >= settings.spamMinAttemptsWithRejections() / 2
                && ratio >= settings.spamVolumeFactor() / 2;
        boolean meaningful = volume >= settings.spamMinAttemptsWithRejections();
        AlertSeverity severity = ratio >= settings.spamCriticalFactor() || (byRejections && badShare >= 0.5)
                ? AlertSeverity.CRITICAL : AlertSeverity.WARNING;

        Predicate<ReplySample> evidence = sample -> sample.category() != null
                && (SenderWindow.REJECTION_CATEGORIES.contains(sample.category())
                        || SenderWindow.UNKNOWN_RECIPIENT.equals(sample.category()));
        String detail = volume + " outbound attempts in a window of "
                + SettingType.formatDuration(Duration.ofMillis(window.windowSizeMs()))
                + (hasHistory ? ", " + String.format(Locale.ROOT, "%.1f", ratio) + " times its baseline of "
                        + String.format(Locale.ROOT, "%.1f", baselineVolume) : ", no earlier traffic")
                + ", " + AlertSummaries.percent(badShare) + " to unknown recipients or refused";
        return new Verdict(AlertType.SPAM_OUTPUT_SPIKE, opens, active, meaningful, ratio, baselineVolume,
                window.attempts(), volume, severity, dominantBadCategory(window),
                window.replies().top(MAX_SAMPLES, evidence), window.replies().remediation(evidence),
                window.firstSeen(), window.lastSeen(), detail);
    }

    private static String dominantBadCategory(SenderWindow window) {
        String dominant = null;
        long most = 0;
        for (Map.Entry<String, Long> entry : window.categoryCounts().entrySet()) {
            boolean bad = SenderWindow.REJECTION_CATEGORIES.contains(entry.getKey())
                    || SenderWindow.UNKNOWN_RECIPIENT.equals(entry.getKey());
            if (bad && entry.getValue() > most) {
                most = entry.getValue();
                dominant = entry.getKey();
            }
        }
        return dominant;
    }
}
