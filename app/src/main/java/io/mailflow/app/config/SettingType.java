package io.mailflow.app.config;

/**
 * Value type of a setting: parses the text of a configuration source into a typed value.
 *
 * @param <T> the Java type of the parsed value
 */
public interface SettingType<T> {

    /**
     * Parses the text of one configuration source.
     *
     * @throws IllegalArgumentException with a message that says what is wrong with the text; the
     *     caller adds the key, the source and {@link #allowedValues()}
     */
    T parse(String text);

    /** Describes the accepted values for error messages and the settings table, such as "integer from 1 to 65535". */
    String allowedValues();

    /** Renders a parsed value the way {@link #parse} accepts it. */
    default String format(T value) {
        return String.valueOf(value);
    }
}
