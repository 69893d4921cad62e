package io.mailflow.sink;

/** A setting is missing or has a value that cannot be used; the message names the key and what is expected. */
public final class InvalidSettingException extends IllegalArgumentException {

    private final String key;

    InvalidSettingException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The key of the offending setting. */
    public String key() {
        return key;
    }
}
