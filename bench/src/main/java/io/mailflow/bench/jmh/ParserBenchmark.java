package io.mailflow.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import io.mailflow.streams.parse.MaillogParser;

/**
 * {@link MaillogParser#parse} alone over generated Postfix lines; one operation is one line.
 * {@code parseConstantYear} sets the year as {@code mailflow parse --year} does, so the difference
 * to {@code parse} is the cost of inferring the year of RFC 3164 lines from the clock.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParserBenchmark {

    private String[] lines;
    private MaillogParser parser;
    private MaillogParser constantYearParser;

    @Setup
    public void setUp() {
        lines = BenchmarkLines.generate();
        parser = new MaillogParser(BenchmarkLines.parserSettings());
        constantYearParser = new MaillogParser(BenchmarkLines.parserSettings().toBuilder().year(2026).build());
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkLines.COUNT)
    public void parse(Blackhole blackhole) {
        for (String line : lines) {
            blackhole.consume(parser.parse(line));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkLines.COUNT)
    public void parseConstantYear(Blackhole blackhole) {
        for (String line : lines) {
            blackhole.consume(constantYearParser.parse(line));
        }
    }
}
