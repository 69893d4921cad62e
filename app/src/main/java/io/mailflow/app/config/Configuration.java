package io.mailflow.app.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The effective, validated values of every declared setting, each with its source. Immutable and
 * thread-safe. Built by {@link ConfigurationLoader}.
 */
public final class Configuration {

    /** Text that {@link #describe()} prints in place of a secret value. */
    public static final String MASK = "********";

    private final SettingsRegistry registry;
    private final Map<Setting<?>, Object> values;
    private final Map<Setting<?>, ValueSource> sources;
    private final List<String> warnings;

    Configuration(SettingsRegistry registry, Map<Setting<?>, Object> values, Map<Setting<?>, ValueSource> sources,
            List<String> warnings) {
        this.registry = registry;
        this.values = Map.copyOf(values);
        this.sources = Map.copyOf(sources);
        this.warnings = List.copyOf(warnings);
    }

    /** Returns the value of a setting, or null when it has no default and no source sets it. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        requireDeclared(setting);
        return (T) values.get(setting);
    }

    public <T> Optional<T> find(Setting<T> setting) {
        return Optional.ofNullable(get(setting));
    }

    public ValueSource sourceOf(Setting<?> setting) {
        requireDeclared(setting);
        return sources.getOrDefault(setting, ValueSource.DEFAULT);
    }

    /** Returns notes about the sources that are not errors, such as unknown {@code MAILFLOW_} variables. */
    public List<String> warnings() {
        return warnings;
    }

    public SettingsRegistry registry() {
        return registry;
    }

    /**
     * Returns a copy in which the command sets a value itself, such as the demo pointing
     * {@code kafka.bootstrap.servers} at its embedded broker. The cross-key checks run again.
     *
     * @param reason what set the value, shown by {@code --print-config}
     * @throws InvalidConfigurationException if the change breaks a cross-key check
     */
    public <T> Configuration with(Setting<T> setting, T value, String reason) {
        requireDeclared(setting);
        Map<Setting<?>, Object> changedValues = new LinkedHashMap<>(values);
        Map<Setting<?>, ValueSource> changedSources = new LinkedHashMap<>(sources);
        if (value == null) {
            changedValues.remove(setting);
        } else {
            changedValues.put(setting, value);
        }
        changedSources.put(setting, new ValueSource(ValueSource.Kind.COMMAND, reason));
        Configuration changed = new Configuration(registry, changedValues, changedSources, warnings);
        changed.check();
        return changed;
    }

    /**
     * Renders every setting as {@code key = value  (source)} lines in declaration order, with secret
     * values replaced by {@link #MASK}; unset settings show {@code (unset)}.
     */
    public List<String> describe() {
        List<Setting<?>> settings = registry.settings();
        int width = settings.stream().mapToInt(setting -> setting.key().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (Setting<?> setting : settings) {
            String value = displayValue(setting);
            lines.add(String.format("%-" + width + "s = %s  (%s)", setting.key(), value, sourceOf(setting)));
        }
        return lines;
    }

    /** Returns the value as {@code --print-config} shows it: masked for secrets, {@code (unset)} when absent. */
    public String displayValue(Setting<?> setting) {
        Object value = values.get(setting);
        if (value == null) {
            return "(unset)";
        }
        if (setting.isSecret()) {
            return MASK;
        }
        return format(setting, value);
    }

    void check() {
        List<String> problems = SettingsRegistry.runChecks(registry, this);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> String format(Setting<T> setting, Object value) {
        return setting.type().format((T) value);
    }

    private void requireDeclared(Setting<?> setting) {
        Objects.requireNonNull(setting, "setting");
        if (registry.find(setting.key()).orElse(null) != setting) {
            throw new IllegalArgumentException("Setting " + setting.key() + " is not declared in this registry");
        }
    }
}
