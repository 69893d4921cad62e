package io.mailflow.ingest;

/** UTF-8 helpers for cutting over-long lines without splitting a character. */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * Returns the largest length at most {@code maxLength} at which {@code bytes[offset, offset+length)}
     * can be cut without splitting a multi-byte UTF-8 sequence.
     */
    public static int cutLength(byte[] bytes, int offset, int length, int maxLength) {
        if (length <= maxLength) {
            return length;
        }
        int cut = maxLength;
        // A continuation byte (10xxxxxx) at the cut means the character started before it.
        while (cut > 0 && (bytes[offset + cut] & 0xC0) == 0x80) {
            cut--;
        }
        return cut == 0 ? maxLength : cut;
    }
}
