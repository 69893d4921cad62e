package io.mailflow.streams.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.SourceCoordinates;
import io.mailflow.streams.classify.ProviderResolver;
import io.mailflow.streams.classify.ReplyClassifier;
import io.mailflow.streams.parse.ParseFailureReason;
import io.mailflow.streams.parse.ParserSettings;

/**
 * Runs the multi-line flows under {@code pipeline/} (Exim, sendmail, journald JSON, RFC 5424 with
 * a second Postfix instance, expiry across New Year, Docker and Filebeat lines mixed with bad lines)
 * through {@link MaillogPipeline} and checks the fields each expected object names.
 */
class PipelineFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReplyClassifier REPLIES = ReplyClassifier.loadDefault();
    private static final ProviderResolver PROVIDERS = ProviderResolver.loadDefault();

    @TestFactory
    Stream<DynamicTest> flowsProduceExpectedAttempts() throws IOException, URISyntaxException {
        Path folder = Path.of(PipelineFixturesTest.class.getClassLoader().getResource("pipeline").toURI());
        List<Path> cases;
        try (Stream<Path> files = Files.list(folder)) {
            cases = files.filter(file -> file.toString().endsWith(".log")).sorted().toList();
        }
        assertThat(cases).isNotEmpty();
        return cases.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    @Test
    void rejectedLinesReachHandler() throws IOException, URISyntaxException {
        Path file = Path.of(PipelineFixturesTest.class.getClassLoader().getResource("pipeline/filebeat_docker_mixed.log").toURI());
        MaillogPipeline pipeline = pipeline();
        List<String> rejected = new ArrayList<>();
        pipeline.onRejected((line, source, reason, detail) -> rejected.add(source.getLineNumber() + ":" + reason.code()));

        run(pipeline, file);

        assertThat(rejected).containsExactly("3:" + ParseFailureReason.UNKNOWN_FORMAT.code(), "4:" + ParseFailureReason.INVALID_JSON.code());
        assertThat(pipeline.counters().failed()).isEqualTo(2);
        assertThat(pipeline.counters().parsed()).isEqualTo(2);
    }

    private static void check(Path logFile) throws IOException {
        String name = logFile.getFileName().toString().replace(".log", "");
        JsonNode expected = JSON.readTree(logFile.resolveSibling(name + ".expected.json").toFile());
        List<DeliveryEvent> events = run(pipeline(), logFile);

        List<String> mismatches = new ArrayList<>();
        if (events.size() != expected.size()) {
            mismatches.add("expected " + expected.size() + " attempts, got " + events.size());
        }
        for (int i = 0; i < Math.min(expected.size(), events.size()); i++) {
            JsonNode actual = JSON.readTree(DeliveryEventJson.toCorpusJson(events.get(i)));
            Iterator<Map.Entry<String, JsonNode>> fields = expected.get(i).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().equals(actual.get(field.getKey()))) {
                    mismatches.add("attempt " + i + " " + field.getKey() + ": expected " + field.getValue() + ", got " + actual.get(field.getKey()));
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static MaillogPipeline pipeline() {
        return new MaillogPipeline(ParserSettings.builder().startYear(2026).build(), CorrelationSettings.offline(), REPLIES, PROVIDERS);
    }

    private static List<DeliveryEvent> run(MaillogPipeline pipeline, Path file) throws IOException {
        List<DeliveryEvent> events = new ArrayList<>();
        long lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            SourceCoordinates source = SourceCoordinates.newBuilder().setFile(file.getFileName().toString()).setLineNumber(lineNumber).build();
            events.addAll(pipeline.accept(line, source));
        }
        events.addAll(pipeline.finish());
        return events;
    }
}
