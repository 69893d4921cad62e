package io.mailflow.app.config;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One declared configuration key of {@code mailflow run}: its type, default, unit, description and
 * whether its value is a secret that must never be printed or logged.
 *
 * @param <T> the Java type of the value
 */
public final class Setting<T> {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*(\\.[a-z][a-z0-9]*(-[a-z0-9]+)*)*");

    private final String key;
    private final SettingType<T> type;
    private final T defaultValue;
    private final String unit;
    private final String description;
    private final boolean secret;

    private Setting(Builder<T> builder) {
        this.key = builder.key;
        this.type = builder.type;
        this.defaultValue = builder.defaultValue;
        this.unit = builder.unit;
        this.description = builder.description;
        this.secret = builder.secret;
    }

    /** Starts the declaration of a key such as {@code kafka.bootstrap.servers}: lower-case words with dots and dashes. */
    public static <T> Builder<T> builder(String key, SettingType<T> type) {
        return new Builder<>(key, type);
    }

    public String key() {
        return key;
    }

    public SettingType<T> type() {
        return type;
    }

    /** Returns the built-in default, or null when the setting is unset unless a source sets it. */
    public T defaultValue() {
        return defaultValue;
    }

    /** Returns the unit of a numeric value, such as "threads" or "documents", or null when the type carries it. */
    public String unit() {
        return unit;
    }

    public String description() {
        return description;
    }

    public boolean isSecret() {
        return secret;
    }

    /** Returns the environment variable that sets this key: {@code MAILFLOW_} and the key upper-cased, with dots and dashes as underscores. */
    public String environmentVariable() {
        return environmentVariableOf(key);
    }

    static String environmentVariableOf(String key) {
        return "MAILFLOW_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    @Override
    public String toString() {
        return key;
    }

    /** Declaration of a setting; {@link #build()} checks the key and the default against the type. */
    public static final class Builder<T> {

        private final String key;
        private final SettingType<T> type;
        private T defaultValue;
        private String unit;
        private String description;
        private boolean secret;

        private Builder(String key, SettingType<T> type) {
            this.key = Objects.requireNonNull(key, "key");
            this.type = Objects.requireNonNull(type, "type");
        }

        /** Sets the default as text, parsed by the type so that a wrong default fails at class load. */
        public Builder<T> defaultValue(String text) {
            this.defaultValue = type.parse(text);
            return this;
        }

        public Builder<T> unit(String unit) {
            this.unit = unit;
            return this;
        }

        public Builder<T> description(String description) {
            this.description = description;
            return this;
        }

        /** Marks the value as a secret: masked in {@code --print-config}, never logged. */
        public Builder<T> secret() {
            this.secret = true;
            return this;
        }

        public Setting<T> build() {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("Invalid setting key '" + key
                        + "': use lower-case words separated by dots and dashes");
            }
            if (description == null || description.isBlank()) {
                throw new IllegalArgumentException("Setting " + key + " has no description");
            }
            return new Setting<>(this);
        }
    }
}
