package io.mailflow.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailflow.embedded.EmbeddedKafka;
import io.mailflow.embedded.LocalElasticsearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code streaming}: Kafka's own rate, the full pipeline's rate, freshness and alert latency, on
 * one embedded broker in one run.
 *
 * <p>The broker runs in this JVM. The mailflow commands run as their own JVMs, as in production:
 * {@code mailflow run} with the streams component, {@code mailflow ship} following the generated
 * files, and for the latency phase {@code mailflow run} with the sink component against a local
 * Elasticsearch. The cores a measurement used are the CPU seconds of every process involved
 * (this JVM with the broker, and the children) divided by the wall time.
 */
@Command(name = "streaming", mixinStandardHelpOptions = true,
        description = "Measure Kafka, the full pipeline, freshness and alert latency on one embedded broker.")
final class StreamingCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingCommand.class);

    /** Record key of every shipped line: one shipper that reads all host files, as one {@code --host}. */
    static final String RECORD_KEY = "bench-shipper";

    private static final String RAW_TOPIC = "mailflow.maillog.raw";
    private static final String INVENTORY_TOPIC = "mailflow.inventory.hosts";
    private static final String DELIVERIES_TOPIC = "mailflow.deliveries";
    private static final String STATS_TOPIC = "mailflow.stats.ip-provider";
    private static final String SENDER_STATS_TOPIC = "mailflow.stats.sender";
    private static final String ALERTS_TOPIC = "mailflow.alerts";
    private static final String APPLICATION_ID = "bench-mailflow";
    private static final String SINK_GROUP = "bench-sink";
    private static final String KAFKA_TOPIC = "bench.kafka.lines";
    private static final String KAFKA_PRODUCE_TOPIC = "bench.kafka.produce";
    private static final String KAFKA_WARMUP_TOPIC = "bench.kafka.warmup";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration PIPELINE_TIMEOUT = Duration.ofMinutes(60);

    @Spec
    private CommandSpec spec;

    @Option(names = "--lines", paramLabel = "N", description = "Lines for the throughput runs (default: ${DEFAULT-VALUE}).")
    private long lines = 2_000_000;

    @Option(names = "--seed", paramLabel = "SEED", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    private long seed = BenchTraffic.DEFAULT_SEED;

    @Option(names = "--work", required = true, paramLabel = "DIR",
            description = "Folder for generated files, state and logs; emptied first.")
    private Path work;

    @Option(names = "--app-jar", paramLabel = "JAR", description = "The mailflow application jar (default: ${DEFAULT-VALUE}).")
    private Path appJar = Path.of("app/target/mailflow.jar");

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions of the Kafka baseline topics; match the pipeline's topic.partitions (default: ${DEFAULT-VALUE}).")
    private int partitions = 6;

    @Option(names = "--latency-seconds", paramLabel = "S",
            description = "Length of the freshness and alert-latency phase (default: ${DEFAULT-VALUE}).")
    private int latencySeconds = 120;

    @Option(names = "--load-rate", paramLabel = "LINES_PER_S",
            description = "Background traffic during the latency phase, in lines per second; 0 for a quarter of the "
                    + "pipeline rate measured before (default: ${DEFAULT-VALUE}).")
    private double loadRate;

    @Option(names = "--probe-interval-ms", paramLabel = "MS",
            description = "Interval between freshness probes (default: ${DEFAULT-VALUE}).")
    private long probeIntervalMs = 250;

    @Option(names = "--alert-interval-ms", paramLabel = "MS",
            description = "Interval between injected incidents (default: ${DEFAULT-VALUE}).")
    private long alertIntervalMs = 2_000;

    @Option(names = "--streams-heap", paramLabel = "SIZE", description = "Heap of the streams process (default: ${DEFAULT-VALUE}).")
    private String streamsHeap = "1g";

    @Option(names = "--kafka-only", description = "Measure Kafka's own rate only; start no mailflow process.")
    private boolean kafkaOnly;

    @Option(names = "--skip-latency", description = "Leave out the freshness and alert-latency phase.")
    private boolean skipLatency;

    @Option(names = "--no-profile", description = "Do not record the streams process with the flight recorder.")
    private boolean noProfile;

    /** Share of the measured pipeline rate that the latency phase runs as background load by default. */
    private static final double DEFAULT_LOAD_SHARE = 0.25;
    private static final double MIN_LOAD_RATE = 100;

    private Results results;
    private double measuredPipelineRate = Double.NaN;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        results = new Results(out);
        prepareWork();

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            Instant start = Instant.now().minus(BenchTraffic.eventSpan(lines)).minus(Duration.ofMinutes(2))
                    .truncatedTo(ChronoUnit.SECONDS);
            LOG.info("Generating lines={} firstEventTime={} into {}", lines, start, work.resolve("logs"));
            HostFiles files = HostFiles.generate(seed, lines, start, work.resolve("logs"));
            results.add("streaming.lines", files.lines(), "lines");
            results.add("streaming.bytes", totalBytes(files), "bytes");

            measureKafka(kafka, files);
            if (kafkaOnly) {
                return 0;
            }
            try (KafkaOffsets offsets = new KafkaOffsets(bootstrap);
                    ChildJvm streams = startStreams(bootstrap)) {
                awaitTopics(offsets, streams, List.of(RAW_TOPIC, INVENTORY_TOPIC, STATS_TOPIC, ALERTS_TOPIC));
                BenchInventory.publish(bootstrap, INVENTORY_TOPIC, BenchInventory.entries(files.inventory()));
                awaitStable(offsets, APPLICATION_ID, streams);

                Path probeFile = touch(files.directory().resolve(BenchInventory.FRESHNESS_FILE_HOST + ".log"));
                Path alertFile = touch(files.directory().resolve("alert-probes.log"));
                List<Path> shipped = new ArrayList<>(files.files().values());
                shipped.add(probeFile);
                shipped.add(alertFile);

                try (ChildJvm ship = startShip(bootstrap, shipped)) {
                    measurePipeline(offsets, streams, ship, files.lines());
                    if (!skipLatency) {
                        measureLatency(offsets, bootstrap, streams, ship, files, probeFile, alertFile);
                    }
                }
            }
        }
        return 0;
    }

    private void measureKafka(EmbeddedKafka kafka, HostFiles files) throws InterruptedException {
        kafka.createTopic(KAFKA_WARMUP_TOPIC, partitions);
        kafka.createTopic(KAFKA_TOPIC, partitions);
        kafka.createTopic(KAFKA_PRODUCE_TOPIC, partitions);
        KafkaThroughput throughput = new KafkaThroughput(kafka.bootstrapServers(), RECORD_KEY);

        // The pipeline's processes run long enough for their JIT warm-up to amortize. A cold first
        // pass here would understate Kafka, so one unmeasured pass warms up the broker and clients.
        LOG.info("Kafka baseline: warm-up pass over {} lines", files.lines());
        throughput.produceAndConsume(KAFKA_WARMUP_TOPIC, files);

        LOG.info("Kafka baseline: produce and consume {} lines at once", files.lines());
        throughput.produceAndConsume(KAFKA_TOPIC, files).report(results, "kafka.concurrent");
        LOG.info("Kafka baseline: consume the same lines again");
        throughput.consume(KAFKA_TOPIC, files.lines()).report(results, "kafka.consume");
        LOG.info("Kafka baseline: produce only");
        throughput.produce(KAFKA_PRODUCE_TOPIC, files).report(results, "kafka.produce");
    }

    /**
     * Ships every line and waits until the streams application has committed all of them. The span
     * starts when the first line reaches the raw topic, so neither JVM start counts.
     */
    private void measurePipeline(KafkaOffsets offsets, ChildJvm streams, ChildJvm ship, long expected) throws Exception {
        FlightRecording recording = noProfile ? null : FlightRecording.start(streams.pid(), work);

        while (offsets.endOffsetSum(RAW_TOPIC) == 0) {
            ship.checkAlive();
            streams.checkAlive();
            Thread.sleep(20);
        }
        CpuClock start = CpuClock.now();
        double streamsStart = streams.cpuSeconds();
        double shipStart = ship.cpuSeconds();
        LOG.info("Pipeline: first line in {}, waiting for {} lines to be processed", RAW_TOPIC, expected);

        long deadline = System.nanoTime() + PIPELINE_TIMEOUT.toNanos();
        while (!caughtUp(offsets, expected)) {
            ship.checkAlive();
            streams.checkAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pipeline did not process " + expected + " lines within "
                        + PIPELINE_TIMEOUT.toMinutes() + " minutes; see " + work.resolve("streams.log"));
            }
            Thread.sleep(100);
        }
        CpuClock end = CpuClock.now();
        double streamsCpu = streams.cpuSeconds() - streamsStart;
        double shipCpu = ship.cpuSeconds() - shipStart;
        double brokerCpu = end.cpuSecondsSince(start);
        double wall = end.wallSecondsSince(start);

        Span span = new Span(expected, wall, streamsCpu + shipCpu + brokerCpu);
        span.report(results, "pipeline");
        measuredPipelineRate = span.linesPerSecond();
        results.add("pipeline.cores.streams", streamsCpu / wall, "cores");
        results.add("pipeline.cores.ship", shipCpu / wall, "cores");
        results.add("pipeline.cores.broker_and_harness", brokerCpu / wall, "cores");
        results.add("pipeline.rate_per_core.streams_only", expected / streamsCpu, "lines/s/core");

        if (recording != null) {
            Path file = work.resolve("streams-throughput.jfr");
            recording.dumpAndStop(file);
            StageProfile profile = new StageProfile(ProfileStages.STREAMING, ProfileStages::streamsThreadGroup);
            profile.add(file);
            profile.report(results, "pipeline.profile");
        }
    }

    /** Returns true when the raw topic contains every line and the application's committed offsets are at the end. */
    private boolean caughtUp(KafkaOffsets offsets, long expected) throws Exception {
        if (offsets.endOffsetSum(RAW_TOPIC) < expected) {
            return false;
        }
        for (Map.Entry<org.apache.kafka.common.TopicPartition, Long> lag : offsets.lag(APPLICATION_ID, RAW_TOPIC).entrySet()) {
            // Streams writes its internal topics in transactions: a marker may follow the last record.
            long allowed = lag.getKey().topic().equals(RAW_TOPIC) ? 0 : 1;
            if (lag.getValue() > allowed) {
                return false;
            }
        }
        return true;
    }

    private void measureLatency(KafkaOffsets offsets, String bootstrap, ChildJvm streams, ChildJvm ship,
            HostFiles files, Path probeFile, Path alertFile) throws Exception {
        try (LocalElasticsearch elasticsearch = LocalElasticsearch.start()) {
            offsets.commitEnd(SINK_GROUP, List.of(DELIVERIES_TOPIC, STATS_TOPIC, SENDER_STATS_TOPIC, ALERTS_TOPIC));
            try (ChildJvm sink = startSink(bootstrap, elasticsearch.httpUrl());
                    KafkaProducer<String, String> producer = new KafkaProducer<>(shipperLikeProducer(bootstrap));
                    ProbeFile freshnessFile = new ProbeFile(probeFile);
                    ProbeFile incidentFile = new ProbeFile(alertFile)) {
                awaitStable(offsets, SINK_GROUP, sink);

                Duration phase = Duration.ofSeconds(latencySeconds);
                double rate = loadRate > 0 ? loadRate : Math.max(MIN_LOAD_RATE, DEFAULT_LOAD_SHARE * measuredPipelineRate);
                results.add("latency.load_target", rate, "lines/s");
                try (LiveLoad load = LiveLoad.start(files.directory(), seed + 1, rate, phase.plusMinutes(3));
                        FreshnessProbe freshness = new FreshnessProbe(freshnessFile, producer, RAW_TOPIC, RECORD_KEY,
                                bootstrap, STATS_TOPIC, DELIVERIES_TOPIC);
                        AlertProbe alerts = new AlertProbe(incidentFile, bootstrap, ALERTS_TOPIC, elasticsearch.httpUrl())) {
                    LOG.info("Latency phase: {} s of live load at {} lines/s with probes", latencySeconds, rate);
                    Thread.sleep(10_000);
                    long loadLinesBefore = load.lines();
                    long phaseStart = System.nanoTime();
                    runProbes(phase, freshness, alerts, load, List.of(streams, ship, sink));
                    double seconds = (System.nanoTime() - phaseStart) / 1e9;
                    results.add("latency.load_rate", (load.lines() - loadLinesBefore) / seconds, "lines/s");

                    freshness.finish(Duration.ofSeconds(30), results);
                    alerts.finish(Duration.ofSeconds(60), results);
                }
            }
        }
    }

    private void runProbes(Duration phase, FreshnessProbe freshness, AlertProbe alerts, LiveLoad load,
            List<ChildJvm> children) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long end = start + phase.toNanos();
        long nextProbe = start;
        long nextAlert = start;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            if (now >= nextProbe) {
                freshness.probe();
                nextProbe += Duration.ofMillis(probeIntervalMs).toNanos();
            }
            if (now >= nextAlert) {
                alerts.probe();
                nextAlert += Duration.ofMillis(alertIntervalMs).toNanos();
                children.forEach(ChildJvm::checkAlive);
                load.checkHealthy();
            }
            long sleepNanos = Math.min(nextProbe, nextAlert) - System.nanoTime();
            if (sleepNanos > 0) {
                Thread.sleep(sleepNanos / 1_000_000, (int) (sleepNanos % 1_000_000));
            }
        }
    }

    private ChildJvm startStreams(String bootstrap) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("run"));
        set(arguments, "kafka.bootstrap.servers", bootstrap);
        set(arguments, "components", "streams");
        set(arguments, "streams.application-id", APPLICATION_ID);
        set(arguments, "streams.state-dir", work.resolve("streams-state").toString());
        set(arguments, "topic.partitions", String.valueOf(partitions));
        set(arguments, "http.port", "0");
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx" + streamsHeap));
        if (!noProfile) {
            // Kafka Streams calls processors through deep stacks; JFR keeps only 64 frames by default.
            jvmOptions.add("-XX:FlightRecorderOptions:stackdepth=256");
        }
        return ChildJvm.start("streams", appJar, jvmOptions, arguments, work.resolve("streams.log"));
    }

    private ChildJvm startSink(String bootstrap, String elasticsearchUrl) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("run"));
        set(arguments, "kafka.bootstrap.servers", bootstrap);
        set(arguments, "components", "sink");
        set(arguments, "elasticsearch.urls", elasticsearchUrl);
        set(arguments, "sink.group-id", SINK_GROUP);
        set(arguments, "topic.partitions", String.valueOf(partitions));
        set(arguments, "http.port", "0");
        return ChildJvm.start("sink", appJar, List.of("-Xmx512m"), arguments, work.resolve("sink.log"));
    }

    private ChildJvm startShip(String bootstrap, List<Path> files) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("ship",
                "--bootstrap-servers", bootstrap,
                "--host", RECORD_KEY,
                "--start-at", "beginning",
                "--state", work.resolve("ship.state").toString()));
        files.forEach(file -> arguments.add(file.toString()));
        return ChildJvm.start("ship", appJar, List.of("-Xmx256m"), arguments, work.resolve("ship.log"));
    }

    private static void set(List<String> arguments, String key, String value) {
        arguments.add("--set");
        arguments.add(key + "=" + value);
    }

    /** Returns the shipper's producer settings, for the probes that bypass the file. */
    private static Map<String, Object> shipperLikeProducer(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-probe-producer");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    private static void awaitTopics(KafkaOffsets offsets, ChildJvm owner, List<String> topics) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (String topic : topics) {
            while (!offsets.hasLeaders(topic)) {
                owner.checkAlive();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " was not created within " + START_TIMEOUT);
                }
                Thread.sleep(200);
            }
        }
    }

    private static void awaitStable(KafkaOffsets offsets, String group, ChildJvm owner) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!offsets.isStable(group)) {
            owner.checkAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer group " + group + " did not become stable within " + START_TIMEOUT);
            }
            Thread.sleep(200);
        }
    }

    private void prepareWork() throws IOException {
        if (Files.exists(work)) {
            try (Stream<Path> paths = Files.walk(work)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(work);
        if (!Files.isRegularFile(appJar)) {
            throw new IllegalArgumentException("application jar not found: " + appJar
                    + "; build it with mvn -pl app -am package -DskipTests or pass --app-jar");
        }
    }

    private static Path touch(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        return file;
    }

    private static long totalBytes(HostFiles files) throws IOException {
        long bytes = 0;
        for (Path file : files.files().values()) {
            bytes += Files.size(file);
        }
        return bytes;
    }
}
