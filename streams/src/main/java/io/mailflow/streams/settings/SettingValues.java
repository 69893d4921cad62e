package io.mailflow.streams.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checked values for a fixed list of {@link Setting}s; immutable.
 *
 * <p>Every declared setting has a value: the one given, else its default. A required setting
 * without a value is an error.
 */
public final class SettingValues {

    private final List<Setting<?>> definitions;
    private final Map<Setting<?>, Object> values;

    private SettingValues(List<Setting<?>> definitions, Map<Setting<?>, Object> values) {
        this.definitions = definitions;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Reads the declared settings from text values keyed by {@link Setting#key()}; keys that are not
     * declared are ignored, so one map can feed several modules.
     *
     * @throws InvalidSettingException for the first value that is missing or invalid
     */
    public static SettingValues fromText(List<Setting<?>> definitions, Map<String, String> text) {
        Objects.requireNonNull(text, "text");
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        for (Setting<?> setting : definitions) {
            String given = text.get(setting.key());
            if (given != null) {
                values.put(setting, setting.parse(given));
            } else if (setting.required()) {
                throw new InvalidSettingException(setting.key(), "Missing value for required setting "
                        + setting.key() + " (environment variable " + setting.environmentVariable()
                        + "): expected " + setting.type().expected());
            } else {
                values.put(setting, setting.defaultValue());
            }
        }
        return new SettingValues(List.copyOf(definitions), values);
    }

    /** Returns the value of a declared setting. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        if (!values.containsKey(setting)) {
            throw new IllegalArgumentException("Setting " + setting.key() + " is not declared here");
        }
        return (T) values.get(setting);
    }

    /**
     * Returns a copy with one value replaced.
     *
     * @throws InvalidSettingException when the value fails the setting's check
     */
    public <T> SettingValues with(Setting<T> setting, T value) {
        if (!values.containsKey(setting)) {
            throw new IllegalArgumentException("Setting " + setting.key() + " is not declared here");
        }
        Map<Setting<?>, Object> copy = new LinkedHashMap<>(values);
        copy.put(setting, setting.validate(value));
        return new SettingValues(definitions, copy);
    }

    /** Returns every value as text keyed by setting key, in declaration order. */
    public Map<String, String> toText() {
        Map<String, String> text = new LinkedHashMap<>();
        for (Setting<?> setting : definitions) {
            text.put(setting.key(), format(setting));
        }
        return text;
    }

    private <T> String format(Setting<T> setting) {
        T value = get(setting);
        return value == null ? "" : setting.type().format(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SettingValues that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return toText().toString();
    }
}
