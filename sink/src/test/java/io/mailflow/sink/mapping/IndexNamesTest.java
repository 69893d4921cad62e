package io.mailflow.sink.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class IndexNamesTest {

    @Test
    void dailyIndexUsesUtcDay() {
        long lateEvening = Instant.parse("2026-06-10T23:59:59.999Z").toEpochMilli();

        assertThat(IndexNames.daily(IndexNames.DELIVERIES, lateEvening)).isEqualTo("mailflow-deliveries-2026.06.10");
        assertThat(IndexNames.daily(IndexNames.DELIVERIES, lateEvening + 1)).isEqualTo("mailflow-deliveries-2026.06.11");
    }

    @Test
    void dayOfReadsBackTheDay() {
        assertThat(IndexNames.dayOf(IndexNames.SENDER_STATS, "mailflow-stats-sender-2026.01.31"))
                .isEqualTo(LocalDate.of(2026, 1, 31));
    }

    @Test
    void dayOfRejectsOtherNames() {
        assertThat(IndexNames.dayOf(IndexNames.DELIVERIES, "mailflow-deliveries-2026.02.30")).isNull();
        assertThat(IndexNames.dayOf(IndexNames.DELIVERIES, "mailflow-deliveries-old")).isNull();
        assertThat(IndexNames.dayOf(IndexNames.DELIVERIES, "mailflow-stats-sender-2026.01.31")).isNull();
        assertThat(IndexNames.dayOf(IndexNames.ALERT_EVENTS, "mailflow-alerts")).isNull();
    }

    @Test
    void eventTimeBefore1970IsRejected() {
        assertThatThrownBy(() -> IndexNames.daily(IndexNames.DELIVERIES, -1))
                .isInstanceOf(UnmappableRecordException.class)
                .hasMessageContaining("-1 ms");
    }
}
