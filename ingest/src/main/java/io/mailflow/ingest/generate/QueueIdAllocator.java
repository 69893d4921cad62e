package io.mailflow.ingest.generate;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Postfix queue ids of one host. A short id is the microseconds of the queue file's creation time
 * (5 hex digits) followed by the file's inode number in hex, so ids are 10 to 12 upper-case hex
 * digits. A long id ({@code enable_long_queue_ids = yes}) is the creation time in seconds and
 * microseconds in base 52, the letter {@code z}, then the inode number in base 51.
 *
 * <p>Inode numbers come from a per-host counter spread over a large range, so no two messages in
 * the queue at the same time share an id; an id may recur long after its message was removed, as
 * in Postfix.
 */
final class QueueIdAllocator {

    // Postfix's alphabet for long queue ids: digits and consonants (no vowels, so no words).
    private static final char[] BASE52 = "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz".toCharArray();
    private static final long INODE_SPAN = 1L << 26;
    private static final long INODE_STRIDE = 40_503L;

    private final boolean longIds;
    private final long inodeBase;
    private long counter;

    QueueIdAllocator(boolean longIds, SplittableRandom random) {
        this.longIds = longIds;
        this.inodeBase = 0x10000L + random.nextLong(0x100000L);
        this.counter = random.nextLong(INODE_SPAN);
    }

    String next(long epochMicros) {
        long inode = inodeBase + Math.floorMod(counter * INODE_STRIDE, INODE_SPAN);
        counter++;
        StringBuilder id = new StringBuilder(16);
        if (longIds) {
            appendBase(id, Math.floorDiv(epochMicros, 1_000_000L), 52, 6);
            appendBase(id, Math.floorMod(epochMicros, 1_000_000L), 52, 4);
            id.append('z');
            appendBase(id, inode, 51, 1);
        } else {
            long microseconds = Math.floorMod(epochMicros, 1_000_000L);
            appendHex(id, microseconds, 5);
            appendHex(id, inode, 1);
        }
        return id.toString();
    }

    private static void appendHex(StringBuilder out, long value, int minimumDigits) {
        String hex = Long.toHexString(value).toUpperCase(Locale.ROOT);
        for (int i = hex.length(); i < minimumDigits; i++) {
            out.append('0');
        }
        out.append(hex);
    }

    private static void appendBase(StringBuilder out, long value, int base, int minimumDigits) {
        char[] digits = new char[16];
        int position = digits.length;
        do {
            digits[--position] = BASE52[(int) (value % base)];
            value /= base;
        } while (value > 0);
        for (int i = digits.length - position; i < minimumDigits; i++) {
            out.append('0');
        }
        out.append(digits, position, digits.length - position);
    }
}
