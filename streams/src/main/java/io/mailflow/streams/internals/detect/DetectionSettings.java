package io.mailflow.streams.internals.detect;

import java.util.Set;

import io.mailflow.streams.TopologySettings;

/**
 * Thresholds of the detectors, read once from {@link TopologySettings}; see the settings there for
 * the meaning and unit of each value.
 */
public record DetectionSettings(
        long windowSizeMs,
        long graceMs,
        double baselineAlpha,
        int baselineMinAttempts,
        int resolveAfterWindows,
        long updateIntervalMs,
        double updateMinGrowth,
        double updateMinRateChange,
        Set<String> recipientNoiseCategories,
        int deferralMinAttempts,
        double deferralMinRate,
        double deferralBaselineFactor,
        double deferralPriorRate,
        double deferralCriticalRate,
        int reputationMinAttempts,
        double reputationMinShare,
        int reputationMinReplies,
        double reputationAcceptanceDrop,
        double reputationPriorAcceptance,
        double reputationCriticalShare,
        int blocklistMinReplies,
        int spamMinAttempts,
        int spamMinAttemptsWithRejections,
        double spamRejectionShare,
        double spamVolumeFactor,
        double spamCriticalFactor,
        double spamBaselineFloor,
        long spamNewIdentityWarmupMs) {

    public DetectionSettings {
        recipientNoiseCategories = Set.copyOf(recipientNoiseCategories);
    }

    /** Reads the detection thresholds of the topology. */
    public static DetectionSettings from(TopologySettings settings) {
        return new DetectionSettings(
                settings.detectionWindow().toMillis(),
                settings.grace().toMillis(),
                settings.get(TopologySettings.DETECT_BASELINE_ALPHA),
                settings.get(TopologySettings.DETECT_BASELINE_MIN_ATTEMPTS),
                settings.get(TopologySettings.DETECT_RESOLVE_AFTER_WINDOWS),
                settings.get(TopologySettings.DETECT_UPDATE_INTERVAL).toMillis(),
                settings.get(TopologySettings.DETECT_UPDATE_MIN_GROWTH),
                settings.get(TopologySettings.DETECT_UPDATE_MIN_RATE_CHANGE),
                Set.copyOf(settings.get(TopologySettings.DETECT_RECIPIENT_NOISE_CATEGORIES)),
                settings.get(TopologySettings.DEFERRAL_MIN_ATTEMPTS),
                settings.get(TopologySettings.DEFERRAL_MIN_RATE),
                settings.get(TopologySettings.DEFERRAL_BASELINE_FACTOR),
                settings.get(TopologySettings.DEFERRAL_PRIOR_RATE),
                settings.get(TopologySettings.DEFERRAL_CRITICAL_RATE),
                settings.get(TopologySettings.REPUTATION_MIN_ATTEMPTS),
                settings.get(TopologySettings.REPUTATION_MIN_SHARE),
                settings.get(TopologySettings.REPUTATION_MIN_REPLIES),
                settings.get(TopologySettings.REPUTATION_ACCEPTANCE_DROP),
                settings.get(TopologySettings.REPUTATION_PRIOR_ACCEPTANCE),
                settings.get(TopologySettings.REPUTATION_CRITICAL_SHARE),
                settings.get(TopologySettings.BLOCKLIST_MIN_REPLIES),
                settings.get(TopologySettings.SPAM_MIN_ATTEMPTS),
                settings.get(TopologySettings.SPAM_MIN_ATTEMPTS_WITH_REJECTIONS),
                settings.get(TopologySettings.SPAM_REJECTION_SHARE),
                settings.get(TopologySettings.SPAM_VOLUME_FACTOR),
                settings.get(TopologySettings.SPAM_CRITICAL_FACTOR),
                settings.get(TopologySettings.SPAM_BASELINE_FLOOR),
                settings.get(TopologySettings.SPAM_NEW_IDENTITY_WARMUP).toMillis());
    }
}
