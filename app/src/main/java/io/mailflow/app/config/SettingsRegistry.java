package io.mailflow.app.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The declared settings in the order the documentation lists them, plus the checks that span several
 * keys. Lookup is by key or by environment variable.
 */
public final class SettingsRegistry {

    private final Map<String, Setting<?>> byKey = new LinkedHashMap<>();
    private final Map<String, Setting<?>> byEnvironmentVariable = new LinkedHashMap<>();
    private final List<Function<Configuration, List<String>>> checks;

    /**
     * @param settings every declared setting; keys and environment variables must be unique
     * @param checks checks across keys, each returning the problems it found (empty when none)
     */
    public SettingsRegistry(List<Setting<?>> settings, List<Function<Configuration, List<String>>> checks) {
        for (Setting<?> setting : settings) {
            if (byKey.put(setting.key(), setting) != null) {
                throw new IllegalArgumentException("Setting " + setting.key() + " is declared twice");
            }
            Setting<?> clash = byEnvironmentVariable.put(setting.environmentVariable(), setting);
            if (clash != null) {
                throw new IllegalArgumentException("Settings " + clash.key() + " and " + setting.key()
                        + " map to the same environment variable " + setting.environmentVariable());
            }
        }
        this.checks = List.copyOf(checks);
    }

    public List<Setting<?>> settings() {
        return List.copyOf(byKey.values());
    }

    public Optional<Setting<?>> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public Optional<Setting<?>> findByEnvironmentVariable(String name) {
        return Optional.ofNullable(byEnvironmentVariable.get(name));
    }

    List<Function<Configuration, List<String>>> checks() {
        return Collections.unmodifiableList(checks);
    }

    /** Returns the declared key closest to a misspelt one, or empty when none is close. */
    public Optional<String> closestKey(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : byKey.keySet()) {
            int distance = editDistance(key, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int tolerance = Math.max(2, key.length() / 4);
        return bestDistance <= tolerance ? Optional.of(best) : Optional.empty();
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    static List<String> runChecks(SettingsRegistry registry, Configuration configuration) {
        List<String> problems = new ArrayList<>();
        for (Function<Configuration, List<String>> check : registry.checks) {
            problems.addAll(check.apply(configuration));
        }
        return problems;
    }
}
