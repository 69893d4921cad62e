package io.mailflow.sink.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** Deterministic document ids, so that writing the same record again replaces its document. */
final class DocumentIds {

    /** Elasticsearch rejects ids longer than 512 bytes. */
    static final int MAX_ID_BYTES = 512;

    private static final int HASH_BYTES = 16;

    private DocumentIds() {
    }

    /**
     * Returns the parts joined with {@code |}, the shape of the Kafka keys of the statistics topics,
     * or a hash of them when the joined text is longer than an id may be (a long sender identity).
     */
    static String joined(Object... parts) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                id.append('|');
            }
            id.append(parts[i] == null ? "" : parts[i]);
        }
        String text = id.toString();
        if (text.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES) {
            return text;
        }
        return hashed(parts);
    }

    /**
     * Returns a 128-bit SHA-256 prefix of the parts in URL-safe base64 (22 characters). Each part is
     * written with its length first, so that ("ab", "c") and ("a", "bc") hash differently, and null
     * differs from the empty string.
     */
    static String hashed(Object... parts) {
        MessageDigest digest = sha256();
        for (Object part : parts) {
            if (part == null) {
                digest.update(intBytes(-1));
                continue;
            }
            byte[] bytes = part.toString().getBytes(StandardCharsets.UTF_8);
            digest.update(intBytes(bytes.length));
            digest.update(bytes);
        }
        byte[] hash = Arrays.copyOf(digest.digest(), HASH_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    private static byte[] intBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime must provide SHA-256", e);
        }
    }
}
