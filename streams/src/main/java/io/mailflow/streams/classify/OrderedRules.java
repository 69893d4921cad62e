package io.mailflow.streams.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the ordered rules of one section across rule files. A later file replaces a rule with the
 * same id, or only switches it on or off with an entry that has nothing but {@code id} and
 * {@code enabled}; a replacing rule without an {@code order} keeps the order of the rule it replaces.
 * Rules are evaluated by ascending order; rules with the same order keep the sequence in which they
 * were read.
 */
final class OrderedRules<T extends OrderedRules.Rule<T>> {

    private static final Set<String> TOGGLE_FIELDS = Set.of("id", "enabled", "note");

    /** Accessors the merge uses on a rule. */
    interface Rule<T> {
        String id();

        Integer order();

        boolean enabled();

        T withOrder(int order);

        T withEnabled(boolean enabled);
    }

    /** Reads one rule entry; {@code isNew} is true when no earlier rule has the id. */
    @FunctionalInterface
    interface Reader<T> {
        T read(RuleNode node, String id, boolean isNew);
    }

    private record Ranked<T>(T rule, long rank) {
    }

    private final String section;
    private final Reader<T> reader;
    private final Map<String, Ranked<T>> rules = new LinkedHashMap<>();
    private long nextRank;

    OrderedRules(String section, Reader<T> reader) {
        this.section = section;
        this.reader = reader;
    }

    void addAll(RuleDocument document) {
        Set<String> idsInFile = new HashSet<>();
        for (RuleNode node : document.entries(section)) {
            String id = node.id("id");
            if (!idsInFile.add(id)) {
                throw node.error("id", "duplicate id in this file");
            }
            Ranked<T> existing = rules.get(id);

            if (node.onlyHas(TOGGLE_FIELDS)) {
                Boolean enabled = node.optionalBoolean("enabled");
                if (enabled == null) {
                    throw node.error("enabled", "missing required field: an entry with only an id must set enabled");
                }
                if (existing == null) {
                    throw node.error("id", "no earlier rule with this id to enable or disable");
                }
                rules.put(id, new Ranked<>(existing.rule().withEnabled(enabled), existing.rank()));
                continue;
            }

            T rule = reader.read(node, id, existing == null);
            if (rule.order() == null) {
                rule = rule.withOrder(existing.rule().order());
            }
            rules.put(id, new Ranked<>(rule, nextRank++));
        }
    }

    /** Returns the enabled rules in evaluation order. */
    List<T> enabledInOrder() {
        List<Ranked<T>> ranked = new ArrayList<>();
        for (Ranked<T> entry : rules.values()) {
            if (entry.rule().enabled()) {
                ranked.add(entry);
            }
        }
        ranked.sort(Comparator.<Ranked<T>>comparingInt(r -> r.rule().order()).thenComparingLong(Ranked::rank));
        return ranked.stream().map(Ranked::rule).toList();
    }
}
