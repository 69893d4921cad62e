package io.mailflow.streams.internals.detect;

import java.util.HashSet;
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
        Set<String> noiseCategories,
        Set<String> catchAllProviders,
        Set<String> destinationCategories,
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
        noiseCategories = Set.copyOf(noiseCategories);
        catchAllProviders = Set.copyOf(catchAllProviders);
        destinationCategories = Set.copyOf(destinationCategories);
    }

    /**
     * Returns the categories that carry no evidence about a sending IP's standing with this
     * provider: the noise categories, plus the destination categories for a catch-all provider.
     */
    public Set<String> ignoredCategories(String provider) {
        if (!catchAllProviders.contains(provider)) {
            return noiseCategories;
        }
        Set<String> ignored = new HashSet<>(noiseCategories);
        ignored.addAll(destinationCategories);
        return ignored;
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
                Set.copyOf(settings.get(TopologySettings.DETECT_NOISE_CATEGORIES)),
                Set.copyOf(settings.get(TopologySettings.DETECT_CATCH_ALL_PROVIDERS)),
                Set.copyOf(settings.get(TopologySettings.DETECT_DESTINATION_CATEGORIES)),
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
