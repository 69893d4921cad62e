package io.mailflow.sink;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values from a map of raw settings. Every error names the key, the value and the
 * expected form. Durations are a number with a unit ({@code 500ms}, {@code 5s}, {@code 2m},
 * {@code 1h}); sizes are bytes with an optional binary unit ({@code 512kb}, {@code 5mb}).
 */
final class SettingValues {

    static final String ENVIRONMENT_PREFIX = "MAILFLOW_";

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb)?");

    private final Map<String, String> values;

    SettingValues(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Converts environment variables such as {@code MAILFLOW_ELASTICSEARCH_API_KEY} to keys such as
     * {@code elasticsearch.api.key}. Variables without the prefix are ignored.
     */
    static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> settings = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENVIRONMENT_PREFIX) && name.length() > ENVIRONMENT_PREFIX.length()) {
                String key = name.substring(ENVIRONMENT_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                settings.put(key, value);
            }
        });
        return settings;
    }

    /** Returns the trimmed value, or the key's default when unset or blank; null when neither exists. */
    String string(SettingKey key) {
        String value = values.get(key.name());
        if (value == null || value.isBlank()) {
            return key.defaultValue();
        }
        return value.trim();
    }

    String required(SettingKey key) {
        String value = string(key);
        if (value == null) {
            throw new InvalidSettingException(key.name(), "Missing setting " + key.name() + " ("
                    + key.environmentVariable() + "): " + key.description());
        }
        return value;
    }

    boolean bool(SettingKey key) {
        String value = required(key).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw invalid(key, value, "true or false");
        };
    }

    int positiveInt(SettingKey key) {
        String value = required(key);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 1) {
                throw invalid(key, value, "a whole number of at least 1");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(key, value, "a whole number of at least 1");
        }
    }

    Duration positiveDuration(SettingKey key) {
        String value = required(key);
        Duration duration = parseDuration(value);
        if (duration == null || duration.isZero()) {
            throw invalid(key, value, "a positive duration such as 500ms, 5s, 2m or 1h");
        }
        return duration;
    }

    long positiveBytes(SettingKey key) {
        String value = required(key);
        Matcher matcher = SIZE.matcher(value.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw invalid(key, value, "a size in bytes such as 1048576, 512kb or 5mb");
        }
        long multiplier = switch (matcher.group(2) == null ? "b" : matcher.group(2)) {
            case "kb" -> 1024L;
            case "mb" -> 1024L * 1024;
            case "gb" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        try {
            long bytes = Math.multiplyExact(Long.parseLong(matcher.group(1)), multiplier);
            if (bytes < 1) {
                throw invalid(key, value, "a size of at least 1 byte");
            }
            return bytes;
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(key, value, "a size in bytes such as 1048576, 512kb or 5mb");
        }
    }

    /** Returns the comma-separated values, trimmed, without empty entries. */
    List<String> list(SettingKey key) {
        String value = required(key);
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        if (items.isEmpty()) {
            throw invalid(key, value, "a comma-separated list with at least one entry");
        }
        return items;
    }

    static InvalidSettingException invalid(SettingKey key, String value, String expected) {
        String shown = key.secret() ? "****" : "'" + value + "'";
        return new InvalidSettingException(key.name(), "Invalid value " + shown + " for setting " + key.name()
                + " (" + key.environmentVariable() + "); expected " + expected);
    }

    private static Duration parseDuration(String value) {
        Matcher matcher = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount;
            try {
                amount = Long.parseLong(matcher.group(1));
            } catch (NumberFormatException e) {
                return null;
            }
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            Duration duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            return duration.isNegative() ? null : duration;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
