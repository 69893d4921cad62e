package io.mailflow.streams.internals.detect;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.mailflow.schemas.AlertSeverity;
import io.mailflow.schemas.AlertType;
import io.mailflow.streams.internals.window.CategoryTally;
import io.mailflow.streams.internals.window.IpProviderWindow;
import io.mailflow.streams.internals.window.ReplySample;
import io.mailflow.streams.settings.SettingType;

/**
 * The conditions of the alerts about one sending IP and one provider, evaluated on a window
 * aggregate and its baseline.
 *
 * <p>Noise categories (greylisting, unknown recipients, full mailboxes by default) are left out of
 * every rate, so neither a greylisting storm nor bounces to dead addresses alert; for catch-all
 * providers such as {@code other}, failures at the destination (connection, DNS, TLS) are left out
 * too, since one dead domain would dominate them. The most specific alert covers each reply. A
 * block-list reply counts for BLOCKLISTED, and for REPUTATION_COLLAPSE only while reputation
 * replies outnumber block-list ones. Reputation and block-list deferrals never count for
 * DEFERRAL_SPIKE.
 */
final class DeliveryIncidentRules {

    static final String REPUTATION = "reputation";
    static final String BLOCKLIST = "blocklist";

    /** Categories of refusals that blame the sending IP or domain. */
    static final Set<String> SENDER_REFUSALS = Set.of(REPUTATION, BLOCKLIST, "rate_limit", "content", "auth", "policy");

    private static final Set<String> REPUTATION_EVIDENCE = Set.of(REPUTATION, BLOCKLIST);
    private static final int MAX_SAMPLES = 5;

    private final DetectionSettings settings;

    DeliveryIncidentRules(DetectionSettings settings) {
        this.settings = settings;
    }

    /** Verdicts of every delivery alert type, in the order DEFERRAL_SPIKE, REPUTATION_COLLAPSE, BLOCKLISTED. */
    List<Verdict> evaluate(IpProviderWindow window, DeliveryBaseline baseline) {
        return List.of(deferralSpike(window, baseline), reputationCollapse(window, baseline), blocklisted(window, baseline));
    }

    /** Counts the attempts whose category bears on the sending IP at this provider. */
    long consideredAttempts(IpProviderWindow window) {
        return window.attempts() - window.attemptsIn(settings.ignoredCategories(window.provider()));
    }

    /** Counts the deferrals for DEFERRAL_SPIKE: not ignored, and not covered by a more specific alert. */
    long significantDeferrals(IpProviderWindow window) {
        return window.deferred() - window.deferredIn(settings.ignoredCategories(window.provider()))
                - window.deferredIn(REPUTATION_EVIDENCE);
    }

    Verdict deferralSpike(IpProviderWindow window, DeliveryBaseline baseline) {
        long considered = consideredAttempts(window);
        long deferrals = significantDeferrals(window);
        double rate = ratio(deferrals, considered);
        double threshold = Math.max(settings.deferralMinRate(),
                baseline.deferralRate() * settings.deferralBaselineFactor());
        boolean meaningful = considered >= settings.deferralMinAttempts();
        boolean opens = meaningful && deferrals > 0 && rate >= threshold;
        boolean active = deferrals > 0 && rate >= threshold / 2;
        AlertSeverity severity = rate >= settings.deferralCriticalRate() ? AlertSeverity.CRITICAL : AlertSeverity.WARNING;

        Set<String> ignored = settings.ignoredCategories(window.provider());
        Predicate<String> evidence = category -> !ignored.contains(category) && !REPUTATION_EVIDENCE.contains(category);
        String category = dominantDeferralCategory(window, evidence);
        Predicate<ReplySample> sampleFilter = sample -> sample.category() != null && evidence.test(sample.category())
                && isTemporary(sample);
        String detail = deferrals + " of " + considered + " attempts (" + AlertSummaries.percent(rate)
                + ") deferred in a window of " + windowSize(window) + ", baseline "
                + AlertSummaries.percent(baseline.deferralRate()) + (category == null ? "" : ", mostly " + category);
        return new Verdict(AlertType.DEFERRAL_SPIKE, opens, active, meaningful, rate, baseline.deferralRate(),
                considered, deferrals, severity, category, window.replies().top(MAX_SAMPLES, sampleFilter),
                window.replies().remediation(sampleFilter),
                firstSeen(window, evidence), lastSeen(window, evidence), detail);
    }

    Verdict reputationCollapse(IpProviderWindow window, DeliveryBaseline baseline) {
        long considered = consideredAttempts(window);
        long reputationReplies = window.attemptsIn(REPUTATION_EVIDENCE);
        double share = ratio(reputationReplies, considered);
        double acceptance = ratio(window.sent(), considered);
        long failures = considered - window.sent();
        long refusals = window.attemptsIn(SENDER_REFUSALS);
        boolean meaningful = considered >= settings.reputationMinAttempts();
        boolean refusalsDominate = failures > 0 && refusals * 2 >= failures;
        double drop = baseline.acceptance() - acceptance;
        long blocklisted = window.attemptsIn(Set.of(BLOCKLIST));
        boolean reputationLeads = reputationReplies - blocklisted >= blocklisted;

        boolean byShare = meaningful && reputationReplies > 0 && share >= settings.reputationMinShare();
        boolean byVolume = reputationReplies >= settings.reputationMinReplies();
        boolean byAcceptance = meaningful && reputationReplies > 0 && refusalsDominate
                && drop >= settings.reputationAcceptanceDrop();
        boolean opens = reputationLeads && (byShare || byVolume || byAcceptance);
        boolean active = reputationReplies > 0 && (share >= settings.reputationMinShare() / 2
                || reputationReplies * 2 >= settings.reputationMinReplies()
                || (refusalsDominate && drop >= settings.reputationAcceptanceDrop() / 2));
        AlertSeverity severity = share >= settings.reputationCriticalShare()
                ? AlertSeverity.CRITICAL : AlertSeverity.WARNING;

        String category = null;
        if (reputationReplies > 0) {
            category = reputationLeads ? REPUTATION : BLOCKLIST;
        }
        Predicate<String> evidence = REPUTATION_EVIDENCE::contains;
        Predicate<ReplySample> sampleFilter = sample -> sample.category() != null && evidence.test(sample.category());
        String detail = reputationReplies + " of " + considered + " attempts (" + AlertSummaries.percent(share)
                + ") refused for reputation or a block list in a window of " + windowSize(window) + ", acceptance "
                + AlertSummaries.percent(acceptance) + " against a baseline of "
                + AlertSummaries.percent(baseline.acceptance());
        return new Verdict(AlertType.REPUTATION_COLLAPSE, opens, active, meaningful, share, baseline.reputationShare(),
                considered, reputationReplies, severity, category, window.replies().top(MAX_SAMPLES, sampleFilter),
                window.replies().remediation(sampleFilter),
                firstSeen(window, evidence), lastSeen(window, evidence), detail);
    }

    Verdict blocklisted(IpProviderWindow window, DeliveryBaseline baseline) {
        long considered = consideredAttempts(window);
        long listed = window.attemptsIn(Set.of(BLOCKLIST));
        double share = ratio(listed, considered);
        boolean opens = listed >= settings.blocklistMinReplies();
        Predicate<String> evidence = BLOCKLIST::equals;
        Predicate<ReplySample> sampleFilter = sample -> BLOCKLIST.equals(sample.category());
        String detail = listed + " of " + considered + " attempts (" + AlertSummaries.percent(share)
                + ") refused with a block-list reply in a window of " + windowSize(window);
        return new Verdict(AlertType.BLOCKLISTED, opens, listed > 0, listed > 0, share, baseline.blocklistShare(),
                considered, listed, AlertSeverity.CRITICAL, listed > 0 ? BLOCKLIST : null,
                window.replies().top(MAX_SAMPLES, sampleFilter), window.replies().remediation(sampleFilter),
                firstSeen(window, evidence), lastSeen(window, evidence), detail);
    }

    private static String dominantDeferralCategory(IpProviderWindow window, Predicate<String> evidence) {
        String dominant = null;
        long most = 0;
        for (Map.Entry<String, CategoryTally> entry : window.categories().entrySet()) {
            if (evidence.test(entry.getKey()) && entry.getValue().deferred() > most) {
                most = entry.getValue().deferred();
                dominant = entry.getKey();
            }
        }
        return dominant;
    }

    private static boolean isTemporary(ReplySample sample) {
        return sample.replyCode() == null || sample.replyCode() < 500;
    }

    private static long firstSeen(IpProviderWindow window, Predicate<String> evidence) {
        long first = window.categories().entrySet().stream()
                .filter(entry -> evidence.test(entry.getKey()))
                .mapToLong(entry -> entry.getValue().firstSeen())
                .min()
                .orElse(window.firstSeen());
        return Math.max(first, window.windowStart());
    }

    private static long lastSeen(IpProviderWindow window, Predicate<String> evidence) {
        return window.categories().entrySet().stream()
                .filter(entry -> evidence.test(entry.getKey()))
                .mapToLong(entry -> entry.getValue().lastSeen())
                .max()
                .orElse(window.lastSeen());
    }

    static String windowSize(IpProviderWindow window) {
        return SettingType.formatDuration(Duration.ofMillis(window.windowSizeMs()));
    }

    static double ratio(long part, long whole) {
        return whole <= 0 ? 0.0 : (double) part / whole;
    }
}
