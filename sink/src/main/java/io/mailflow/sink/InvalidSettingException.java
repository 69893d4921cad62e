package io.mailflow.sink;

/** Raised when a setting is missing or has a value that cannot be used. The message names the key and what is expected. */
public final class InvalidSettingException extends IllegalArgumentException {

    private final String key;

    InvalidSettingException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** Returns the key of the offending setting. */
    public String key() {
        return key;
    }
}
