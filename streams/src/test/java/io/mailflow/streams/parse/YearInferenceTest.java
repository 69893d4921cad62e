package io.mailflow.streams.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class YearInferenceTest {

    @Test
    void constantYearAppliesToEveryLine() {
        MaillogParser parser = new MaillogParser(ParserSettings.builder().year(2026).build());

        assertThat(timestamp(parser, "Dec 31 23:59:59")).isEqualTo("2026-12-31T23:59:59Z");
        assertThat(timestamp(parser, "Jan  1 00:00:01")).isEqualTo("2026-01-01T00:00:01Z");
    }

    @Test
    void startYearMovesToNextYearAfterDecember() {
        MaillogParser parser = new MaillogParser(ParserSettings.builder().startYear(2026).build());

        assertThat(timestamp(parser, "Dec 31 23:59:59")).isEqualTo("2026-12-31T23:59:59Z");
        assertThat(timestamp(parser, "Jan  1 00:00:01")).isEqualTo("2027-01-01T00:00:01Z");
        assertThat(timestamp(parser, "Jan  1 00:00:02")).isEqualTo("2027-01-01T00:00:02Z");
    }

    @Test
    void startYearKeepsLateDecemberLineOfAnotherHostInOldYear() {
        MaillogParser parser = new MaillogParser(ParserSettings.builder().startYear(2026).build());

        assertThat(timestamp(parser, "Jan  1 00:00:01")).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(timestamp(parser, "Dec 31 23:59:58")).isEqualTo("2025-12-31T23:59:58Z");
        assertThat(timestamp(parser, "Jan  1 00:00:03")).isEqualTo("2026-01-01T00:00:03Z");
    }

    @Test
    void clockTakesLatestYearNotInTheFuture() {
        Clock newYear = Clock.fixed(Instant.parse("2027-01-01T00:05:00Z"), ZoneOffset.UTC);
        MaillogParser parser = new MaillogParser(ParserSettings.builder().clock(newYear).build());

        assertThat(timestamp(parser, "Dec 31 23:59:59")).isEqualTo("2026-12-31T23:59:59Z");
        assertThat(timestamp(parser, "Jan  3 10:00:00")).isEqualTo("2027-01-03T10:00:00Z");
        assertThat(timestamp(parser, "Jun  1 10:00:00")).isEqualTo("2026-06-01T10:00:00Z");
    }

    @Test
    void clockSkipsFebruary29InCommonYears() {
        Clock clock = Clock.fixed(Instant.parse("2027-03-10T00:00:00Z"), ZoneOffset.UTC);
        MaillogParser parser = new MaillogParser(ParserSettings.builder().clock(clock).build());

        assertThat(timestamp(parser, "Feb 29 10:00:00")).isEqualTo("2024-02-29T10:00:00Z");
    }

    @Test
    void constantAndStartYearTogetherAreRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ParserSettings.builder().year(2026).startYear(2026).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not both");
    }

    @Test
    void zoneWithDaylightSavingRendersItsOffset() {
        MaillogParser parser = new MaillogParser(ParserSettings.builder().year(2026).zone(ZoneId.of("Europe/Berlin")).build());

        assertThat(timestamp(parser, "Jan 10 12:00:00")).isEqualTo("2026-01-10T12:00:00+01:00");
        assertThat(timestamp(parser, "Jul 10 12:00:00")).isEqualTo("2026-07-10T12:00:00+02:00");
    }

    private static String timestamp(MaillogParser parser, String stamp) {
        ParseResult result = parser.parse(stamp + " host postfix/qmgr[1]: 2ECF9C2C110: removed");
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).record().timestamp();
    }
}
