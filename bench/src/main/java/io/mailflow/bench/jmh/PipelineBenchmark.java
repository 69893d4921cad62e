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

import io.mailflow.streams.correlate.AttemptClassifier;
import io.mailflow.streams.correlate.AttemptVerdict;
import io.mailflow.streams.correlate.CorrelationSettings;
import io.mailflow.streams.correlate.MaillogPipeline;
import io.mailflow.streams.correlate.ReplyAttemptClassifier;

/**
 * The offline pipeline of {@code mailflow parse}: parse, correlate by queue id and classify, over
 * generated Postfix lines; one operation is one line. Each invocation starts from empty correlation
 * state and ends with {@link MaillogPipeline#finish()}.
 *
 * <p>{@code parseCorrelate} swaps the classifier for a constant verdict, so the difference between
 * the two benchmarks is the cost of classification inside the pipeline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PipelineBenchmark {

    private static final AttemptVerdict CONSTANT_VERDICT = new AttemptVerdict(null, null, null, null, "other");

    private String[] lines;
    private AttemptClassifier classifier;

    @Setup
    public void setUp() {
        lines = BenchmarkLines.generate();
        classifier = ReplyAttemptClassifier.loadDefault();
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkLines.COUNT)
    public void parseCorrelateClassify(Blackhole blackhole) {
        run(classifier, blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(BenchmarkLines.COUNT)
    public void parseCorrelate(Blackhole blackhole) {
        run(facts -> CONSTANT_VERDICT, blackhole);
    }

    private void run(AttemptClassifier attemptClassifier, Blackhole blackhole) {
        MaillogPipeline pipeline = new MaillogPipeline(
                BenchmarkLines.parserSettings(), CorrelationSettings.offline(), attemptClassifier);
        for (String line : lines) {
            blackhole.consume(pipeline.accept(line, null));
        }
        blackhole.consume(pipeline.finish());
    }
}
