package io.mailflow.bench.jmh;

import java.util.ArrayList;
import java.util.List;
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

import io.mailflow.streams.classify.ProviderResolver;
import io.mailflow.streams.classify.ReplyClassifier;
import io.mailflow.streams.classify.ReplyFacts;
import io.mailflow.streams.correlate.AttemptClassifier;
import io.mailflow.streams.correlate.AttemptFacts;
import io.mailflow.streams.correlate.CorrelationSettings;
import io.mailflow.streams.correlate.MaillogPipeline;
import io.mailflow.streams.correlate.ReplyAttemptClassifier;

/**
 * Classification alone over the delivery attempts of the generated lines, as the correlator hands
 * them over; one operation is one attempt. {@code classifyReply} is {@link ReplyClassifier} alone;
 * {@code classifyAttempt} adds the provider lookup, as the pipeline does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClassifierBenchmark {

    /** Attempts per invocation; the generated lines hold about 44,000, which are repeated if fewer. */
    static final int ATTEMPTS = 40_000;

    private AttemptFacts[] attempts;
    private ReplyFacts[] replies;
    private ReplyClassifier replyClassifier;
    private ReplyAttemptClassifier attemptClassifier;

    @Setup
    public void setUp() {
        ProviderResolver providers = ProviderResolver.loadDefault();
        replyClassifier = ReplyClassifier.loadDefault();
        attemptClassifier = new ReplyAttemptClassifier(replyClassifier, providers);

        List<AttemptFacts> recorded = recordAttempts(BenchmarkLines.generate(), attemptClassifier);
        if (recorded.isEmpty()) {
            throw new IllegalStateException("the generated lines contain no delivery attempt");
        }
        attempts = new AttemptFacts[ATTEMPTS];
        replies = new ReplyFacts[ATTEMPTS];
        for (int i = 0; i < ATTEMPTS; i++) {
            AttemptFacts facts = recorded.get(i % recorded.size());
            attempts[i] = facts;
            replies[i] = new ReplyFacts(facts.status(), facts.dsn(), facts.replyCode(), facts.enhancedStatusCode(),
                    facts.replyText(), facts.relayHost(), facts.recipientDomain(), facts.mta());
        }
    }

    @Benchmark
    @OperationsPerInvocation(ATTEMPTS)
    public void classifyReply(Blackhole blackhole) {
        for (ReplyFacts facts : replies) {
            blackhole.consume(replyClassifier.classify(facts));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ATTEMPTS)
    public void classifyAttempt(Blackhole blackhole) {
        for (AttemptFacts facts : attempts) {
            blackhole.consume(attemptClassifier.classify(facts));
        }
    }

    /** Runs the offline pipeline once and keeps the facts of every attempt it classifies. */
    private static List<AttemptFacts> recordAttempts(String[] lines, AttemptClassifier delegate) {
        List<AttemptFacts> recorded = new ArrayList<>();
        AttemptClassifier recording = facts -> {
            recorded.add(facts);
            return delegate.classify(facts);
        };
        MaillogPipeline pipeline = new MaillogPipeline(
                BenchmarkLines.parserSettings(), CorrelationSettings.offline(), recording);
        for (String line : lines) {
            pipeline.accept(line, null);
        }
        pipeline.finish();
        return recorded;
    }
}
