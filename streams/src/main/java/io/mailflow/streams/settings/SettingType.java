package io.mailflow.streams.settings;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the text of a setting becomes a typed value and back.
 *
 * @param <T> Java type of the value
 */
public final class SettingType<T> {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    /** Free text; surrounding blanks are removed. */
    public static final SettingType<String> STRING = new SettingType<>(
            "string", "a non-empty text", String::strip, Function.identity());

    /** {@code true} or {@code false}, case-insensitive. */
    public static final SettingType<Boolean> BOOLEAN = new SettingType<>(
            "boolean", "true or false", SettingType::parseBoolean, String::valueOf);

    /** A decimal integer. */
    public static final SettingType<Integer> INT = new SettingType<>(
            "int", "an integer", text -> Integer.valueOf(text.strip()), String::valueOf);

    /** A decimal number such as {@code 0.25}. */
    public static final SettingType<Double> DOUBLE = new SettingType<>(
            "double", "a number such as 0.25", text -> Double.valueOf(text.strip()), String::valueOf);

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601 {@code PT1M}. */
    public static final SettingType<Duration> DURATION = new SettingType<>(
            "duration", "a duration such as 500ms, 30s, 5m, 1h, 2d or PT1M",
            SettingType::parseDuration, SettingType::formatDuration);

    /** A comma-separated list of durations, such as {@code 1m,5m,1h}. */
    public static final SettingType<List<Duration>> DURATION_LIST = new SettingType<>(
            "duration list", "a comma-separated list of durations such as 1m,5m,1h",
            text -> splitList(text, SettingType::parseDuration),
            values -> String.join(",", values.stream().map(SettingType::formatDuration).toList()));

    /** A comma-separated list of words, such as {@code greylisting,mailbox_full}; may be empty. */
    public static final SettingType<List<String>> STRING_LIST = new SettingType<>(
            "string list", "a comma-separated list of words", text -> splitList(text, Function.identity()),
            values -> String.join(",", values));

    /** A time-zone id such as {@code UTC} or {@code Europe/Berlin}. */
    public static final SettingType<ZoneId> ZONE = new SettingType<>(
            "zone", "a time-zone id such as UTC or Europe/Berlin", text -> ZoneId.of(text.strip()), ZoneId::getId);

    private final String name;
    private final String expected;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;

    private SettingType(String name, String expected, Function<String, T> parser, Function<T, String> formatter) {
        this.name = name;
        this.expected = expected;
        this.parser = parser;
        this.formatter = formatter;
    }

    /** Short name of the type for documentation, such as {@code duration}. */
    public String name() {
        return name;
    }

    /** What a valid text looks like, for error messages. */
    public String expected() {
        return expected;
    }

    /**
     * Parses a text into a value.
     *
     * @throws IllegalArgumentException when the text is not of this type; the caller adds the key
     */
    T parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            return parser.apply(text);
        } catch (NumberFormatException | DateTimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Formats a value as text that {@link #parse(String)} reads back. */
    public String format(T value) {
        return formatter.apply(value);
    }

    private static Boolean parseBoolean(String text) {
        String normalized = text.strip().toLowerCase(Locale.ROOT);
        if (normalized.equals("true")) {
            return Boolean.TRUE;
        }
        if (normalized.equals("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private static Duration parseDuration(String text) {
        String normalized = text.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT_DURATION.matcher(normalized);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(normalized.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration", e);
        }
    }

    /** Formats a duration in the largest unit that divides it, such as {@code 5m} or {@code 1500ms}. */
    public static String formatDuration(Duration duration) {
        long millis = duration.toMillis();
        if (millis != 0 && millis % 86_400_000L == 0) {
            return millis / 86_400_000L + "d";
        }
        if (millis != 0 && millis % 3_600_000L == 0) {
            return millis / 3_600_000L + "h";
        }
        if (millis != 0 && millis % 60_000L == 0) {
            return millis / 60_000L + "m";
        }
        if (millis % 1000L == 0) {
            return millis / 1000L + "s";
        }
        return millis + "ms";
    }

    private static <T> List<T> splitList(String text, Function<String, T> element) {
        List<T> values = new ArrayList<>();
        for (String part : text.split(",")) {
            String stripped = part.strip();
            if (!stripped.isEmpty()) {
                values.add(element.apply(stripped));
            }
        }
        return List.copyOf(values);
    }
}
