package io.mailflow.app.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the settings from their sources, later wins: built-in defaults, a Java properties file,
 * {@code MAILFLOW_*} environment variables, then {@code --set key=value} flags. Every problem is
 * collected and reported at once.
 */
public final class ConfigurationLoader {

    /** Variables with the {@code MAILFLOW_} prefix that the launcher and the logging setup read, not settings. */
    private static final Set<String> NON_SETTING_VARIABLES =
            Set.of("MAILFLOW_JAVA_OPTS", "MAILFLOW_LOG_LEVEL", "MAILFLOW_KAFKA_LOG_LEVEL");

    private final SettingsRegistry registry;

    public ConfigurationLoader(SettingsRegistry registry) {
        this.registry = registry;
    }

    /**
     * Loads and validates the configuration.
     *
     * @param file a Java properties file, or null for none
     * @param environment the process environment; only {@code MAILFLOW_} variables are read
     * @param flags the {@code --set} values by key
     * @throws InvalidConfigurationException listing every unknown key, invalid value and failed
     *     cross-key check, each with the key, its source and the allowed values
     */
    public Configuration load(Path file, Map<String, String> environment, Map<String, String> flags) {
        Map<Setting<?>, String> texts = new LinkedHashMap<>();
        Map<Setting<?>, ValueSource> sources = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        if (file != null) {
            readFile(file, texts, sources, problems);
        }
        readEnvironment(environment, texts, sources, warnings);
        readFlags(flags, texts, sources, problems);

        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        for (Setting<?> setting : registry.settings()) {
            String text = texts.get(setting);
            if (text == null) {
                if (setting.defaultValue() != null) {
                    values.put(setting, setting.defaultValue());
                }
                continue;
            }
            parse(setting, text, sources.get(setting), problems).ifPresent(value -> values.put(setting, value));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }

        Configuration configuration = new Configuration(registry, values, sources, warnings);
        configuration.check();
        return configuration;
    }

    private void readFile(Path file, Map<Setting<?>, String> texts, Map<Setting<?>, ValueSource> sources,
            List<String> problems) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            problems.add("Configuration file " + file + " not found");
            return;
        } catch (IOException | IllegalArgumentException e) {
            problems.add("Failed to read configuration file " + file + ": " + e.getMessage());
            return;
        }

        ValueSource source = new ValueSource(ValueSource.Kind.FILE, file.toString());
        for (Map.Entry<String, String> entry : new TreeMap<>(toStringMap(properties)).entrySet()) {
            accept(entry.getKey(), entry.getValue(), source, "in " + file, texts, sources, problems);
        }
    }

    private void readEnvironment(Map<String, String> environment, Map<Setting<?>, String> texts,
            Map<Setting<?>, ValueSource> sources, List<String> warnings) {
        for (Map.Entry<String, String> entry : new TreeMap<>(environment).entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith("MAILFLOW_") || NON_SETTING_VARIABLES.contains(name)) {
                continue;
            }
            Optional<Setting<?>> setting = registry.findByEnvironmentVariable(name);
            if (setting.isEmpty()) {
                warnings.add("Environment variable " + name + " matches no setting and is ignored");
                continue;
            }
            texts.put(setting.get(), entry.getValue());
            sources.put(setting.get(), new ValueSource(ValueSource.Kind.ENVIRONMENT, name));
        }
    }

    private void readFlags(Map<String, String> flags, Map<Setting<?>, String> texts,
            Map<Setting<?>, ValueSource> sources, List<String> problems) {
        ValueSource source = new ValueSource(ValueSource.Kind.FLAG, null);
        for (Map.Entry<String, String> entry : flags.entrySet()) {
            accept(entry.getKey(), entry.getValue(), source, "in --set", texts, sources, problems);
        }
    }

    private void accept(String key, String text, ValueSource source, String where, Map<Setting<?>, String> texts,
            Map<Setting<?>, ValueSource> sources, List<String> problems) {
        Optional<Setting<?>> setting = registry.find(key.trim());
        if (setting.isEmpty()) {
            String hint = registry.closestKey(key.trim())
                    .map(closest -> "; did you mean " + closest + "?")
                    .orElse("; run 'mailflow run --print-config' to list the settings");
            problems.add("Unknown setting '" + key + "' " + where + hint);
            return;
        }
        texts.put(setting.get(), text == null ? "" : text);
        sources.put(setting.get(), source);
    }

    private static <T> Optional<T> parse(Setting<T> setting, String text, ValueSource source, List<String> problems) {
        try {
            return Optional.of(setting.type().parse(text));
        } catch (IllegalArgumentException e) {
            String shown = setting.isSecret() ? "the value (not shown) is invalid" : e.getMessage();
            problems.add("Invalid value for " + setting.key() + " (from " + source + "): " + shown
                    + "; expected " + setting.type().allowedValues());
            return Optional.empty();
        }
    }

    private static Map<String, String> toStringMap(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }
}
