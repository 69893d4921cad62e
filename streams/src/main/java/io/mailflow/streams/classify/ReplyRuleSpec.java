package io.mailflow.streams.classify;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A category rule as read from a rule file, validated but not yet compiled. All conditions that a
 * rule names must hold; within one condition, any listed value may match (except {@code all}, where
 * every keyword must occur, and {@code none}, where no keyword may occur).
 */
record ReplyRuleSpec(
        String id,
        Integer order,
        boolean enabled,
        String category,
        String remediation,
        List<String> any,
        List<String> all,
        List<String> none,
        List<Pattern> regex,
        List<Pattern> rawRegex,
        List<CodePatterns.ReplyCodePattern> replyCode,
        List<CodePatterns.StatusCodePattern> enhancedCode,
        List<CodePatterns.StatusCodePattern> dsn,
        List<CodePatterns.StatusCodePattern> code,
        List<String> status,
        List<String> mta,
        List<String> relayHost,
        List<String> provider,
        String file) implements OrderedRules.Rule<ReplyRuleSpec> {

    static final Set<String> CONDITIONS = Set.of("any", "all", "none", "regex", "rawRegex", "replyCode",
            "enhancedCode", "dsn", "code", "status", "mta", "relayHost", "provider");
    static final Set<String> FIELDS = union(CONDITIONS,
            Set.of("id", "order", "enabled", "category", "remediation", "note"));
    static final Set<String> TOGGLE_FIELDS = Set.of("id", "enabled", "note");
    private static final Set<String> STATUSES = Set.of("deferred", "bounced", "expired");

    /**
     * Reads and validates one rule entry. The category and order may be absent only when the entry
     * replaces an earlier rule with the same id ({@code requireAll} false).
     */
    static ReplyRuleSpec read(RuleNode node, String id, boolean requireAll) {
        node.rejectUnknownFields(FIELDS);

        Integer order = node.optionalInt("order");
        if (order == null && requireAll) {
            throw node.error("order", "missing required field: a new rule needs an order");
        }
        String category = node.requiredText("category");
        if (!Categories.ALL.contains(category)) {
            throw node.error("category", "unknown category '" + category + "'; expected one of " + Categories.ALL);
        }
        boolean enabled = !Boolean.FALSE.equals(node.optionalBoolean("enabled"));
        if (CONDITIONS.stream().noneMatch(node::has)) {
            throw node.error(null, "missing condition: name at least one of " + CONDITIONS.stream().sorted().toList());
        }

        return new ReplyRuleSpec(
                id,
                order,
                enabled,
                category,
                node.optionalText("remediation"),
                node.textList("any"),
                node.textList("all"),
                node.textList("none"),
                patterns(node, "regex", false),
                patterns(node, "rawRegex", false),
                node.textList("replyCode").stream().map(p -> replyCodePattern(node, "replyCode", p)).toList(),
                statusCodePatterns(node, "enhancedCode"),
                statusCodePatterns(node, "dsn"),
                statusCodePatterns(node, "code"),
                statuses(node),
                lowerCase(node.textList("mta")),
                lowerCase(node.textList("relayHost")).stream().map(h -> h.startsWith(".") ? h.substring(1) : h).toList(),
                lowerCase(node.textList("provider")),
                node.file());
    }

    @Override
    public ReplyRuleSpec withOrder(int newOrder) {
        return new ReplyRuleSpec(id, newOrder, enabled, category, remediation, any, all, none, regex, rawRegex,
                replyCode, enhancedCode, dsn, code, status, mta, relayHost, provider, file);
    }

    @Override
    public ReplyRuleSpec withEnabled(boolean newEnabled) {
        return new ReplyRuleSpec(id, order, newEnabled, category, remediation, any, all, none, regex, rawRegex,
                replyCode, enhancedCode, dsn, code, status, mta, relayHost, provider, file);
    }

    /**
     * Compiles the regexes of a field case-insensitively. With {@code ipMacro}, {@code {ip}} stands for
     * a named group {@code ip} that captures an address candidate.
     */
    static List<Pattern> patterns(RuleNode node, String field, boolean ipMacro) {
        return node.textList(field).stream().map(source -> {
            String expanded = ipMacro ? source.replace("{ip}", SendingIpRule.IP_GROUP) : source;
            try {
                return Pattern.compile(expanded, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw node.error(field, "invalid regex '" + source + "': " + e.getDescription());
            }
        }).toList();
    }

    private static CodePatterns.ReplyCodePattern replyCodePattern(RuleNode node, String field, String text) {
        try {
            return CodePatterns.ReplyCodePattern.parse(text);
        } catch (IllegalArgumentException e) {
            throw node.error(field, e.getMessage());
        }
    }

    private static List<CodePatterns.StatusCodePattern> statusCodePatterns(RuleNode node, String field) {
        return node.textList(field).stream().map(text -> {
            try {
                return CodePatterns.StatusCodePattern.parse(text);
            } catch (IllegalArgumentException e) {
                throw node.error(field, e.getMessage());
            }
        }).toList();
    }

    private static List<String> statuses(RuleNode node) {
        List<String> statuses = lowerCase(node.textList("status"));
        for (String status : statuses) {
            if (!STATUSES.contains(status)) {
                throw node.error("status", "unknown status '" + status + "'; expected one of " + STATUSES.stream().sorted().toList());
            }
        }
        return statuses;
    }

    private static List<String> lowerCase(List<String> values) {
        return values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).toList();
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        java.util.HashSet<String> all = new java.util.HashSet<>(first);
        all.addAll(second);
        return Set.copyOf(all);
    }
}
