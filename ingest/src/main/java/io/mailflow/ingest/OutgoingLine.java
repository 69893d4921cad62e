package io.mailflow.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One maillog line on its way to Kafka: the record key (the host that wrote it, or null) and the
 * line as text.
 *
 * @param key the record key, usually the host name; null when no host is known
 * @param value the line without its line ending
 * @param sizeBytes the size of the line in UTF-8 bytes as read, used for buffer accounting
 * @param originalLength the length in bytes of the line before it was cut to the configured
 *     maximum, or {@code -1} when it was not cut
 */
public record OutgoingLine(String key, String value, int sizeBytes, int originalLength) {

    /** Kafka header on a cut line; its value is the original length in bytes, as decimal text. */
    public static final String TRUNCATED_HEADER = "mailflow.truncated";

    public OutgoingLine {
        Objects.requireNonNull(value, "value");
    }

    /** Returns a line that was not cut, sized from its UTF-8 encoding. */
    public static OutgoingLine of(String key, String value) {
        return new OutgoingLine(key, value, value.getBytes(StandardCharsets.UTF_8).length, -1);
    }

    /**
     * Decodes {@code length} bytes as UTF-8 (malformed sequences become U+FFFD).
     *
     * @param originalLength the length before cutting, or {@code -1} when the bytes are the whole line
     */
    public static OutgoingLine decode(String key, byte[] bytes, int offset, int length, int originalLength) {
        String value = new String(bytes, offset, length, StandardCharsets.UTF_8);
        return new OutgoingLine(key, value, length, originalLength);
    }

    public boolean truncated() {
        return originalLength >= 0;
    }

    public OutgoingLine withKey(String newKey) {
        return new OutgoingLine(newKey, value, sizeBytes, originalLength);
    }
}
