package io.mailflow.bench.jmh;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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

import io.mailflow.streams.parse.MaillogLineReader;
import io.mailflow.streams.parse.ParserSettings;

/**
 * The floor under any line-oriented tool: reading the generated lines from memory as UTF-8 into
 * strings, with {@link BufferedReader#readLine()} and with {@link MaillogLineReader}, which
 * {@code mailflow parse} uses. One operation is one line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LineReaderBenchmark {

    private byte[] file;

    @Setup
    public void setUp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(BenchmarkLines.COUNT * 170);
        for (String line : BenchmarkLines.generate()) {
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        file = out.toByteArray();
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkLines.COUNT)
    public void bufferedReader(Blackhole blackhole) throws IOException {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new ByteArrayInputStream(file), StandardCharsets.UTF_8), 65536)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                blackhole.consume(line);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkLines.COUNT)
    public void maillogLineReader(Blackhole blackhole) throws IOException {
        try (MaillogLineReader reader = new MaillogLineReader(
                new ByteArrayInputStream(file), ParserSettings.DEFAULT_MAX_LINE_LENGTH)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                blackhole.consume(line);
            }
        }
    }
}
