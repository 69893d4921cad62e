package io.mailflow.streams.classify;

import io.mailflow.schemas.DeliveryStatus;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A compiled category rule. Keyword conditions refer to ids of a shared {@link KeywordTable}, so a
 * rule tests bits of one automaton scan instead of searching the text again. Immutable.
 */
final class ReplyRule {

    final String id;
    final int order;
    final String category;
    final RemediationCatalog.Hint hint;

    private final int[] anyKeywords;
    private final int[] allKeywords;
    private final int[] noneKeywords;
    private final Pattern[] regexes;
    private final Pattern[] rawRegexes;
    private final CodePatterns.ReplyCodePattern[] replyCodes;
    private final CodePatterns.StatusCodePattern[] enhancedCodes;
    private final CodePatterns.StatusCodePattern[] dsns;
    private final CodePatterns.StatusCodePattern[] codes;
    private final boolean[] statuses;
    private final String[] mtas;
    private final String[] relayHostSuffixes;
    private final String[] providers;

    ReplyRule(ReplyRuleSpec spec, KeywordTable keywords, RemediationCatalog.Hint hint) {
        this.id = spec.id();
        this.order = spec.order();
        this.category = spec.category();
        this.hint = hint;
        this.anyKeywords = keywords.idsOf(spec.any());
        this.allKeywords = keywords.idsOf(spec.all());
        this.noneKeywords = keywords.idsOf(spec.none());
        this.regexes = spec.regex().toArray(new Pattern[0]);
        this.rawRegexes = spec.rawRegex().toArray(new Pattern[0]);
        this.replyCodes = spec.replyCode().toArray(new CodePatterns.ReplyCodePattern[0]);
        this.enhancedCodes = spec.enhancedCode().toArray(new CodePatterns.StatusCodePattern[0]);
        this.dsns = spec.dsn().toArray(new CodePatterns.StatusCodePattern[0]);
        this.codes = spec.code().toArray(new CodePatterns.StatusCodePattern[0]);
        this.statuses = statusFlags(spec.status());
        this.mtas = spec.mta().toArray(new String[0]);
        this.relayHostSuffixes = spec.relayHost().toArray(new String[0]);
        this.providers = spec.provider().toArray(new String[0]);
    }

    /**
     * Returns the keywords whose presence makes this rule worth testing: the {@code any} keywords, else
     * the first {@code all} keyword; empty when the rule must be tested for every reply.
     */
    int[] triggerKeywords() {
        if (anyKeywords.length > 0) {
            return anyKeywords;
        }
        if (allKeywords.length > 0) {
            return new int[] {allKeywords[0]};
        }
        return new int[0];
    }

    /** Tests every condition, cheapest first. */
    boolean matches(ReplyInput input, long[] keywordBits) {
        if (statuses != null && (input.status == null || !statuses[input.status.ordinal()])) {
            return false;
        }
        if (replyCodes.length > 0 && !anyReplyCode(input.replyCode)) {
            return false;
        }
        if (enhancedCodes.length > 0 && !anyStatusCode(enhancedCodes, input.enhancedCode)) {
            return false;
        }
        if (dsns.length > 0 && !anyStatusCode(dsns, input.dsn)) {
            return false;
        }
        if (codes.length > 0 && !anyStatusCode(codes, input.enhancedCode) && !anyStatusCode(codes, input.dsn)) {
            return false;
        }
        if (mtas.length > 0 && !contains(mtas, input.mta)) {
            return false;
        }
        if (relayHostSuffixes.length > 0 && !relayHostMatches(input.relayHost)) {
            return false;
        }
        if (!keywordsMatch(keywordBits)) {
            return false;
        }
        if (regexes.length > 0 && !anyFinds(regexes, input.text)) {
            return false;
        }
        if (rawRegexes.length > 0 && !anyFinds(rawRegexes, input.rawText)) {
            return false;
        }
        return providers.length == 0 || contains(providers, input.provider());
    }

    private boolean keywordsMatch(long[] bits) {
        for (int keyword : allKeywords) {
            if (!KeywordAutomaton.contains(bits, keyword)) {
                return false;
            }
        }
        for (int keyword : noneKeywords) {
            if (KeywordAutomaton.contains(bits, keyword)) {
                return false;
            }
        }
        if (anyKeywords.length == 0) {
            return true;
        }
        for (int keyword : anyKeywords) {
            if (KeywordAutomaton.contains(bits, keyword)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyReplyCode(int replyCode) {
        for (CodePatterns.ReplyCodePattern pattern : replyCodes) {
            if (pattern.matches(replyCode)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyStatusCode(CodePatterns.StatusCodePattern[] patterns, int packedCode) {
        for (CodePatterns.StatusCodePattern pattern : patterns) {
            if (pattern.matches(packedCode)) {
                return true;
            }
        }
        return false;
    }

    private boolean relayHostMatches(String relayHost) {
        if (relayHost == null) {
            return false;
        }
        for (String suffix : relayHostSuffixes) {
            if (relayHost.equals(suffix) || (relayHost.endsWith(suffix)
                    && relayHost.charAt(relayHost.length() - suffix.length() - 1) == '.')) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyFinds(Pattern[] patterns, String text) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String[] values, String value) {
        if (value == null) {
            return false;
        }
        for (String candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean[] statusFlags(List<String> statuses) {
        if (statuses.isEmpty()) {
            return null;
        }
        boolean[] flags = new boolean[DeliveryStatus.values().length];
        for (String status : statuses) {
            flags[DeliveryStatus.valueOf(status.toUpperCase(Locale.ROOT)).ordinal()] = true;
        }
        return flags;
    }
}
