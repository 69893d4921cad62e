package io.mailflow.streams.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * The compiled category rules and sending-IP rules, with one keyword automaton over the literals of
 * both. Per reply, one scan of the text finds the keywords that occur. Only the rules those keywords
 * trigger and the rules without keywords are then tested, in rule order. Immutable and thread-safe.
 */
final class ReplyRuleEngine {

    private final ReplyRule[] rules;
    private final SendingIpRule[] ipRules;
    private final KeywordAutomaton automaton;
    private final int[][] rulesByKeyword;
    private final long[] rulesWithoutKeywords;
    private final int[][] ipRulesByKeyword;
    private final long[] ipRulesWithoutKeywords;
    private final boolean hasRawRules;

    ReplyRuleEngine(List<ReplyRuleSpec> ruleSpecs, List<SendingIpRule> sendingIpRules, RemediationCatalog remediations) {
        KeywordTable keywords = new KeywordTable();

        this.rules = new ReplyRule[ruleSpecs.size()];
        for (int i = 0; i < rules.length; i++) {
            ReplyRuleSpec spec = ruleSpecs.get(i);
            rules[i] = new ReplyRule(spec, keywords, hintOf(spec, remediations));
        }
        this.ipRules = sendingIpRules.toArray(new SendingIpRule[0]);
        this.hasRawRules = sendingIpRules.stream().anyMatch(SendingIpRule::raw);
        int[][] ipTriggers = new int[ipRules.length][];
        for (int i = 0; i < ipRules.length; i++) {
            ipTriggers[i] = keywords.idsOf(ipRules[i].any());
        }

        this.automaton = keywords.compile();
        int keywordCount = automaton.keywordCount();

        int[][] ruleTriggers = new int[rules.length][];
        for (int i = 0; i < rules.length; i++) {
            ruleTriggers[i] = rules[i].triggerKeywords();
        }
        this.rulesByKeyword = invert(ruleTriggers, keywordCount);
        this.rulesWithoutKeywords = withoutTriggers(ruleTriggers);
        this.ipRulesByKeyword = invert(ipTriggers, keywordCount);
        this.ipRulesWithoutKeywords = withoutTriggers(ipTriggers);
    }

    long[] scan(String normalizedText) {
        return automaton.scan(normalizedText);
    }

    /** Returns the first rule in order whose conditions all hold, or null. */
    ReplyRule firstMatch(ReplyInput input, long[] keywordBits) {
        long[] candidates = candidates(keywordBits, rulesByKeyword, rulesWithoutKeywords);
        for (int word = 0; word < candidates.length; word++) {
            long bits = candidates[word];
            while (bits != 0) {
                int index = (word << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (rules[index].matches(input, keywordBits)) {
                    return rules[index];
                }
            }
        }
        return null;
    }

    /** A sending IP and the id of the rule that found it. */
    record FoundIp(String ip, String ruleId) {
    }

    /** Returns the first sending IP that a rule in order finds in the reply, or null. */
    FoundIp sendingIp(ReplyInput input, long[] keywordBits) {
        if (ipRules.length == 0) {
            return null;
        }
        List<String> peers = ReplyAddresses.peerAddresses(input.rawText);
        int[] spans = ReplyAddresses.addressSpans(input.text, peers);
        int[] rawSpans = null;
        if (spans.length == 0 && !hasRawRules) {
            return null;
        }
        long[] candidates = candidates(keywordBits, ipRulesByKeyword, ipRulesWithoutKeywords);
        for (int word = 0; word < candidates.length; word++) {
            long bits = candidates[word];
            while (bits != 0) {
                int index = (word << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                SendingIpRule rule = ipRules[index];
                if (rule.raw() && rawSpans == null) {
                    rawSpans = ReplyAddresses.addressSpans(input.rawText, peers);
                }
                String ip = rule.find(rule.raw() ? input.rawText : input.text, rule.raw() ? rawSpans : spans, peers);
                if (ip != null) {
                    return new FoundIp(ip, rule.id());
                }
            }
        }
        return null;
    }

    List<String> ruleIds() {
        List<String> ids = new ArrayList<>(rules.length);
        for (ReplyRule rule : rules) {
            ids.add(rule.id);
        }
        return ids;
    }

    List<SendingIpRule> sendingIpRules() {
        return List.of(ipRules);
    }

    List<String> sendingIpRuleIds() {
        List<String> ids = new ArrayList<>(ipRules.length);
        for (SendingIpRule rule : ipRules) {
            ids.add(rule.id());
        }
        return ids;
    }

    private static long[] candidates(long[] keywordBits, int[][] byKeyword, long[] withoutKeywords) {
        long[] candidates = withoutKeywords.clone();
        for (int word = 0; word < keywordBits.length; word++) {
            long bits = keywordBits[word];
            while (bits != 0) {
                int keyword = (word << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                for (int rule : byKeyword[keyword]) {
                    candidates[rule >>> 6] |= 1L << rule;
                }
            }
        }
        return candidates;
    }

    private static int[][] invert(int[][] triggersByRule, int keywordCount) {
        List<List<Integer>> byKeyword = new ArrayList<>(keywordCount);
        for (int i = 0; i < keywordCount; i++) {
            byKeyword.add(new ArrayList<>());
        }
        for (int rule = 0; rule < triggersByRule.length; rule++) {
            for (int keyword : triggersByRule[rule]) {
                byKeyword.get(keyword).add(rule);
            }
        }
        int[][] inverted = new int[keywordCount][];
        for (int i = 0; i < keywordCount; i++) {
            inverted[i] = byKeyword.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return inverted;
    }

    private static long[] withoutTriggers(int[][] triggersByRule) {
        long[] set = new long[(triggersByRule.length + 63) >>> 6];
        for (int rule = 0; rule < triggersByRule.length; rule++) {
            if (triggersByRule[rule].length == 0) {
                set[rule >>> 6] |= 1L << rule;
            }
        }
        return set;
    }

    private static RemediationCatalog.Hint hintOf(ReplyRuleSpec spec, RemediationCatalog remediations) {
        if (spec.remediation() == null) {
            return null;
        }
        RemediationCatalog.Hint hint = remediations.get(spec.remediation());
        if (hint == null) {
            throw new RuleFileException(spec.file(), spec.id(), "remediation",
                    "unknown remediation key '" + spec.remediation() + "'; define it under remediations");
        }
        return hint;
    }
}
