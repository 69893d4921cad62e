package io.mailflow.app.config;

import io.mailflow.streams.TopologySettings;
import io.mailflow.streams.settings.InvalidSettingException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Declares the topology's settings ({@link TopologySettings#DEFINITIONS}) in this registry, under
 * their key without the {@code mailflow.} prefix, so that {@code mailflow.window.grace} is
 * {@code window.grace} here and its environment variable stays {@code MAILFLOW_WINDOW_GRACE}. The
 * topology module keeps the type, default, unit and check of each; this class only adapts them.
 */
public final class TopologySettingsBridge {

    private static final String PREFIX = "mailflow.";

    private static final Map<io.mailflow.streams.settings.Setting<?>, Setting<?>> ADAPTED = adaptAll();

    private TopologySettingsBridge() {
    }

    /** Returns the adapted declaration of one topology setting. */
    @SuppressWarnings("unchecked")
    public static <T> Setting<T> adapted(io.mailflow.streams.settings.Setting<T> setting) {
        Setting<?> adapted = ADAPTED.get(setting);
        if (adapted == null) {
            throw new IllegalArgumentException("Topology setting " + setting.key() + " is not in TopologySettings.DEFINITIONS");
        }
        return (Setting<T>) adapted;
    }

    /** Returns every adapted topology setting in the topology's documentation order. */
    public static List<Setting<?>> all() {
        return List.copyOf(ADAPTED.values());
    }

    /**
     * Builds the topology's settings from the configuration.
     *
     * @throws InvalidConfigurationException when the values fail a check across keys, with the app's key names
     */
    public static TopologySettings topologySettings(Configuration configuration) {
        try {
            return TopologySettings.fromText(texts(configuration));
        } catch (InvalidSettingException e) {
            throw new InvalidConfigurationException(List.of(withAppKeys(e.getMessage())));
        }
    }

    static List<String> check(Configuration configuration) {
        try {
            TopologySettings.fromText(texts(configuration));
            return List.of();
        } catch (InvalidSettingException e) {
            return List.of(withAppKeys(e.getMessage()));
        }
    }

    private static Map<String, String> texts(Configuration configuration) {
        Map<String, String> texts = new LinkedHashMap<>();
        ADAPTED.forEach((original, adapted) -> put(texts, original, adapted, configuration));
        return texts;
    }

    private static <T> void put(Map<String, String> texts, io.mailflow.streams.settings.Setting<?> original,
            Setting<T> adapted, Configuration configuration) {
        T value = configuration.get(adapted);
        if (value != null) {
            texts.put(original.key(), adapted.type().format(value));
        }
    }

    /** Replaces the topology's keys in a message by the keys of this registry. */
    private static String withAppKeys(String message) {
        String result = message;
        for (io.mailflow.streams.settings.Setting<?> setting : ADAPTED.keySet()) {
            result = result.replace(setting.key(), appKey(setting));
        }
        return result;
    }

    private static String appKey(io.mailflow.streams.settings.Setting<?> setting) {
        return setting.key().startsWith(PREFIX) ? setting.key().substring(PREFIX.length()) : setting.key();
    }

    /** Adapts every definition; the map keeps the topology's order, and its keys compare by identity like the settings do. */
    private static Map<io.mailflow.streams.settings.Setting<?>, Setting<?>> adaptAll() {
        Map<io.mailflow.streams.settings.Setting<?>, Setting<?>> adapted = new LinkedHashMap<>();
        for (io.mailflow.streams.settings.Setting<?> setting : TopologySettings.DEFINITIONS) {
            adapted.put(setting, adapt(setting));
        }
        return Collections.unmodifiableMap(adapted);
    }

    private static <T> Setting<T> adapt(io.mailflow.streams.settings.Setting<T> original) {
        SettingType<T> type = new SettingType<>() {
            @Override
            public T parse(String text) {
                try {
                    return original.parse(text.trim());
                } catch (InvalidSettingException e) {
                    throw new IllegalArgumentException("'" + text.trim() + "' is invalid", e);
                }
            }

            @Override
            public String allowedValues() {
                String expected = original.type().expected();
                return original.allowed().isEmpty() ? expected : expected + ", " + original.allowed();
            }

            @Override
            public String format(T value) {
                return original.type().format(value);
            }
        };
        Setting.Builder<T> builder = Setting.builder(appKey(original), type).description(original.description());
        if (original.defaultValue() != null) {
            builder.defaultValue(type.format(original.defaultValue()));
        }
        if (!original.unit().isEmpty()) {
            builder.unit(original.unit());
        }
        return builder.build();
    }
}
