package io.mailflow.ingest.tail;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * SHA-256 of the first {@code length} content bytes of a file (decompressed for {@code .gz}).
 * Two files with the same fingerprint of {@link #FULL_LENGTH} bytes are taken to hold the same log,
 * which recognises a renamed file, a compressed copy of a file already read, and an inode reused
 * for a new file. A shorter fingerprint (the file was smaller when it was taken) is only trusted
 * together with the same {@link FileIdentity}.
 *
 * @param length number of leading content bytes hashed, 0 to {@link #FULL_LENGTH}
 * @param sha256 lower-case hex SHA-256 of those bytes
 */
public record Fingerprint(int length, String sha256) {

    /** Bytes hashed once a file is long enough. Maillog lines start with a timestamp, so 1 KiB differs between files. */
    public static final int FULL_LENGTH = 1024;

    public Fingerprint {
        if (length < 0 || length > FULL_LENGTH) {
            throw new IllegalArgumentException("fingerprint length must be 0 to " + FULL_LENGTH + ", got " + length);
        }
        Objects.requireNonNull(sha256, "sha256");
    }

    /** Fingerprints the first {@code min(available, FULL_LENGTH)} bytes of {@code prefix}. */
    public static Fingerprint of(byte[] prefix, int available) {
        int length = Math.min(available, FULL_LENGTH);
        return new Fingerprint(length, hash(prefix, length));
    }

    /** True when {@code prefix} holds at least {@link #length()} bytes and they hash to this fingerprint. */
    public boolean matches(byte[] prefix, int available) {
        return available >= length && sha256.equals(hash(prefix, length));
    }

    public boolean full() {
        return length == FULL_LENGTH;
    }

    private static String hash(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
