package io.mailflow.streams.parse;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Settings of a {@link MaillogParser}. RFC 3164 lines carry no year; one of three rules gives it:
 * a constant {@code year}, a {@code startYear} that later lines roll over from, or the reference
 * {@code clock}.
 *
 * @param zone          zone of timestamps written without an offset (RFC 3164, Exim, ISO-8601
 *                      without offset); default UTC
 * @param year          year of every RFC 3164 line, whatever its month; null when not constant.
 *                      The mail-log corpus defines its RFC 3164 lines this way.
 * @param startYear     year of the first RFC 3164 line of a file whose year is known. Each later
 *                      line takes the year that puts it nearest to the line before, so a file that
 *                      runs from December into January moves to the next year. Null when not used.
 * @param clock         reference clock used when neither year is set: a line takes the latest year
 *                      that does not put it more than {@link #FUTURE_TOLERANCE_DAYS} days after the
 *                      clock's date. A JSON envelope's own time replaces the clock for its line.
 * @param maxLineLength lines longer than this many characters fail with
 *                      {@link ParseFailureReason#TOO_LONG}; default 65536
 */
public record ParserSettings(ZoneId zone, Integer year, Integer startYear, Clock clock, int maxLineLength) {

    /** Default of {@link #maxLineLength()}: 64 KiB. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

    /** How far after the reference clock an RFC 3164 line may lie before it is taken for last year's. */
    public static final int FUTURE_TOLERANCE_DAYS = 7;

    public ParserSettings {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(clock, "clock");
        checkYear("year", year);
        checkYear("startYear", startYear);
        if (year != null && startYear != null) {
            throw new IllegalArgumentException("Set year or startYear, not both (year=" + year + ", startYear=" + startYear + ")");
        }
        if (maxLineLength < 64) {
            throw new IllegalArgumentException("maxLineLength must be at least 64 characters, got " + maxLineLength);
        }
    }

    private static void checkYear(String name, Integer value) {
        if (value != null && (value < 1970 || value > 9999)) {
            throw new IllegalArgumentException(name + " must be between 1970 and 9999, got " + value);
        }
    }

    /** UTC, year from the system clock, 64 KiB lines. */
    public static ParserSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder that starts from these settings. */
    public Builder toBuilder() {
        return new Builder().zone(zone).year(year).startYear(startYear).clock(clock).maxLineLength(maxLineLength);
    }

    /** Builder of {@link ParserSettings}; {@link #build()} checks the values. */
    public static final class Builder {
        private ZoneId zone = ZoneOffset.UTC;
        private Integer year;
        private Integer startYear;
        private Clock clock = Clock.systemUTC();
        private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;

        private Builder() {
        }

        public Builder zone(ZoneId value) {
            this.zone = value;
            return this;
        }

        public Builder year(Integer value) {
            this.year = value;
            return this;
        }

        public Builder startYear(Integer value) {
            this.startYear = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder maxLineLength(int value) {
            this.maxLineLength = value;
            return this;
        }

        public ParserSettings build() {
            return new ParserSettings(zone, year, startYear, clock, maxLineLength);
        }
    }
}
