package io.mailflow.bench;

import java.util.List;

import io.mailflow.bench.StageProfile.Stage;

/** The stage methods that {@link StageProfile} looks for on sampled stacks. */
final class ProfileStages {

    private static final String PARSE = "io.mailflow.streams.parse.";
    private static final String CORRELATE = "io.mailflow.streams.correlate.";
    private static final String CLASSIFY = "io.mailflow.streams.classify.";

    /** Stages of {@code mailflow parse}, each before the stages that call it. */
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

    /**
     * Stages of the streams application, each before the stages that call it. Parsing and
     * classification come first, then the serdes and stores that the processors call, then the
     * processors by what they do. The Kafka clients and the Streams runtime get the time that no
     * processor accounts for. Correlation includes the ingest processors that key lines by host and
     * keep queue state.
     */
    static final List<Stage> STREAMING = List.of(
            new Stage("parse", List.of(PARSE + "MaillogParser.parse")),
            new Stage("classify_sending_ip", List.of(CLASSIFY + "ReplyRuleEngine.sendingIp")),
            new Stage("classify_reply", List.of(CLASSIFY + "ReplyClassifier.classify")),
            new Stage("classify_provider", List.of(CLASSIFY + "ProviderResolver.resolve")),
            new Stage("json_state_serde", List.of("io.mailflow.streams.internals.JsonSerde.")),
            new Stage("queue_state_serde", List.of(CORRELATE + "QueueStateSerde.")),
            new Stage("avro", List.of("io.mailflow.schemas.AvroSerdes.", "org.apache.avro.")),
            new Stage("rocksdb", List.of("org.rocksdb.")),
            new Stage("correlate", List.of(CORRELATE, "io.mailflow.streams.internals.ingest.")),
            new Stage("aggregate", List.of("io.mailflow.streams.internals.window.")),
            new Stage("detect", List.of("io.mailflow.streams.internals.detect.")),
            new Stage("enrich", List.of("io.mailflow.streams.internals.enrich.")),
            new Stage("mailflow_other", List.of("io.mailflow.")),
            new Stage("compression", List.of("com.github.luben.zstd.", "org.apache.kafka.common.compress.")),
            new Stage("kafka_produce", List.of("org.apache.kafka.clients.producer.")),
            new Stage("kafka_consume", List.of("org.apache.kafka.clients.consumer.")),
            new Stage("streams_runtime", List.of("org.apache.kafka.streams.")));

    private ProfileStages() {
    }

    /** Groups the threads of the streams application: stream threads, Kafka client I/O threads, the rest. */
    static String streamsThreadGroup(String threadName) {
        if (threadName.contains("StreamThread")) {
            return threadName.contains("producer") || threadName.contains("consumer") ? "client_io" : "stream_threads";
        }
        if (threadName.startsWith("kafka-producer-network-thread") || threadName.contains("heartbeat")
                || threadName.startsWith("kafka-coordinator")) {
            return "client_io";
        }
        return "other_threads";
    }

    /** Groups the threads of a single-threaded command: its main thread, and everything else. */
    static String mainThreadGroup(String threadName) {
        return threadName.equals("main") ? "main" : "other_threads";
    }
}
