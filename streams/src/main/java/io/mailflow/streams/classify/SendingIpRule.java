package io.mailflow.streams.classify;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule that finds the sending IP address a remote reply names, such as Gmail's {@code [192.0.2.1]}
 * or SenderBase's {@code search_string=192.0.2.1}. Each regex captures a candidate in the group
 * {@code ip}; a candidate counts only when it is an IPv4 or IPv6 address and not the address of the
 * remote host itself ({@code host mx.example.com[198.51.100.1] said}).
 *
 * @param id      rule id
 * @param order   position in the evaluation order; lower first
 * @param enabled false when an operator file disabled the rule
 * @param any     keywords of which one must occur before the regexes run; empty for always
 * @param regex   patterns with a group {@code ip}
 * @param raw     true to match the status text as logged, false to match the normalised text
 * @param file    rule file the rule came from
 */
record SendingIpRule(String id, Integer order, boolean enabled, List<String> any, List<Pattern> regex,
                     boolean raw, String file) implements OrderedRules.Rule<SendingIpRule> {

    /** Expansion of {@code {ip}} in a rule regex: a named group over a run of address characters. */
    static final String IP_GROUP = "(?<ip>[0-9A-Fa-f:.]{3,45})";
    /** Characters before an address that a rule regex can see. */
    static final int CONTEXT_BEFORE = 80;
    /** Characters after an address that a rule regex can see. */
    static final int CONTEXT_AFTER = 60;
    static final Set<String> FIELDS = Set.of("id", "order", "enabled", "any", "regex", "form", "note");

    static SendingIpRule read(RuleNode node, String id, boolean requireOrder) {
        node.rejectUnknownFields(FIELDS);
        Integer order = node.optionalInt("order");
        if (order == null && requireOrder) {
            throw node.error("order", "missing required field: a new rule needs an order");
        }
        if (!node.has("regex")) {
            throw node.error("regex", "missing required field");
        }
        List<Pattern> patterns = ReplyRuleSpec.patterns(node, "regex", true);
        for (Pattern pattern : patterns) {
            if (!pattern.pattern().contains("(?<ip>")) {
                throw node.error("regex", "regex '" + pattern.pattern() + "' has no {ip} placeholder or group named ip");
            }
        }
        String form = node.optionalText("form");
        if (form != null && !form.equals("raw") && !form.equals("normalized")) {
            throw node.error("form", "unknown form '" + form + "'; expected raw or normalized");
        }
        boolean enabled = !Boolean.FALSE.equals(node.optionalBoolean("enabled"));
        return new SendingIpRule(id, order, enabled, node.textList("any"), patterns, "raw".equals(form), node.file());
    }

    @Override
    public SendingIpRule withOrder(int newOrder) {
        return new SendingIpRule(id, newOrder, enabled, any, regex, raw, file);
    }

    @Override
    public SendingIpRule withEnabled(boolean newEnabled) {
        return new SendingIpRule(id, order, newEnabled, any, regex, raw, file);
    }

    /**
     * Returns the first valid sending IP this rule finds, or null. The regexes run only in a window
     * around each address span, so a rule costs little on long replies; context further than
     * {@link #CONTEXT_BEFORE} characters before the address is not seen.
     */
    String find(String text, int[] addressSpans, List<String> peerAddresses) {
        for (Pattern pattern : regex) {
            Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            for (int span = 0; span < addressSpans.length; span += 2) {
                int from = Math.max(0, addressSpans[span] - CONTEXT_BEFORE);
                int to = Math.min(text.length(), addressSpans[span + 1] + CONTEXT_AFTER);
                matcher.region(from, to);
                while (matcher.find()) {
                    String candidate = trimTrailingDots(matcher.group("ip"));
                    if (IpAddresses.isIpAddress(candidate) && !peerAddresses.contains(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        return null;
    }

    private static String trimTrailingDots(String candidate) {
        int end = candidate.length();
        while (end > 0 && candidate.charAt(end - 1) == '.') {
            end--;
        }
        return candidate.substring(0, end);
    }
}
