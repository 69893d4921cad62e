package io.mailflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class BenchTrafficTest {

    @Test
    void linesStopAtRequestedCount() {
        List<String> lines = BenchTraffic.lines(BenchTraffic.DEFAULT_SEED, 5_000);

        assertThat(lines).hasSize(5_000);
    }

    @Test
    void sameSeedGivesSameLines() {
        List<String> first = BenchTraffic.lines(7, 2_000);
        List<String> second = BenchTraffic.lines(7, 2_000);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void linesArePostfixSyslogLines() {
        List<String> lines = BenchTraffic.lines(BenchTraffic.DEFAULT_SEED, 1_000);

        assertThat(lines).allMatch(line -> line.matches("[A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d mta\\d+ postfix.*"));
    }
}
