package io.mailflow.streams.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Assigns ids to the distinct literal keywords of all rules, so one automaton scan serves them all. */
final class KeywordTable {

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> keywords = new ArrayList<>();

    /** Returns the id of the keyword, folded to lower case with whitespace runs collapsed. */
    int idOf(String literal) {
        String keyword = normalize(literal);
        return ids.computeIfAbsent(keyword, k -> {
            keywords.add(k);
            return keywords.size() - 1;
        });
    }

    int[] idsOf(List<String> literals) {
        return literals.stream().mapToInt(this::idOf).distinct().toArray();
    }

    List<String> keywords() {
        return keywords;
    }

    KeywordAutomaton compile() {
        return KeywordAutomaton.compile(keywords);
    }

    static String normalize(String literal) {
        StringBuilder folded = new StringBuilder(literal.length());
        boolean previousSpace = false;
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (Character.isWhitespace(c)) {
                if (!previousSpace) {
                    folded.append(' ');
                }
                previousSpace = true;
            } else {
                folded.append(KeywordAutomaton.fold(c));
                previousSpace = false;
            }
        }
        return folded.toString();
    }
}
