package io.mailflow.bench;

import java.util.List;

import io.mailflow.bench.StageProfile.Stage;

/** The stage methods that {@link StageProfile} looks for on sampled stacks. */
final class ProfileStages {

    private static final String PARSE = "io.mailflow.streams.parse.";
    private static final String CORRELATE = "io.mailflow.streams.correlate.";
    private static final String CLASSIFY = "io.mailflow.streams.classify.";

    /** Stages of {@code mailflow parse}, innermost first within each call chain. */
    static final List<Stage> OFFLINE = List.of(
            new Stage("read_lines", List.of(PARSE + "MaillogLineReader.readLine")),
            new Stage("parse", List.of(PARSE + "MaillogParser.parse")),
            new Stage("classify_sending_ip", List.of(CLASSIFY + "ReplyRuleEngine.sendingIp")),
            new Stage("classify_reply", List.of(CLASSIFY + "ReplyClassifier.classify")),
            new Stage("classify_provider", List.of(CLASSIFY + "ProviderResolver.resolve")),
            new Stage("correlate", List.of(
                    CORRELATE + "QueueCorrelator.accept",
                    CORRELATE + "QueueCorrelator.expireAll",
                    CORRELATE + "QueueCorrelator.finish")),
            new Stage("summary", List.of("io.mailflow.app.DeliverySummary.add")),
            new Stage("json_output", List.of(CORRELATE + "DeliveryEventJson.toCorpusJson")));

    private ProfileStages() {
    }

    /** Groups the threads of a single-threaded command: its main thread, and everything else. */
    static String mainThreadGroup(String threadName) {
        return threadName.equals("main") ? "main" : "other_threads";
    }
}
