package io.mailflow.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimeTest {

    @Test
    void secondsFollowPostfixDelayFormat() {
        assertThat(seconds(0)).isEqualTo("0");
        assertThat(seconds(4_000)).isEqualTo("0");
        assertThat(seconds(20_000)).isEqualTo("0.02");
        assertThat(seconds(600_000)).isEqualTo("0.6");
        assertThat(seconds(760_000)).isEqualTo("0.76");
        assertThat(seconds(1_000_000)).isEqualTo("1");
        assertThat(seconds(2_540_000)).isEqualTo("2.5");
        assertThat(seconds(767_300_000)).isEqualTo("767");
        assertThat(seconds(-5)).isEqualTo("0");
    }

    @Test
    void rfc3164PadsTheDayWithASpace() {
        StringBuilder out = new StringBuilder();

        new EventTime().appendRfc3164(out, EventTime.micros(Instant.parse("2026-11-03T18:06:25.999Z")));

        assertThat(out).hasToString("Nov  3 18:06:25");
    }

    @Test
    void rfc3339KeepsMicroseconds() {
        StringBuilder out = new StringBuilder();

        new EventTime().appendRfc3339(out, EventTime.micros(Instant.parse("2021-10-28T09:26:02.090209Z")));

        assertThat(out).hasToString("2021-10-28T09:26:02.090209+00:00");
    }

    @Test
    void cachedSecondIsRefreshedOnChange() {
        EventTime time = new EventTime();
        StringBuilder out = new StringBuilder();
        long first = EventTime.micros(Instant.parse("2026-06-10T09:28:17Z"));

        time.appendRfc3164(out, first);
        out.append('|');
        time.appendIsoMillis(out, first + 1_500_000);
        out.append('|');
        time.appendCompact(out, first + 1_500_000);

        assertThat(out).hasToString("Jun 10 09:28:17|2026-06-10T09:28:18.500Z|20260610092818");
    }

    @Test
    void microsRoundTripThroughInstant() {
        Instant instant = Instant.parse("2026-06-10T09:28:17.123456Z");

        assertThat(EventTime.instant(EventTime.micros(instant))).isEqualTo(instant);
    }

    private static String seconds(long micros) {
        StringBuilder out = new StringBuilder();
        EventTime.appendSeconds(out, micros);
        return out.toString();
    }
}
