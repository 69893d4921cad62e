package io.mailflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailflow.app.Main;
import io.mailflow.embedded.EmbeddedKafka;
import io.mailflow.embedded.LocalElasticsearch;
import io.mailflow.embedded.junit.EmbeddedServicesExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * Replays the development corpus through {@code mailflow replay} and checks that Elasticsearch holds one
 * delivery document per delivery attempt that the corpus expects.
 */
@Tag("integration")
@ExtendWith(EmbeddedServicesExtension.class)
class ReplayCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "e2e-replay";

    @Test
    void replayIndexesOneDocumentPerExpectedAttempt(EmbeddedKafka kafka, LocalElasticsearch elasticsearch)
            throws Exception {
        Path corpus = Path.of(System.getProperty("mailflow.corpus.dir", "../../shared/corpus"));
        assumeTrue(Files.isDirectory(corpus), "corpus folder " + corpus.toAbsolutePath()
                + " is absent (set -Dmailflow.corpus.dir); skipping the replay of the corpus");
        List<Path> logs = logs(corpus);
        assumeTrue(!logs.isEmpty(), "corpus folder " + corpus.toAbsolutePath() + " has no *.log files");
        Map<String, Integer> expected = expectedAttempts(logs);
        ElasticsearchTestIndices.deleteMailflowIndices(elasticsearch.httpUrl());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> arguments = new ArrayList<>(List.of("replay", "--kafka", kafka.bootstrapServers(),
                "--elasticsearch", elasticsearch.httpUrl(), "--timeout", "3m"));
        arguments.addAll(IsolatedTopics.arguments(PREFIX));
        logs.forEach(log -> arguments.add(log.toString()));

        int exitCode = commandLine.execute(arguments.toArray(String[]::new));

        assertThat(exitCode).as("exit code; stderr:%n%s", err).isZero();
        Map<String, Integer> indexed = indexedAttempts(elasticsearch.httpUrl());
        assertThat(indexed.values().stream().mapToInt(Integer::intValue).sum())
                .as("delivery documents of the replay")
                .isEqualTo(expected.values().stream().mapToInt(Integer::intValue).sum());
        assertThat(indexed).as("attempts per queue id, recipient and status").isEqualTo(expected);
        assertThat(out.toString()).contains("Delivery attempts per sending IP and provider");
    }

    private static List<Path> logs(Path corpus) throws IOException {
        try (Stream<Path> files = Files.list(corpus)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    /** Counts the objects of every {@code *.expected.json} by queue id, recipient and status. */
    private static Map<String, Integer> expectedAttempts(List<Path> logs) throws IOException {
        Map<String, Integer> attempts = new HashMap<>();
        for (Path log : logs) {
            String name = log.getFileName().toString();
            Path expected = log.resolveSibling(name.substring(0, name.length() - ".log".length()) + ".expected.json");
            for (JsonNode attempt : JSON.readTree(expected.toFile())) {
                attempts.merge(attemptKey(text(attempt, "queue_id"), text(attempt, "recipient"), text(attempt, "status")), 1,
                        Integer::sum);
            }
        }
        return attempts;
    }

    private static Map<String, Integer> indexedAttempts(String elasticsearchUrl) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        client.send(HttpRequest.newBuilder(URI.create(elasticsearchUrl + "/mailflow-*/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String query = """
                {"size":10000,"query":{"term":{"mailflow.source.topic":"%s"}},
                 "_source":["mailflow.queue_id","email.to.address","mailflow.status"]}""".formatted(IsolatedTopics.rawTopic(PREFIX));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create(elasticsearchUrl + "/" + ReportQueries.DELIVERIES + "/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(query))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        Map<String, Integer> attempts = new HashMap<>();
        for (JsonNode hit : JSON.readTree(response.body()).at("/hits/hits")) {
            JsonNode source = hit.path("_source");
            attempts.merge(attemptKey(text(source.path("mailflow"), "queue_id"), text(source.at("/email/to"), "address"),
                    text(source.path("mailflow"), "status")), 1, Integer::sum);
        }
        return attempts;
    }

    private static String attemptKey(String queueId, String recipient, String status) {
        return queueId + " " + recipient + " " + status;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
