package io.mailflow.streams.settings;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One configuration key: its type, default, unit, description and the check a value must pass.
 *
 * <p>Settings are declared once as constants (see {@code TopologySettings} and
 * {@code StreamsAppSettings}); the loader of the application reads them from properties files and
 * environment variables by {@link #key()} and {@link #environmentVariable()}.
 *
 * @param <T> Java type of the value
 */
public final class Setting<T> {

    private final String key;
    private final SettingType<T> type;
    private final T defaultValue;
    private final String unit;
    private final String description;
    private final Predicate<? super T> check;
    private final String allowed;

    private Setting(Builder<T> builder) {
        this.key = Objects.requireNonNull(builder.key, "key");
        this.type = Objects.requireNonNull(builder.type, "type");
        this.defaultValue = builder.defaultValue;
        this.unit = builder.unit;
        this.description = Objects.requireNonNull(builder.description, "description");
        this.check = builder.check;
        this.allowed = builder.allowed;
        if (defaultValue != null) {
            validate(defaultValue);
        }
    }

    /** Starts the declaration of a setting. */
    public static <T> Builder<T> builder(String key, SettingType<T> type) {
        return new Builder<>(key, type);
    }

    /** Key such as {@code mailflow.window.grace}. */
    public String key() {
        return key;
    }

    /** Name of the environment variable that sets this key, such as {@code MAILFLOW_WINDOW_GRACE}. */
    public String environmentVariable() {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public SettingType<T> type() {
        return type;
    }

    /** Default value, or null when the setting is required. */
    public T defaultValue() {
        return defaultValue;
    }

    /** Whether a value must be given because there is no default. */
    public boolean required() {
        return defaultValue == null;
    }

    /** Unit of the value, such as {@code attempts} or {@code ratio 0..1}; empty when it has none. */
    public String unit() {
        return unit;
    }

    public String description() {
        return description;
    }

    /** The values that pass the check, in words, such as {@code between 0 and 1}. */
    public String allowed() {
        return allowed;
    }

    /**
     * Parses and checks a text value.
     *
     * @throws InvalidSettingException naming the key, the value and what is allowed
     */
    public T parse(String text) {
        T value;
        try {
            value = type.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key, "Invalid value '" + text + "' for " + key + ": expected "
                    + type.expected() + allowedSuffix(), e);
        }
        validate(value);
        return value;
    }

    /**
     * Checks a typed value.
     *
     * @throws InvalidSettingException naming the key, the value and what is allowed
     */
    public T validate(T value) {
        if (value == null) {
            throw new InvalidSettingException(key, "Missing value for " + key + ": expected " + type.expected()
                    + allowedSuffix());
        }
        if (!check.test(value)) {
            throw new InvalidSettingException(key, "Invalid value '" + type.format(value) + "' for " + key
                    + ": allowed " + allowed);
        }
        return value;
    }

    private String allowedSuffix() {
        return allowed.isEmpty() ? "" : ", " + allowed;
    }

    @Override
    public String toString() {
        return key;
    }

    /** Builder of one {@link Setting}; checks compose with {@code and}. */
    public static final class Builder<T> {
        private final String key;
        private final SettingType<T> type;
        private T defaultValue;
        private String unit = "";
        private String description;
        private Predicate<? super T> check = value -> true;
        private String allowed = "";

        private Builder(String key, SettingType<T> type) {
            this.key = key;
            this.type = type;
        }

        public Builder<T> defaultValue(T value) {
            this.defaultValue = value;
            return this;
        }

        public Builder<T> unit(String value) {
            this.unit = value;
            return this;
        }

        public Builder<T> description(String value) {
            this.description = value;
            return this;
        }

        /** Adds a check; {@code allowedText} says in words which values pass, such as {@code at least 1}. */
        public Builder<T> check(Predicate<? super T> predicate, String allowedText) {
            Predicate<? super T> previous = this.check;
            this.check = value -> previous.test(value) && predicate.test(value);
            this.allowed = this.allowed.isEmpty() ? allowedText : this.allowed + " and " + allowedText;
            return this;
        }

        public Setting<T> build() {
            return new Setting<>(this);
        }
    }

    /** Checks that an integer is at least {@code minimum}. */
    public static Predicate<Integer> atLeast(int minimum) {
        return value -> value >= minimum;
    }

    /** Checks that a number lies in {@code [minimum, maximum]}. */
    public static Predicate<Double> between(double minimum, double maximum) {
        return value -> value >= minimum && value <= maximum;
    }

    /** Checks that a duration is at least {@code minimum}. */
    public static Predicate<Duration> atLeast(Duration minimum) {
        return value -> value.compareTo(minimum) >= 0;
    }

    /** Checks that a text is one of {@code choices}. */
    public static Predicate<String> oneOf(Collection<String> choices) {
        Set<String> allowedChoices = Set.copyOf(choices);
        return allowedChoices::contains;
    }

    /** Checks that a text is not empty. */
    public static Predicate<String> notEmpty() {
        return value -> !value.isEmpty();
    }

    /** Checks that every element of a list passes {@code element}. */
    public static <E> Predicate<List<E>> every(Predicate<? super E> element) {
        return values -> values.stream().allMatch(element);
    }
}
