package io.mailflow.app.config;

/**
 * Where the effective value of a setting came from, for {@code --print-config} and error messages.
 *
 * @param kind the kind of source
 * @param detail the file, environment variable or flag, or null for a built-in default
 */
public record ValueSource(Kind kind, String detail) {

    /** Kinds of source, from lowest to highest precedence. */
    public enum Kind {
        DEFAULT,
        FILE,
        ENVIRONMENT,
        FLAG,
        /** Set by the command itself, such as the demo pointing at its embedded servers. */
        COMMAND
    }

    public static final ValueSource DEFAULT = new ValueSource(Kind.DEFAULT, null);

    @Override
    public String toString() {
        return switch (kind) {
            case DEFAULT -> "default";
            case FILE -> "file " + detail;
            case ENVIRONMENT -> "environment " + detail;
            case FLAG -> "--set";
            case COMMAND -> detail;
        };
    }
}
