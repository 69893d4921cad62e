package io.mailflow.app.demo;

import io.mailflow.app.config.Configuration;
import io.mailflow.app.config.MailflowSettings;
import io.mailflow.app.config.Setting;
import io.mailflow.app.config.ValueSource;
import io.mailflow.app.elasticsearch.ElasticsearchHttp;
import io.mailflow.app.kafka.ConsumerGroupLag;
import io.mailflow.app.kafka.KafkaClientProperties;
import io.mailflow.app.run.Components;
import io.mailflow.app.run.MailflowInstance;
import io.mailflow.app.run.ShipperSettingsFactory;
import io.mailflow.app.run.TopicSetup;
import io.mailflow.streams.correlate.ReplyAttemptClassifier;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One demo or replay run: the servers (given, configured or embedded), the streams application and
 * the sink of a {@link MailflowInstance}, the shipping of finite input with the end-of-input
 * watermark, the wait until everything is indexed, and the report. Closing stops the instance and
 * the servers it started.
 */
public final class PipelineSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PipelineSession.class);

    /**
     * The watermark lies this far past the last attempt, more than the largest window (1 hour by
     * default) plus its grace, so that every window of the input closes.
     */
    private static final Duration WATERMARK_MARGIN = Duration.ofHours(2);

    private final long startNanos = System.nanoTime();
    private final Servers servers;
    private final Configuration configuration;
    private final Path workDir;
    private final MailflowInstance instance;
    private final ElasticsearchHttp elasticsearch;

    private PipelineSession(Servers servers, Configuration configuration, Path workDir, MailflowInstance instance) {
        this.servers = servers;
        this.configuration = configuration;
        this.workDir = workDir;
        this.instance = instance;
        this.elasticsearch = ElasticsearchHttp.from(configuration);
    }

    /**
     * Servers that a session uses.
     *
     * @param kafka bootstrap servers from {@code --kafka}, or null
     * @param elasticsearch Elasticsearch URL from {@code --elasticsearch}, or null
     */
    public record ServerChoice(String kafka, String elasticsearch) {
    }

    /**
     * Starts or connects to the servers, creates the topics and starts the sink and the streams
     * application. A server given on the command line wins; else one set in the configuration
     * (file, environment or {@code --set}) is used; else an embedded one is started.
     *
     * @param workDir a folder for the streams state, the shipper's positions and generated input
     */
    public static PipelineSession start(Configuration base, ServerChoice choice, Path workDir) throws Exception {
        String kafka = choice.kafka() != null ? choice.kafka() : configuredOrNull(base, MailflowSettings.KAFKA_BOOTSTRAP_SERVERS);
        String elasticsearch = choice.elasticsearch() != null ? choice.elasticsearch()
                : configuredOrNull(base, MailflowSettings.ELASTICSEARCH_URLS);
        Servers servers = Servers.startOrUse(kafka, elasticsearch);
        try {
            Configuration configuration = sessionConfiguration(base, servers, workDir);
            TopicSetup.createIfEnabled(configuration);
            MailflowInstance instance = new MailflowInstance(configuration, Components.create(configuration));
            return new PipelineSession(servers, configuration, workDir, instance);
        } catch (Exception | Error e) {
            servers.close();
            throw e;
        }
    }

    public Configuration configuration() {
        return configuration;
    }

    public String elasticsearchUrl() {
        return servers.elasticsearchUrl();
    }

    public String bootstrapServers() {
        return servers.bootstrapServers();
    }

    public int httpPort() {
        return instance.httpPort();
    }

    /**
     * Loads the inventory, starts the components, ships the input, waits until it is indexed and
     * returns the report data.
     *
     * @param progressOut where the progress display goes (stderr)
     * @param terminal whether to redraw one progress line in place
     * @param timeout how long to wait for the pipeline to drain after the start
     */
    public SessionResult process(SessionInput input, PrintStream progressOut, boolean terminal, Duration timeout)
            throws Exception {
        List<Path> files = FileOrder.byFirstEventTime(input.files(), configuration.get(MailflowSettings.PARSER_ZONE));
        CompletableFuture<OfflinePass.Result> offline = CompletableFuture.supplyAsync(() -> scan(files));

        if (!input.inventory().isEmpty()) {
            // Loaded before the streams application starts, so that the first line already finds its host.
            InventoryPublisher.publish(KafkaClientProperties.asMap(configuration),
                    configuration.get(MailflowSettings.TOPIC_INVENTORY), input.inventory());
        }
        instance.start();
        ReportQueries queries = new ReportQueries(elasticsearch);
        queries.refreshAll();
        long deliveriesBefore = queries.deliveries();

        OfflinePass.Result expected = join(offline);
        log.info("Input: files={} lines={} deliveries={} hosts={} firstAttempt={} lastAttempt={}", files.size(),
                expected.lines(), expected.deliveries(), expected.hosts().size(), expected.firstAttempt(),
                expected.lastAttempt());
        long watermarkMs = watermark(expected);

        InputShipper shipper = new InputShipper(ShipperSettingsFactory.sender(configuration), workDir.resolve("ship"),
                localHostName());
        AtomicBoolean shippingDone = new AtomicBoolean();
        AtomicReference<Throwable> shippingFailure = new AtomicReference<>();
        Thread shipping = new Thread(() -> {
            try {
                shipper.ship(files);
                shippingDone.set(true);
            } catch (IOException | RuntimeException e) {
                shippingFailure.set(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mailflow-session-ship");

        long deadline = System.nanoTime() + timeout.toNanos();
        PipelineWatch.Completion completion;
        try (ConsumerGroupLag lag = new ConsumerGroupLag(KafkaClientProperties.asMap(configuration), Duration.ofSeconds(10))) {
            PipelineWatch watch = new PipelineWatch(lag, queries, configuration.get(MailflowSettings.STREAMS_APPLICATION_ID),
                    configuration.get(MailflowSettings.TOPIC_RAW), configuration.get(MailflowSettings.SINK_GROUP_ID),
                    sinkTopics(), shipper::linesShipped, expected.lines());
            try (ProgressDisplay display = ProgressDisplay.start(progressOut, terminal, watch::latest)) {
                display.phase("shipping");
                shipping.start();
                completion = watch.awaitStreamsDrained(() -> {
                    throwIfFailed(shippingFailure);
                    if (shippingDone.get()) {
                        display.phase("processing");
                    }
                    return shippingDone.get();
                }, deadline);
                if (completion.complete()) {
                    display.phase("closing the last windows");
                    shipper.sendWatermarks(watermarkMs);
                    display.phase("indexing");
                    long lastAttempt = expected.lastAttempt() == null ? -1 : expected.lastAttempt().toEpochMilli();
                    completion = watch.awaitIndexed(deliveryTarget(deliveriesBefore, expected), lastAttempt, deadline);
                }
            }
        }
        shipping.join(Duration.ofSeconds(30).toMillis());

        queries.refreshAll();
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        ReportData report = new ReportData(input.description(), expected.lines(), expected.hosts().size(),
                expected.firstAttempt(), expected.lastAttempt(), expected.deliveries(),
                queries.deliveries() - deliveriesBefore, queries.windows(), queries.pairs(), queries.incidents(),
                input.expectedIncidents(), servers.elasticsearchUrl(), elasticsearch.authKind(), elapsed);
        return new SessionResult(report, completion.complete(), completion.pending());
    }

    /**
     * Outcome of {@link #process}.
     *
     * @param complete whether everything was indexed before the timeout
     * @param pending what was still outstanding when the time ran out
     */
    public record SessionResult(ReportData report, boolean complete, List<String> pending) {
    }

    /** Blocks until the thread is interrupted, as {@code --keep-running} does until Ctrl-C. */
    public void awaitInterrupt() throws InterruptedException {
        instance.awaitStopOrFailure();
    }

    @Override
    public void close() {
        instance.close();
        servers.close();
    }

    private static void throwIfFailed(AtomicReference<Throwable> shippingFailure) {
        Throwable failure = shippingFailure.get();
        if (failure != null) {
            throw new IllegalStateException("Shipping failed: " + failure.getMessage(), failure);
        }
    }

    private List<String> sinkTopics() {
        List<String> topics = new ArrayList<>(List.of(
                configuration.get(MailflowSettings.TOPIC_STATS_IP_PROVIDER),
                configuration.get(MailflowSettings.TOPIC_STATS_SENDER),
                configuration.get(MailflowSettings.TOPIC_ALERTS)));
        if (configuration.get(MailflowSettings.SINK_INDEX_DELIVERIES)) {
            topics.add(configuration.get(MailflowSettings.TOPIC_DELIVERIES));
        }
        return topics;
    }

    private long deliveryTarget(long deliveriesBefore, OfflinePass.Result expected) {
        return configuration.get(MailflowSettings.SINK_INDEX_DELIVERIES) ? deliveriesBefore + expected.deliveries() : -1;
    }

    private OfflinePass.Result scan(List<Path> files) {
        try {
            return OfflinePass.scan(files, configuration.get(MailflowSettings.PARSER_ZONE), ReplyAttemptClassifier.loadDefault());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long watermark(OfflinePass.Result expected) {
        long now = System.currentTimeMillis();
        if (expected.lastAttempt() == null) {
            return now;
        }
        return Math.max(now, expected.lastAttempt().plus(WATERMARK_MARGIN).toEpochMilli());
    }

    private static OfflinePass.Result join(CompletableFuture<OfflinePass.Result> offline) throws IOException {
        try {
            return offline.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    private static Configuration sessionConfiguration(Configuration base, Servers servers, Path workDir) throws IOException {
        Configuration configuration = base
                .with(MailflowSettings.KAFKA_BOOTSTRAP_SERVERS, List.of(servers.bootstrapServers().split(",")),
                        servers.embeddedKafka() ? "embedded Kafka" : "chosen Kafka")
                .with(MailflowSettings.ELASTICSEARCH_URLS, List.of(servers.elasticsearchUrl()),
                        servers.embeddedElasticsearch() ? "local Elasticsearch" : "chosen Elasticsearch")
                .with(MailflowSettings.COMPONENTS, List.of(MailflowSettings.COMPONENT_SINK, MailflowSettings.COMPONENT_STREAMS),
                        "demo and replay run the sink and the streams application");
        if (base.sourceOf(MailflowSettings.STREAMS_STATE_DIR).kind() == ValueSource.Kind.DEFAULT) {
            configuration = configuration.with(MailflowSettings.STREAMS_STATE_DIR,
                    Files.createDirectories(workDir.resolve("streams")), "temporary folder of this run");
        }
        if (base.sourceOf(MailflowSettings.HTTP_PORT).kind() == ValueSource.Kind.DEFAULT) {
            // A free port, so that the demo runs beside a 'mailflow run' on 9400.
            configuration = configuration.with(MailflowSettings.HTTP_PORT, 0, "free port");
        }
        if (servers.embeddedKafka()) {
            configuration = configuration.with(MailflowSettings.TOPIC_REPLICATION_FACTOR, 1, "single embedded broker");
            if (base.sourceOf(MailflowSettings.TOPIC_PARTITIONS).kind() == ValueSource.Kind.DEFAULT) {
                // NOTE: with several partitions, a backlog replayed at full speed reaches the window
                // processors from several tasks at different event times, and the topology drops the
                // attempts of the tasks that lag behind as late. One partition keeps the input in order.
                configuration = configuration.with(MailflowSettings.TOPIC_PARTITIONS, 1,
                        "one partition keeps a replayed backlog in event-time order");
            }
        }
        return configuration;
    }

    private static String configuredOrNull(Configuration configuration, Setting<List<String>> setting) {
        if (configuration.sourceOf(setting).kind() == ValueSource.Kind.DEFAULT) {
            return null;
        }
        return String.join(",", configuration.get(setting));
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
