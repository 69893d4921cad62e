package io.mailflow.sink;

import java.util.Locale;

/**
 * One declared setting: its key, default (null when there is none), a description with its unit, and
 * whether the value is a secret that must never be printed.
 */
public record SettingKey(String name, String defaultValue, String description, boolean secret) {

    static SettingKey of(String name, String defaultValue, String description) {
        return new SettingKey(name, defaultValue, description, false);
    }

    static SettingKey secret(String name, String description) {
        return new SettingKey(name, null, description, true);
    }

    /** Returns the environment variable that sets this key: {@code MAILFLOW_} and the key in upper case with {@code _} for dots. */
    public String environmentVariable() {
        return SettingValues.ENVIRONMENT_PREFIX + name.replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
