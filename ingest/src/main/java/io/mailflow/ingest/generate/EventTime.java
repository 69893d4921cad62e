package io.mailflow.ingest.generate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Event time in epoch microseconds, and the text forms the generator writes. Timestamps are UTC.
 * NOTE: hosts that log in local time (RFC 3164 lines without a zone) are not modelled.
 *
 * <p>Formatting keeps the date and time of the last second it saw, so consecutive lines within a
 * second cost a few appends. Instances are not thread-safe.
 */
final class EventTime {

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    };

    private long cachedSecond = Long.MIN_VALUE;
    private final char[] rfc3164 = new char[15];
    private final char[] iso = new char[19];

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static Instant instant(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
    }

    /** Appends {@code Jun 10 09:28:17} (day of month space-padded, as syslog writes it). */
    void appendRfc3164(StringBuilder out, long epochMicros) {
        refresh(Math.floorDiv(epochMicros, 1_000_000L));
        out.append(rfc3164);
    }

    /** Appends {@code 2026-06-10T09:28:17.123456+00:00}, the rsyslog RFC 3339 form. */
    void appendRfc3339(StringBuilder out, long epochMicros) {
        refresh(Math.floorDiv(epochMicros, 1_000_000L));
        out.append(iso).append('.');
        appendPadded(out, Math.floorMod(epochMicros, 1_000_000L), 6);
        out.append("+00:00");
    }

    /** Appends {@code 2026-06-10T09:28:17.123Z}, the form Microsoft puts in its replies. */
    void appendIsoMillis(StringBuilder out, long epochMicros) {
        refresh(Math.floorDiv(epochMicros, 1_000_000L));
        out.append(iso).append('.');
        appendPadded(out, Math.floorMod(epochMicros, 1_000_000L) / 1_000, 3);
        out.append('Z');
    }

    /** Appends {@code 20260610092817}, the date part of Postfix-made Message-IDs. */
    void appendCompact(StringBuilder out, long epochMicros) {
        refresh(Math.floorDiv(epochMicros, 1_000_000L));
        out.append(iso, 0, 4).append(iso, 5, 2).append(iso, 8, 2)
                .append(iso, 11, 2).append(iso, 14, 2).append(iso, 17, 2);
    }

    /**
     * Appends a duration the way Postfix writes {@code delay=} and {@code delays=}: two significant
     * digits and at most two decimals, so 0.004 s is "0", 0.76 s "0.76", 2.5 s "2.5" and 767 s "767".
     */
    static void appendSeconds(StringBuilder out, long micros) {
        if (micros < 0) {
            micros = 0;
        }
        if (micros >= 10_000_000L) {
            out.append(micros / 1_000_000L);
        } else if (micros >= 1_000_000L) {
            long tenths = micros / 100_000L;
            out.append(tenths / 10);
            if (tenths % 10 != 0) {
                out.append('.').append(tenths % 10);
            }
        } else {
            long hundredths = micros / 10_000L;
            if (hundredths == 0) {
                out.append('0');
            } else if (hundredths < 10) {
                out.append("0.0").append(hundredths);
            } else if (hundredths % 10 == 0) {
                out.append("0.").append(hundredths / 10);
            } else {
                out.append("0.").append(hundredths);
            }
        }
    }

    static void appendPadded(StringBuilder out, long value, int width) {
        long limit = 1;
        for (int i = 1; i < width; i++) {
            limit *= 10;
        }
        while (limit > 1 && value < limit) {
            out.append('0');
            limit /= 10;
        }
        out.append(value);
    }

    private void refresh(long epochSecond) {
        if (epochSecond == cachedSecond) {
            return;
        }
        cachedSecond = epochSecond;
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);

        String month = MONTHS[time.getMonthValue() - 1];
        month.getChars(0, 3, rfc3164, 0);
        rfc3164[3] = ' ';
        int day = time.getDayOfMonth();
        rfc3164[4] = day < 10 ? ' ' : (char) ('0' + day / 10);
        rfc3164[5] = (char) ('0' + day % 10);
        rfc3164[6] = ' ';
        putTwoDigits(rfc3164, 7, time.getHour());
        rfc3164[9] = ':';
        putTwoDigits(rfc3164, 10, time.getMinute());
        rfc3164[12] = ':';
        putTwoDigits(rfc3164, 13, time.getSecond());

        int year = time.getYear();
        iso[0] = (char) ('0' + year / 1000 % 10);
        iso[1] = (char) ('0' + year / 100 % 10);
        iso[2] = (char) ('0' + year / 10 % 10);
        iso[3] = (char) ('0' + year % 10);
        iso[4] = '-';
        putTwoDigits(iso, 5, time.getMonthValue());
        iso[7] = '-';
        putTwoDigits(iso, 8, day);
        iso[10] = 'T';
        System.arraycopy(rfc3164, 7, iso, 11, 8);
    }

    private static void putTwoDigits(char[] target, int offset, int value) {
        target[offset] = (char) ('0' + value / 10);
        target[offset + 1] = (char) ('0' + value % 10);
    }
}
