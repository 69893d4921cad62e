package io.mailflow.streams.classify;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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
 * @param regex    patterns with a group {@code ip}
 * @param anchored per regex, the same pattern with the part before {@code {ip}} turned into a
 *                 lookbehind so it can be tested at one address position; null where that part has
 *                 no maximum length, and the regex is then searched in a window around the address
 * @param raw      true to match the status text as logged, false to match the normalised text
 * @param file     rule file the rule came from
 */
record SendingIpRule(String id, Integer order, boolean enabled, List<String> any, List<Pattern> regex,
                     List<Pattern> anchored, boolean raw, String file) implements OrderedRules.Rule<SendingIpRule> {

    /** Expansion of {@code {ip}} in a rule regex: a named group over a run of address characters. */
    static final String IP_GROUP = "(?<ip>[0-9A-Fa-f:.]{3,45})";
    /** Characters before an address that a rule regex can see. */
    static final int CONTEXT_BEFORE = 40;
    /** Characters after an address that a rule regex can see. */
    static final int CONTEXT_AFTER = 50;
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
        List<Pattern> anchored = node.textList("regex").stream().map(SendingIpRule::anchoredOrNull).toList();
        return new SendingIpRule(id, order, enabled, node.textList("any"), patterns, anchored, "raw".equals(form),
                node.file());
    }

    /**
     * Rewrites {@code B{ip}A} as {@code (?<=B)(?<ip>...)A}, which matches at an address position
     * without scanning. Returns null unless B and A are complete regexes on their own (the
     * placeholder is not inside a group) and B has a maximum length, which a lookbehind needs.
     */
    private static Pattern anchoredOrNull(String source) {
        int placeholder = source.indexOf("{ip}");
        if (placeholder < 0 || source.indexOf("{ip}", placeholder + 1) >= 0) {
            return null;
        }
        String before = source.substring(0, placeholder);
        String after = source.substring(placeholder + 4);
        if (before.contains("*") || before.contains("+") || before.matches(".*\\{\\d*,\\}.*")) {
            return null;
        }
        try {
            Pattern.compile(before);
            Pattern.compile(after);
            return Pattern.compile("(?<=" + before + ")" + IP_GROUP + after, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    @Override
    public SendingIpRule withOrder(int newOrder) {
        return new SendingIpRule(id, newOrder, enabled, any, regex, anchored, raw, file);
    }

    @Override
    public SendingIpRule withEnabled(boolean newEnabled) {
        return new SendingIpRule(id, order, newEnabled, any, regex, anchored, raw, file);
    }

    /**
     * Returns the first valid sending IP this rule finds at one of the address spans, or null. An
     * anchored regex is tested once per span. Otherwise the regex is searched in a window around
     * each span, and context further than {@link #CONTEXT_BEFORE} characters before the address is
     * not seen.
     */
    String find(String text, int[] addressSpans, List<String> peerAddresses) {
        for (int i = 0; i < regex.size(); i++) {
            Pattern anchoredPattern = anchored.get(i);
            String found = anchoredPattern != null
                    ? findAnchored(anchoredPattern, text, addressSpans, peerAddresses)
                    : findInWindows(regex.get(i), text, addressSpans, peerAddresses);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String findAnchored(Pattern pattern, String text, int[] addressSpans, List<String> peerAddresses) {
        Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        for (int span = 0; span < addressSpans.length; span += 2) {
            matcher.region(addressSpans[span], text.length());
            if (matcher.lookingAt()) {
                String candidate = trimTrailingDots(matcher.group("ip"));
                if (IpAddresses.isIpAddress(candidate) && !peerAddresses.contains(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static String findInWindows(Pattern pattern, String text, int[] addressSpans, List<String> peerAddresses) {
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
