package io.mailflow.streams.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Finds which of a fixed set of keywords occur in a text, case-insensitively, in one pass over the
 * text (an Aho-Corasick automaton compiled into a dense transition table). Immutable and thread-safe.
 *
 * <p>Case folding is per character ({@link Character#toLowerCase(char)}), so keywords and texts are
 * compared the way {@code String.toLowerCase(Locale.ROOT)} would compare them for the BMP.
 */
final class KeywordAutomaton {

    private static final int NO_SYMBOL = 0;

    private final int keywordCount;
    private final int alphabetSize;
    private final int[] asciiSymbols = new int[128];
    private final char[] otherChars;
    private final int[] otherSymbols;
    /** Next state per (state, symbol) as chars when the state count fits, which halves the table. */
    private final char[] compactTransitions;
    private final int[] transitions;
    private final int[][] outputs;

    private KeywordAutomaton(List<String> keywords) {
        this.keywordCount = keywords.size();

        Map<Character, Integer> symbols = new HashMap<>();
        for (String keyword : keywords) {
            for (int i = 0; i < keyword.length(); i++) {
                symbols.computeIfAbsent(fold(keyword.charAt(i)), c -> symbols.size() + 1);
            }
        }
        this.alphabetSize = symbols.size() + 1;
        List<Character> others = new ArrayList<>();
        for (Map.Entry<Character, Integer> entry : symbols.entrySet()) {
            char c = entry.getKey();
            if (c < 128) {
                asciiSymbols[c] = entry.getValue();
                if (c >= 'a' && c <= 'z') {
                    asciiSymbols[c - 'a' + 'A'] = entry.getValue();
                }
            } else {
                others.add(c);
            }
        }
        others.sort(null);
        this.otherChars = new char[others.size()];
        this.otherSymbols = new int[others.size()];
        for (int i = 0; i < others.size(); i++) {
            otherChars[i] = others.get(i);
            otherSymbols[i] = symbols.get(others.get(i));
        }

        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> trieOutputs = new ArrayList<>();
        trie.add(newRow());
        trieOutputs.add(new ArrayList<>());
        for (int id = 0; id < keywords.size(); id++) {
            int state = 0;
            String keyword = keywords.get(id);
            for (int i = 0; i < keyword.length(); i++) {
                int symbol = symbol(keyword.charAt(i));
                int next = trie.get(state)[symbol];
                if (next <= 0) {
                    next = trie.size();
                    trie.get(state)[symbol] = next;
                    trie.add(newRow());
                    trieOutputs.add(new ArrayList<>());
                }
                state = next;
            }
            trieOutputs.get(state).add(id);
        }

        int stateCount = trie.size();
        int[] table = new int[stateCount * alphabetSize];
        this.outputs = new int[stateCount][];
        int[] failure = new int[stateCount];
        Queue<Integer> queue = new ArrayDeque<>();
        for (int symbol = 0; symbol < alphabetSize; symbol++) {
            int child = trie.get(0)[symbol];
            if (child > 0) {
                failure[child] = 0;
                table[symbol] = child;
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.remove();
            trieOutputs.get(state).addAll(trieOutputs.get(failure[state]));
            for (int symbol = 0; symbol < alphabetSize; symbol++) {
                int child = trie.get(state)[symbol];
                if (child > 0) {
                    failure[child] = table[failure[state] * alphabetSize + symbol];
                    table[state * alphabetSize + symbol] = child;
                    queue.add(child);
                } else {
                    table[state * alphabetSize + symbol] = table[failure[state] * alphabetSize + symbol];
                }
            }
        }
        if (stateCount <= Character.MAX_VALUE) {
            this.compactTransitions = new char[table.length];
            for (int i = 0; i < table.length; i++) {
                compactTransitions[i] = (char) table[i];
            }
            this.transitions = null;
        } else {
            this.compactTransitions = null;
            this.transitions = table;
        }
        for (int state = 0; state < stateCount; state++) {
            List<Integer> found = trieOutputs.get(state);
            if (!found.isEmpty()) {
                outputs[state] = found.stream().distinct().mapToInt(Integer::intValue).toArray();
            }
        }
    }

    /** Compiles the keywords; the position of a keyword in the list is its id. */
    static KeywordAutomaton compile(List<String> keywords) {
        for (String keyword : keywords) {
            if (keyword.isEmpty()) {
                throw new IllegalArgumentException("empty keyword");
            }
        }
        return new KeywordAutomaton(keywords);
    }

    int keywordCount() {
        return keywordCount;
    }

    /** Returns a bit set, one bit per keyword id, of the keywords that occur in the text. */
    long[] scan(String text) {
        long[] found = new long[(keywordCount + 63) >>> 6];
        if (keywordCount == 0) {
            return found;
        }
        int state = 0;
        int length = text.length();
        char[] compact = compactTransitions;
        for (int i = 0; i < length; i++) {
            int index = state * alphabetSize + symbol(text.charAt(i));
            state = compact != null ? compact[index] : transitions[index];
            int[] ids = outputs[state];
            if (ids != null) {
                for (int id : ids) {
                    found[id >>> 6] |= 1L << id;
                }
            }
        }
        return found;
    }

    static boolean contains(long[] bits, int id) {
        return (bits[id >>> 6] & (1L << id)) != 0;
    }

    private int symbol(char c) {
        if (c < 128) {
            return asciiSymbols[c];
        }
        int at = Arrays.binarySearch(otherChars, fold(c));
        return at >= 0 ? otherSymbols[at] : NO_SYMBOL;
    }

    private int[] newRow() {
        return new int[alphabetSize];
    }

    static char fold(char c) {
        return Character.toLowerCase(c);
    }
}
