package io.mailflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class ReportCommandTest {

    @TempDir
    Path folder;

    @Test
    void summaryRatioComparesWallTimes() {
        ReportCommand report = new ReportCommand();
        report.read(List.of(
                "RESULT pflogsumm.wall 40.0 s",
                "RESULT mailflow_summary.wall 4.0 s"));

        assertThat(report.summaryRatio("wall")).isEqualTo(10.0);
        assertThat(report.summaryRatio("cpu")).isNull();
    }

    @Test
    void reportShowsVerdictsAndMissingFigures() throws Exception {
        Path results = folder.resolve("results.txt");
        Files.write(results, List.of(
                "MACHINE nproc 2",
                "LOAD jmh 0.50 0.40 0.30",
                "RESULT jmh.ParserBenchmark.parse 2500000 ops/s",
                "RESULT jmh.ParserBenchmark.parse.error 10000 ops/s",
                "RESULT freshness.p99 2500 ms",
                "NOTE something to see"));
        StringWriter text = new StringWriter();
        CommandLine command = new CommandLine(new ReportCommand());
        command.setOut(new PrintWriter(text));

        int exitCode = command.execute(results.toString());

        assertThat(exitCode).isZero();
        assertThat(text.toString())
                .contains("| parser alone >= 2,000,000 lines/s per core | 2,500,000 | met |")
                .contains("| freshness p99 <= 2,000 ms | 2,500 | missed |")
                .contains("| alert latency p99 <= 10,000 ms | - | not measured |")
                .contains("- nproc: 2")
                .contains("jmh 0.50 0.40 0.30")
                .contains("- something to see");
    }

    @Test
    void numbersUseThousandsSeparatorsAboveHundred() {
        assertThat(ReportCommand.number(1_234_567.8)).isEqualTo("1,234,568");
        assertThat(ReportCommand.number(12.345)).isEqualTo("12.35");
        assertThat(ReportCommand.number(0.1234)).isEqualTo("0.123");
        assertThat(ReportCommand.number(30.0)).isEqualTo("30");
        assertThat(ReportCommand.number(null)).isEqualTo("-");
    }
}
