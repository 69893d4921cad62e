package io.mailflow.streams.settings;

/**
 * A setting value that cannot be used. The message names the key, the rejected value and what is
 * allowed, so that an operator can fix the configuration without reading code.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingException(String key, String message) {
        super(message);
        this.key = key;
    }

    public InvalidSettingException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** Key of the setting that was rejected, such as {@code mailflow.window.grace}. */
    public String key() {
        return key;
    }
}
