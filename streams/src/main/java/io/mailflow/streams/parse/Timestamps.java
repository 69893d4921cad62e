package io.mailflow.streams.parse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Event times of maillog lines: RFC 3164 stamps without a year, ISO-8601 stamps, Exim stamps and
 * epoch values from JSON envelopes. Keeps the year of the previous line and a one-entry cache of the
 * last rendered second, so it is not thread-safe.
 */
final class Timestamps {

    private static final long SECONDS_PER_DAY = 86_400L;

    private final ZoneId zone;
    private final ZoneRules rules;
    private final ZoneOffset fixedOffset;
    private final Integer constantYear;
    private final Integer startYear;
    private final java.time.Clock clock;

    // Year inference state: the local date-time (seconds since the epoch, zone-less) of the latest
    // RFC 3164 line and the year it got.
    private boolean seenLine;
    private long lastLocalSeconds;
    private int lastMonthDay = -1;
    private int lastYear;

    // Clock mode: year per month-day for the reference date below.
    private long referenceEpochDay = Long.MIN_VALUE;
    private final int[] clockYearByMonthDay = new int[13 * 32];

    // One-entry render cache: the local seconds and the text and epoch millis they produced.
    private long cachedLocalSeconds = Long.MIN_VALUE;
    private String cachedText;
    private long cachedEpochSecond;

    Timestamps(ParserSettings settings) {
        this.zone = settings.zone();
        this.rules = zone.getRules();
        this.fixedOffset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
        this.constantYear = settings.year();
        this.startYear = settings.startYear();
        this.clock = settings.clock();
    }

    /** True when every RFC 3164 line gets the configured constant year. */
    boolean hasConstantYear() {
        return constantYear != null;
    }

    /** Infers the year of an RFC 3164 stamp that carries none; see {@link ParserSettings}. */
    int inferYear(int month, int day, int secondOfDay) {
        if (constantYear != null) {
            return constantYear;
        }
        return startYear != null ? yearNearPreviousLine(month, day, secondOfDay) : yearFromClock(month, day);
    }

    /** Returns the year that puts month/day nearest to the given instant, for stamps inside dated envelopes. */
    int yearNear(int month, int day, long referenceEpochMillis) {
        LocalDate reference = LocalDate.ofInstant(Instant.ofEpochMilli(referenceEpochMillis), zone);
        long referenceDay = reference.toEpochDay();
        int best = reference.getYear();
        long bestDistance = Long.MAX_VALUE;
        for (int year = reference.getYear() - 1; year <= reference.getYear() + 1; year++) {
            long epochDay = epochDay(year, month, day);
            if (epochDay != Long.MIN_VALUE && Math.abs(epochDay - referenceDay) < bestDistance) {
                bestDistance = Math.abs(epochDay - referenceDay);
                best = year;
            }
        }
        return best;
    }

    private int yearNearPreviousLine(int month, int day, int secondOfDay) {
        int monthDay = month * 32 + day;
        if (!seenLine) {
            seenLine = true;
            lastYear = startYear;
        } else if (monthDay != lastMonthDay) {
            long bestDistance = Long.MAX_VALUE;
            int best = lastYear;
            for (int year = lastYear - 1; year <= lastYear + 1; year++) {
                long epochDay = epochDay(year, month, day);
                if (epochDay == Long.MIN_VALUE) {
                    continue;
                }
                long distance = Math.abs(epochDay * SECONDS_PER_DAY + secondOfDay - lastLocalSeconds);
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = year;
                }
            }
            lastYear = best;
        }
        lastMonthDay = monthDay;
        long epochDay = epochDay(lastYear, month, day);
        if (epochDay != Long.MIN_VALUE) {
            lastLocalSeconds = epochDay * SECONDS_PER_DAY + secondOfDay;
        }
        return lastYear;
    }

    private int yearFromClock(int month, int day) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        long todayEpochDay = today.toEpochDay();
        if (todayEpochDay != referenceEpochDay) {
            referenceEpochDay = todayEpochDay;
            java.util.Arrays.fill(clockYearByMonthDay, 0);
        }
        int monthDay = month * 32 + day;
        int cached = clockYearByMonthDay[monthDay];
        if (cached != 0) {
            return cached;
        }
        long latestAllowed = todayEpochDay + ParserSettings.FUTURE_TOLERANCE_DAYS;
        int year = today.getYear() - 1;
        for (int candidate = today.getYear() + 1; candidate >= today.getYear() - 4; candidate--) {
            long epochDay = epochDay(candidate, month, day);
            if (epochDay != Long.MIN_VALUE && epochDay <= latestAllowed) {
                year = candidate;
                break;
            }
        }
        clockYearByMonthDay[monthDay] = year;
        return year;
    }

    /**
     * Epoch milliseconds of a local date-time in the configured zone, and its rendering as
     * {@code yyyy-MM-ddTHH:mm:ss} plus the zone offset; the text goes to {@link #renderedText()}.
     * Returns {@link Long#MIN_VALUE} for an invalid date.
     */
    long localToEpochMillis(int year, int month, int day, int secondOfDay, int millis) {
        long epochDay = epochDay(year, month, day);
        if (epochDay == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long localSeconds = epochDay * SECONDS_PER_DAY + secondOfDay;
        if (localSeconds != cachedLocalSeconds) {
            ZoneOffset offset = offsetOfLocal(localSeconds);
            cachedEpochSecond = localSeconds - offset.getTotalSeconds();
            cachedText = render(year, month, day, secondOfDay, offset);
            cachedLocalSeconds = localSeconds;
        }
        return cachedEpochSecond * 1000L + millis;
    }

    /** Text of the latest {@link #localToEpochMillis} call. */
    String renderedText() {
        return cachedText;
    }

    /** Renders an instant in the configured zone to the second, such as {@code 2026-06-10T09:31:23Z}. */
    String renderInstant(long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000L);
        ZoneOffset offset = fixedOffset != null ? fixedOffset : rules.getOffset(Instant.ofEpochSecond(epochSecond));
        long localSeconds = epochSecond + offset.getTotalSeconds();
        long epochDay = Math.floorDiv(localSeconds, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int secondOfDay = (int) (localSeconds - epochDay * SECONDS_PER_DAY);
        return render(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), secondOfDay, offset);
    }

    private ZoneOffset offsetOfLocal(long localSeconds) {
        if (fixedOffset != null) {
            return fixedOffset;
        }
        return rules.getOffset(LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC));
    }

    /**
     * Parses an ISO-8601 / RFC 3339 stamp at {@code line[start]}: {@code YYYY-MM-DD} then {@code T} or
     * {@code separator}, {@code HH:MM:SS}, an optional fraction and an optional {@code Z},
     * {@code ±HH:MM}, {@code ±HHMM} or {@code ±HH} offset. A stamp without offset is local time in the
     * configured zone. Stores the epoch millis in {@code out[0]} and returns the index after the
     * stamp, -1 when there is none there, or -2 when the shape is right but the date is invalid.
     */
    int parseIso(String line, int start, boolean allowSpaceSeparator, long[] out) {
        int length = line.length();
        if (start + 19 > length) {
            return -1;
        }
        int year = Chars.digits(line, start, start + 4);
        if (year < 0 || line.charAt(start + 4) != '-' || line.charAt(start + 7) != '-') {
            return -1;
        }
        char separator = line.charAt(start + 10);
        if (separator != 'T' && !(allowSpaceSeparator && separator == ' ')) {
            return -1;
        }
        int month = Chars.twoDigits(line, start + 5);
        int day = Chars.twoDigits(line, start + 8);
        int hour = Chars.twoDigits(line, start + 11);
        int minute = Chars.twoDigits(line, start + 14);
        int second = Chars.twoDigits(line, start + 17);
        if (month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0
                || line.charAt(start + 13) != ':' || line.charAt(start + 16) != ':') {
            return -1;
        }
        if (hour > 23 || minute > 59 || second > 60) {
            return -2;
        }

        int i = start + 19;
        int millis = 0;
        if (i < length && (line.charAt(i) == '.' || line.charAt(i) == ',')) {
            int digitsStart = ++i;
            while (i < length && Chars.isDigit(line.charAt(i))) {
                i++;
            }
            if (i == digitsStart) {
                return -1;
            }
            millis = fractionMillis(line, digitsStart, i);
        }

        int offsetSeconds = Integer.MIN_VALUE;
        if (i < length) {
            char c = line.charAt(i);
            if (c == 'Z' || c == 'z') {
                offsetSeconds = 0;
                i++;
            } else if (c == '+' || c == '-') {
                int sign = c == '+' ? 1 : -1;
                int hours = Chars.twoDigits(line, i + 1);
                if (hours >= 0) {
                    int minutes = 0;
                    int end = i + 3;
                    if (end < length && line.charAt(end) == ':' && Chars.twoDigits(line, end + 1) >= 0) {
                        minutes = Chars.twoDigits(line, end + 1);
                        end += 3;
                    } else if (Chars.twoDigits(line, end) >= 0) {
                        minutes = Chars.twoDigits(line, end);
                        end += 2;
                    }
                    if (hours > 18 || minutes > 59) {
                        return -2;
                    }
                    offsetSeconds = sign * (hours * 3600 + minutes * 60);
                    i = end;
                }
            }
        }

        int secondOfDay = hour * 3600 + minute * 60 + Math.min(second, 59);
        if (offsetSeconds == Integer.MIN_VALUE) {
            long epochMillis = localToEpochMillis(year, month, day, secondOfDay, millis);
            if (epochMillis == Long.MIN_VALUE) {
                return -2;
            }
            out[0] = epochMillis;
        } else {
            long epochDay = epochDay(year, month, day);
            if (epochDay == Long.MIN_VALUE) {
                return -2;
            }
            out[0] = ((epochDay * SECONDS_PER_DAY + secondOfDay) - offsetSeconds) * 1000L + millis;
        }
        return i;
    }

    /** Milliseconds of the fraction digits {@code line[from, to)}. */
    static int fractionMillis(String line, int from, int to) {
        int millis = 0;
        for (int k = 0; k < 3; k++) {
            millis *= 10;
            if (from + k < to) {
                millis += line.charAt(from + k) - '0';
            }
        }
        return millis;
    }

    /** Epoch day of a date, or {@link Long#MIN_VALUE} when the date does not exist. */
    static long epochDay(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            return Long.MIN_VALUE;
        }
        if (day > 28) {
            int lengthOfMonth = java.time.YearMonth.of(year, month).lengthOfMonth();
            if (day > lengthOfMonth) {
                return Long.MIN_VALUE;
            }
        }
        return LocalDate.of(year, month, day).toEpochDay();
    }

    private static String render(int year, int month, int day, int secondOfDay, ZoneOffset offset) {
        char[] text = new char[offset.getTotalSeconds() == 0 ? 20 : 25];
        put4(text, 0, year);
        text[4] = '-';
        put2(text, 5, month);
        text[7] = '-';
        put2(text, 8, day);
        text[10] = 'T';
        put2(text, 11, secondOfDay / 3600);
        text[13] = ':';
        put2(text, 14, secondOfDay / 60 % 60);
        text[16] = ':';
        put2(text, 17, secondOfDay % 60);
        if (offset.getTotalSeconds() == 0) {
            text[19] = 'Z';
        } else {
            String id = offset.getId();
            id.getChars(0, 6, text, 19);
        }
        return new String(text);
    }

    private static void put2(char[] text, int at, int value) {
        text[at] = (char) ('0' + value / 10);
        text[at + 1] = (char) ('0' + value % 10);
    }

    private static void put4(char[] text, int at, int value) {
        put2(text, at, value / 100);
        put2(text, at + 2, value % 100);
    }
}
