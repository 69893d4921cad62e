package io.mailflow.app.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Factories of the value types that settings use. */
public final class SettingTypes {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb)?");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.\\-_]+):(\\d{1,5})");

    private SettingTypes() {
    }

    /** Returns the type of any trimmed text. Empty text is rejected so that a blank variable does not pass for a value. */
    public static SettingType<String> text() {
        return new SettingType<>() {
            @Override
            public String parse(String text) {
                String trimmed = text.trim();
                if (trimmed.isEmpty()) {
                    throw new IllegalArgumentException("the value is empty");
                }
                return trimmed;
            }

            @Override
            public String allowedValues() {
                return "non-empty text";
            }
        };
    }

    /** Returns the type of text that matches a pattern, such as a Kafka topic or client id. */
    public static SettingType<String> matching(Pattern pattern, String description) {
        return new SettingType<>() {
            @Override
            public String parse(String text) {
                String trimmed = text.trim();
                if (!pattern.matcher(trimmed).matches()) {
                    throw new IllegalArgumentException("'" + trimmed + "' is not " + description);
                }
                return trimmed;
            }

            @Override
            public String allowedValues() {
                return description;
            }
        };
    }

    public static SettingType<Integer> integer(int min, int max) {
        return new SettingType<>() {
            @Override
            public Integer parse(String text) {
                int value;
                try {
                    value = Integer.parseInt(text.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text.trim() + "' is not an integer", e);
                }
                if (value < min || value > max) {
                    throw new IllegalArgumentException(value + " is out of range");
                }
                return value;
            }

            @Override
            public String allowedValues() {
                return "integer from " + min + " to " + max;
            }
        };
    }

    public static SettingType<Boolean> bool() {
        return new SettingType<>() {
            @Override
            public Boolean parse(String text) {
                String value = text.trim().toLowerCase(Locale.ROOT);
                if (value.equals("true")) {
                    return true;
                }
                if (value.equals("false")) {
                    return false;
                }
                throw new IllegalArgumentException("'" + text.trim() + "' is not a boolean");
            }

            @Override
            public String allowedValues() {
                return "true or false";
            }
        };
    }

    /**
     * Returns the type of a duration written with its unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d},
     * or ISO-8601 such as {@code PT1M30S}.
     */
    public static SettingType<Duration> duration(Duration min, Duration max) {
        return new SettingType<>() {
            @Override
            public Duration parse(String text) {
                Duration value = parseDuration(text.trim());
                if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                    throw new IllegalArgumentException(format(value) + " is out of range");
                }
                return value;
            }

            @Override
            public String allowedValues() {
                return "duration from " + format(min) + " to " + format(max)
                        + " with a unit (ms, s, m, h, d), such as 30s";
            }

            @Override
            public String format(Duration value) {
                return formatDuration(value);
            }
        };
    }

    /** Returns the type of one word from a fixed set, compared without regard to case and returned as declared. */
    public static SettingType<String> oneOf(String... allowed) {
        List<String> words = List.of(allowed);
        return new SettingType<>() {
            @Override
            public String parse(String text) {
                return matchWord(text.trim(), words);
            }

            @Override
            public String allowedValues() {
                return "one of " + String.join(", ", words);
            }
        };
    }

    /** Returns the type of a comma-separated, non-empty set of words from a fixed list, kept in the order given, without repeats. */
    public static SettingType<List<String>> subsetOf(String... allowed) {
        List<String> words = List.of(allowed);
        return new SettingType<>() {
            @Override
            public List<String> parse(String text) {
                Set<String> chosen = new LinkedHashSet<>();
                for (String item : splitList(text)) {
                    chosen.add(matchWord(item, words));
                }
                if (chosen.isEmpty()) {
                    throw new IllegalArgumentException("the list is empty");
                }
                return List.copyOf(chosen);
            }

            @Override
            public String allowedValues() {
                return "comma-separated list of " + String.join(", ", words);
            }

            @Override
            public String format(List<String> value) {
                return String.join(",", value);
            }
        };
    }

    /** Returns the type of a comma-separated, non-empty list of host:port pairs, such as Kafka's bootstrap servers. */
    public static SettingType<List<String>> hostPortList() {
        return new SettingType<>() {
            @Override
            public List<String> parse(String text) {
                List<String> items = splitList(text);
                if (items.isEmpty()) {
                    throw new IllegalArgumentException("the list is empty");
                }
                for (String item : items) {
                    Matcher matcher = HOST_PORT.matcher(item);
                    if (!matcher.matches() || Integer.parseInt(matcher.group(2)) > 65535) {
                        throw new IllegalArgumentException("'" + item + "' is not host:port");
                    }
                }
                return items;
            }

            @Override
            public String allowedValues() {
                return "comma-separated list of host:port";
            }

            @Override
            public String format(List<String> value) {
                return String.join(",", value);
            }
        };
    }

    /** Returns the type of a comma-separated, non-empty list of http or https base URLs, without a trailing slash. */
    public static SettingType<List<String>> httpUrlList() {
        return new SettingType<>() {
            @Override
            public List<String> parse(String text) {
                List<String> urls = new ArrayList<>();
                for (String item : splitList(text)) {
                    String lower = item.toLowerCase(Locale.ROOT);
                    if (!(lower.startsWith("http://") || lower.startsWith("https://")) || item.indexOf("://") + 3 == item.length()) {
                        throw new IllegalArgumentException("'" + item + "' is not an http:// or https:// URL");
                    }
                    urls.add(item.endsWith("/") ? item.substring(0, item.length() - 1) : item);
                }
                if (urls.isEmpty()) {
                    throw new IllegalArgumentException("the list is empty");
                }
                return List.copyOf(urls);
            }

            @Override
            public String allowedValues() {
                return "comma-separated list of http:// or https:// URLs";
            }

            @Override
            public String format(List<String> value) {
                return String.join(",", value);
            }
        };
    }

    /** Returns the type of a file system path. Whether the path must exist is checked where it is used. */
    public static SettingType<Path> path() {
        return new SettingType<>() {
            @Override
            public Path parse(String text) {
                String trimmed = text.trim();
                if (trimmed.isEmpty()) {
                    throw new IllegalArgumentException("the path is empty");
                }
                try {
                    return Path.of(trimmed);
                } catch (InvalidPathException e) {
                    throw new IllegalArgumentException("'" + trimmed + "' is not a valid path: " + e.getReason(), e);
                }
            }

            @Override
            public String allowedValues() {
                return "file system path";
            }
        };
    }

    /** Returns the type of a comma-separated list of words or patterns, possibly empty. */
    public static SettingType<List<String>> textList() {
        return new SettingType<>() {
            @Override
            public List<String> parse(String text) {
                return splitList(text);
            }

            @Override
            public String allowedValues() {
                return "comma-separated list (may be empty)";
            }

            @Override
            public String format(List<String> value) {
                return String.join(",", value);
            }
        };
    }

    /** Returns the type of a comma-separated list of paths, possibly empty. */
    public static SettingType<List<Path>> pathList() {
        SettingType<Path> single = path();
        return new SettingType<>() {
            @Override
            public List<Path> parse(String text) {
                List<Path> paths = new ArrayList<>();
                for (String item : splitList(text)) {
                    paths.add(single.parse(item));
                }
                return List.copyOf(paths);
            }

            @Override
            public String allowedValues() {
                return "comma-separated list of file system paths (may be empty)";
            }

            @Override
            public String format(List<Path> value) {
                return String.join(",", value.stream().map(Path::toString).toList());
            }
        };
    }

    /** Returns the type of a time zone: a region id such as {@code Europe/Berlin}, {@code UTC}, or an offset such as {@code +02:00}. */
    public static SettingType<ZoneId> zone() {
        return new SettingType<>() {
            @Override
            public ZoneId parse(String text) {
                try {
                    return ZoneId.of(text.trim());
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("'" + text.trim() + "' is not a time zone", e);
                }
            }

            @Override
            public String allowedValues() {
                return "time zone such as UTC, Europe/Berlin or +02:00";
            }
        };
    }

    /** Returns the type of a size in bytes with an optional binary unit: {@code 1048576}, {@code 512kb}, {@code 5mb}, {@code 1gb}. */
    public static SettingType<Long> size(long min, long max) {
        return new SettingType<>() {
            @Override
            public Long parse(String text) {
                Matcher matcher = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
                if (!matcher.matches()) {
                    throw new IllegalArgumentException("'" + text.trim() + "' is not a size");
                }
                long unit = switch (matcher.group(2) == null ? "b" : matcher.group(2)) {
                    case "kb" -> 1024L;
                    case "mb" -> 1024L * 1024;
                    case "gb" -> 1024L * 1024 * 1024;
                    default -> 1L;
                };
                long value;
                try {
                    value = Math.multiplyExact(Long.parseLong(matcher.group(1)), unit);
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text.trim() + "' is too large", e);
                }
                if (value < min || value > max) {
                    throw new IllegalArgumentException(format(value) + " is out of range");
                }
                return value;
            }

            @Override
            public String allowedValues() {
                return "size from " + format(min) + " to " + format(max) + " in bytes or with kb, mb, gb (1024-based)";
            }

            @Override
            public String format(Long value) {
                long[] units = {1024L * 1024 * 1024, 1024L * 1024, 1024L};
                String[] names = {"gb", "mb", "kb"};
                for (int i = 0; i < units.length; i++) {
                    if (value != 0 && value % units[i] == 0) {
                        return value / units[i] + names[i];
                    }
                }
                return String.valueOf(value);
            }
        };
    }

    static String formatDuration(Duration value) {
        long millis = value.toMillis();
        if (millis == 0) {
            return "0s";
        }
        if (millis % 86_400_000 == 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    private static Duration parseDuration(String text) {
        Matcher matcher = SIMPLE_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount;
            try {
                amount = Long.parseLong(matcher.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is too large", e);
            }
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration", e);
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration with a unit");
    }

    private static String matchWord(String item, List<String> words) {
        for (String word : words) {
            if (word.equalsIgnoreCase(item)) {
                return word;
            }
        }
        throw new IllegalArgumentException("'" + item + "' is not allowed");
    }

    private static List<String> splitList(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
    }
}
