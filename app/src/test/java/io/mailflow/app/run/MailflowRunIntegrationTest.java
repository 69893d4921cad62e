package io.mailflow.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailflow.app.config.Configuration;
import io.mailflow.app.config.ConfigurationLoader;
import io.mailflow.app.config.MailflowSettings;
import io.mailflow.app.elasticsearch.ElasticsearchHttp;
import io.mailflow.embedded.EmbeddedKafka;
import io.mailflow.embedded.LocalElasticsearch;
import io.mailflow.embedded.junit.EmbeddedServicesExtension;
import io.mailflow.ingest.generate.GeneratorSettings;
import io.mailflow.ingest.generate.TrafficGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the three components of {@code mailflow run} on the shared embedded Kafka broker and
 * Elasticsearch node: the shipper follows a maillog file, the streams application processes it and
 * the sink indexes the deliveries, while {@code /health} and {@code /metrics} report on them.
 */
@Tag("integration")
@ExtendWith(EmbeddedServicesExtension.class)
class MailflowRunIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "it-run";

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void runShipsProcessesIndexesAndReportsHealth(EmbeddedKafka kafka, LocalElasticsearch elasticsearch,
            @TempDir Path folder) throws Exception {
        Path maillog = folder.resolve("mail.log");
        writeTraffic(maillog);
        Configuration configuration = configuration(kafka, elasticsearch, folder, maillog);
        TopicSetup.createIfEnabled(configuration);
        MailflowInstance instance = new MailflowInstance(configuration, Components.create(configuration));

        try {
            instance.start();
            int port = instance.httpPort();

            awaitTrue(() -> status(port, "/health") == 200, Duration.ofSeconds(90), "/health turns 200");
            JsonNode health = JSON.readTree(body(port, "/health"));
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("components").path("ship").path("state").asText()).isEqualTo("RUNNING");
            assertThat(health.path("components").path("streams").path("state").asText()).isEqualTo("RUNNING");
            assertThat(health.path("components").path("sink").path("state").asText()).isEqualTo("RUNNING");

            ElasticsearchHttp es = ElasticsearchHttp.from(configuration);
            awaitTrue(() -> deliveries(es) > 0, Duration.ofMinutes(2), "delivery documents in Elasticsearch");
            // The sink counts a bulk request once Elasticsearch has answered it, just after the documents became searchable.
            awaitTrue(() -> body(port, "/metrics").matches("(?s).*\\nmailflow_sink_documents_indexed_total [1-9].*"),
                    Duration.ofSeconds(30), "the sink's indexed counter");

            String metrics = body(port, "/metrics");
            assertThat(metrics).containsPattern("(?m)^mailflow_ship_lines_acknowledged_total [1-9]");
            assertThat(metrics).containsPattern("(?m)^mailflow_lines_parsed_total [1-9]");
            assertThat(metrics).containsPattern("(?m)^mailflow_deliveries_total [1-9]");
            assertThat(metrics).containsPattern("(?m)^mailflow_sink_documents_indexed_total [1-9]");
            assertThat(metrics).contains("mailflow_lines_rejected_total").contains("mailflow_alerts_total{event=\"open\"}");
            assertThat(metrics).contains("kafka_stream_thread_process_total").contains("jvm_memory_used_bytes");
        } finally {
            instance.close();
        }

        assertThat(instance.statuses()).extracting(ComponentStatus::state).containsOnly(ComponentState.STOPPED);
    }

    @Test
    void httpServerStopsWithTheInstance(EmbeddedKafka kafka, LocalElasticsearch elasticsearch, @TempDir Path folder)
            throws Exception {
        Path maillog = folder.resolve("mail.log");
        Files.writeString(maillog, "");
        Configuration configuration = configuration(kafka, elasticsearch, folder, maillog);
        TopicSetup.createIfEnabled(configuration);
        MailflowInstance instance = new MailflowInstance(configuration, Components.create(configuration));
        instance.start();
        int port = instance.httpPort();

        instance.close();

        try {
            status(port, "/health");
            throw new AssertionError("Expected /health to be gone after close");
        } catch (ConnectException expected) {
            assertThat(expected).isInstanceOf(ConnectException.class);
        }
    }

    private static Configuration configuration(EmbeddedKafka kafka, LocalElasticsearch elasticsearch, Path folder,
            Path maillog) {
        Map<String, String> flags = new HashMap<>();
        for (String topic : List.of("maillog-raw", "maillog-rejected", "inventory-hosts", "providers", "deliveries",
                "stats-ip-provider", "stats-sender", "alerts", "sink-rejected")) {
            flags.put("topic." + topic, PREFIX + "-" + folder.getFileName() + "." + topic);
        }
        flags.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        flags.put("elasticsearch.urls", elasticsearch.httpUrl());
        flags.put("topic.partitions", "1");
        flags.put("topic.replication-factor", "1");
        flags.put("streams.application-id", PREFIX + "-" + folder.getFileName());
        flags.put("streams.state-dir", folder.resolve("streams").toString());
        flags.put("sink.group-id", PREFIX + "-" + folder.getFileName() + "-sink");
        flags.put("http.port", "0");
        flags.put("components", "streams,sink,ship");
        flags.put("ship.files", maillog.toString());
        flags.put("ship.state-file", folder.resolve("ship.state").toString());
        flags.put("ship.start-at", "beginning");
        flags.put("ship.host", "mta-test");
        flags.put("shutdown.timeout", "20s");
        return new ConfigurationLoader(MailflowSettings.REGISTRY).load(null, Map.of(), flags);
    }

    private static void writeTraffic(Path file) throws IOException {
        GeneratorSettings settings = GeneratorSettings.builder()
                .seed(3)
                .duration(Duration.ofMinutes(10))
                .hosts(2)
                .messagesPerSecond(2)
                .noIncidents()
                .build();
        try (BufferedWriter writer = Files.newBufferedWriter(file)) {
            new TrafficGenerator(settings).generate((line, host) -> {
                try {
                    writer.append(line).append('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static long deliveries(ElasticsearchHttp es) {
        try {
            es.refresh("mailflow-*");
            return es.count("mailflow-deliveries");
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private int status(int port, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String body(int port, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void awaitTrue(CheckedCondition condition, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting until " + what);
    }

    @FunctionalInterface
    private interface CheckedCondition {
        boolean holds() throws Exception;
    }
}
