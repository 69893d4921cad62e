package io.mailflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.app.Main;
import io.mailflow.app.config.Configuration;
import io.mailflow.app.config.ConfigurationLoader;
import io.mailflow.app.config.MailflowSettings;
import io.mailflow.app.elasticsearch.ElasticsearchHttp;
import io.mailflow.embedded.EmbeddedKafka;
import io.mailflow.embedded.LocalElasticsearch;
import io.mailflow.embedded.junit.EmbeddedServicesExtension;
import io.mailflow.ingest.generate.GeneratorSettings;
import io.mailflow.ingest.generate.Incident;
import io.mailflow.ingest.generate.IncidentKind;
import io.mailflow.ingest.generate.TimeWindow;
import io.mailflow.ingest.generate.TrafficGenerator;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code mailflow demo} end to end on the shared embedded Kafka broker and Elasticsearch node and
 * checks the alerts in Elasticsearch against the traffic generator's ground truth.
 */
@Tag("integration")
@ExtendWith(EmbeddedServicesExtension.class)
class DemoEndToEndTest {

    /** Alerts whose first attempt lies this close to an incident count for it; see DemoReport. */
    private static final Duration TOLERANCE = DemoReport.DETECTION_TOLERANCE;

    @Test
    void demoAlertsOnEveryInjectedIncidentAndNoCleanPeriod(EmbeddedKafka kafka, LocalElasticsearch elasticsearch)
            throws Exception {
        ElasticsearchTestIndices.deleteMailflowIndices(elasticsearch.httpUrl());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> arguments = new ArrayList<>(List.of("demo", "--kafka", kafka.bootstrapServers(),
                "--elasticsearch", elasticsearch.httpUrl(), "--timeout", "5m",
                // Without the wall-clock flush, only the end-of-input watermark can close the last windows.
                "--set", "window.idle-flush-after=0"));
        arguments.addAll(IsolatedTopics.arguments("e2e-demo"));

        int exitCode = commandLine.execute(arguments.toArray(String[]::new));

        assertThat(exitCode).as("exit code; stderr:%n%s", err).isZero();
        TrafficGenerator generator = new TrafficGenerator(DemoCommand.defaultGeneratorSettings());
        List<IndexedAlert> alerts = alerts(elasticsearch);
        assertThat(generator.incidents()).hasSize(IncidentKind.values().length);
        for (Incident incident : generator.incidents()) {
            ExpectedIncident expected = GeneratedTraffic.expected(List.of(incident)).get(0);
            assertThat(alerts)
                    .as("alert for injected incident %s (%s); alerts: %s", incident.id(), expected.subject(), alerts)
                    .anyMatch(alert -> expected.isDetectedBy(alert, TOLERANCE));
        }
        for (TimeWindow clean : generator.cleanPeriods()) {
            Instant from = clean.start().plus(TOLERANCE);
            Instant to = clean.end().minus(TOLERANCE);
            assertThat(alerts)
                    .as("alerts first seen in the clean period %s to %s", from, to)
                    .noneMatch(alert -> alert.firstSeen().isAfter(from) && alert.firstSeen().isBefore(to));
        }
        assertThat(out.toString()).contains(generator.incidents().size() + " of " + generator.incidents().size()
                + " injected incidents detected");
        assertThat(out.toString()).contains("Delivery attempts per sending IP and provider").contains("curl -s");
    }

    @Test
    void watermarkClosesTheLastWindowsOfFiniteInput(EmbeddedKafka kafka, LocalElasticsearch elasticsearch,
            @TempDir Path workDir) throws Exception {
        ElasticsearchTestIndices.deleteMailflowIndices(elasticsearch.httpUrl());
        Instant start = GeneratorSettings.DEFAULT_START;
        Duration length = Duration.ofMinutes(40);
        // The block list lasts until the end of the log, so its alert resolves only when windows after
        // the last line close; with the idle flush off, only the watermark can close them.
        GeneratorSettings traffic = GeneratorSettings.builder()
                .seed(7)
                .start(start)
                .duration(length)
                .hosts(5)
                .messagesPerSecond(6)
                .incidents(List.of(IncidentKind.MICROSOFT_BLOCKLIST))
                .incidentWindow(IncidentKind.MICROSOFT_BLOCKLIST,
                        new TimeWindow(start.plus(Duration.ofMinutes(25)), start.plus(length)))
                .build();
        Configuration configuration = configuration(kafka, elasticsearch, "e2e-watermark");
        SessionInput input = GeneratedTraffic.write(traffic, workDir.resolve("traffic.log"));

        try (PipelineSession session = PipelineSession.start(configuration,
                new PipelineSession.ServerChoice(kafka.bootstrapServers(), elasticsearch.httpUrl()), workDir)) {
            PipelineSession.SessionResult result = session.process(input, new PrintStream(OutputStream.nullOutputStream()), false,
                    Duration.ofMinutes(3));

            assertThat(result.complete()).as("pending: %s", result.pending()).isTrue();
            assertThat(result.report().deliveries()).isEqualTo(result.report().expectedDeliveries());
        }

        ExpectedIncident blocklist = input.expectedIncidents().get(0);
        List<IndexedAlert> alerts = alerts(elasticsearch);
        assertThat(alerts).anyMatch(alert -> blocklist.isDetectedBy(alert, TOLERANCE));
        assertThat(alerts.stream().filter(alert -> blocklist.isDetectedBy(alert, TOLERANCE)))
                .as("state of the block-list alert that lasts until the end of the input")
                .allMatch(alert -> "resolved".equals(alert.state()));
    }

    private static Configuration configuration(EmbeddedKafka kafka, LocalElasticsearch elasticsearch, String prefix) {
        Map<String, String> flags = new HashMap<>();
        List<String> arguments = IsolatedTopics.arguments(prefix);
        for (int i = 1; i < arguments.size(); i += 2) {
            String[] keyValue = arguments.get(i).split("=", 2);
            flags.put(keyValue[0], keyValue[1]);
        }
        flags.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        flags.put("elasticsearch.urls", elasticsearch.httpUrl());
        flags.put("window.idle-flush-after", "0");
        return new ConfigurationLoader(MailflowSettings.REGISTRY).load(null, Map.of(), flags);
    }

    private static List<IndexedAlert> alerts(LocalElasticsearch elasticsearch) throws Exception {
        Configuration configuration = new ConfigurationLoader(MailflowSettings.REGISTRY)
                .load(null, Map.of(), Map.of("elasticsearch.urls", elasticsearch.httpUrl()));
        ReportQueries queries = new ReportQueries(ElasticsearchHttp.from(configuration));
        queries.refreshAll();
        return queries.incidents();
    }
}
