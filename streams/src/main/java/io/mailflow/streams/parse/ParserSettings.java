package io.mailflow.streams.parse;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Settings of a {@link MaillogParser}.
 *
 * @param zone          zone of timestamps written without an offset (RFC 3164, Exim, ISO-8601
 *                      without offset); default UTC
 * @param year          year of the first RFC 3164 line, for files whose year is known; later lines
 *                      take the year that puts them nearest to the line before, so a file that runs
 *                      from December into January moves to the next year. Null to infer the year
 *                      from {@code clock} instead.
 * @param clock         reference clock used when {@code year} is null: a line takes the latest year
 *                      that does not put it more than {@link #FUTURE_TOLERANCE_DAYS} days after the
 *                      clock's date
 * @param maxLineLength lines longer than this many characters fail with
 *                      {@link ParseFailureReason#TOO_LONG}; default 65536
 */
public record ParserSettings(ZoneId zone, Integer year, Clock clock, int maxLineLength) {

    /** Default of {@link #maxLineLength()}: 64 KiB. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

    /** How far after the reference clock an RFC 3164 line may lie before it is taken for last year's. */
    public static final int FUTURE_TOLERANCE_DAYS = 7;

    public ParserSettings {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(clock, "clock");
        if (year != null && (year < 1970 || year > 9999)) {
            throw new IllegalArgumentException("year must be between 1970 and 9999, got " + year);
        }
        if (maxLineLength < 64) {
            throw new IllegalArgumentException("maxLineLength must be at least 64 characters, got " + maxLineLength);
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
        return new Builder().zone(zone).year(year).clock(clock).maxLineLength(maxLineLength);
    }

    /** Builder of {@link ParserSettings}; {@link #build()} checks the values. */
    public static final class Builder {
        private ZoneId zone = ZoneOffset.UTC;
        private Integer year;
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

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder maxLineLength(int value) {
            this.maxLineLength = value;
            return this;
        }

        public ParserSettings build() {
            return new ParserSettings(zone, year, clock, maxLineLength);
        }
    }
}
