package io.mailflow.streams.classify;

import java.util.List;
import java.util.Map;

/**
 * Maps host name suffixes to provider rules. A lookup walks the label suffixes of a host
 * ({@code a.b.example.com}, {@code b.example.com}, {@code example.com}, {@code com}) through an
 * open-addressing table keyed by a hash computed from the right end, so it allocates nothing and costs
 * one probe per label whatever the number of rules. Immutable and thread-safe.
 */
final class HostSuffixIndex {

    /** A rule that applies to one suffix. */
    record Entry(String suffix, String provider, int priority, String ruleId) {
    }

    private final String[] keys;
    private final Entry[] entries;
    private final int mask;

    /**
     * Builds the index. When several rules list the same suffix, the one with the lowest priority
     * number is kept.
     */
    HostSuffixIndex(Map<String, Entry> bySuffix) {
        int capacity = Integer.highestOneBit(Math.max(4, bySuffix.size() * 2 + 1)) << 1;
        this.keys = new String[capacity];
        this.entries = new Entry[capacity];
        this.mask = capacity - 1;
        for (Entry entry : bySuffix.values()) {
            int slot = hashFromRight(entry.suffix(), 0, entry.suffix().length()) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = entry.suffix();
            entries[slot] = entry;
        }
    }

    static HostSuffixIndex of(List<Entry> entries) {
        Map<String, Entry> bySuffix = new java.util.HashMap<>();
        for (Entry entry : entries) {
            bySuffix.merge(entry.suffix(), entry, (a, b) -> b.priority() < a.priority() ? b : a);
        }
        return new HostSuffixIndex(bySuffix);
    }

    /**
     * Returns the entry with the lowest priority number among all suffixes of the host that match, or
     * the longest such suffix on a tie. Returns null when no suffix matches. The lookup ignores case
     * and a trailing dot.
     */
    Entry lookup(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        int end = host.charAt(host.length() - 1) == '.' ? host.length() - 1 : host.length();
        Entry best = null;
        int hash = 0;
        for (int i = end - 1; i >= -1; i--) {
            if (i == -1 || host.charAt(i) == '.') {
                Entry found = find(host, i + 1, end, hash);
                if (found != null && (best == null || found.priority() <= best.priority())) {
                    best = found;
                }
            }
            if (i >= 0) {
                hash = 31 * hash + lowerCase(host.charAt(i));
            }
        }
        return best;
    }

    private Entry find(String host, int start, int end, int hash) {
        int length = end - start;
        if (length == 0) {
            return null;
        }
        int slot = hash & mask;
        while (keys[slot] != null) {
            String key = keys[slot];
            if (key.length() == length && key.regionMatches(true, 0, host, start, length)) {
                return entries[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    static int hashFromRight(String text, int start, int end) {
        int hash = 0;
        for (int i = end - 1; i >= start; i--) {
            hash = 31 * hash + lowerCase(text.charAt(i));
        }
        return hash;
    }

    private static char lowerCase(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
