package io.mailflow.streams.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.SourceCoordinates;
import io.mailflow.streams.classify.ProviderResolver;
import io.mailflow.streams.classify.ReplyClassifier;
import io.mailflow.streams.parse.ParserSettings;

/**
 * Runs every case of the development corpus through {@link MaillogPipeline}, the code behind
 * {@code mailflow parse}, and compares every expected field. Skipped when the corpus folder named by
 * the system property {@code mailflow.corpus.dir} is absent.
 */
class CorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReplyClassifier REPLIES = ReplyClassifier.loadDefault();
    private static final ProviderResolver PROVIDERS = ProviderResolver.loadDefault();
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger CASES_PASSED = new AtomicInteger();
    private static final AtomicInteger FIELDS = new AtomicInteger();
    private static final AtomicInteger FIELDS_PASSED = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> everyCorpusCaseMatchesItsExpectedAttempts() throws IOException {
        String property = System.getProperty("mailflow.corpus.dir");
        Path corpus = property == null ? null : Path.of(property);
        assumeTrue(corpus != null && Files.isDirectory(corpus),
                "Corpus folder not found (system property mailflow.corpus.dir=" + property + "); corpus test skipped");

        List<Path> cases;
        try (Stream<Path> files = Files.list(corpus)) {
            cases = files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList();
        }
        assumeTrue(!cases.isEmpty(), "Corpus folder " + corpus + " holds no .log case; corpus test skipped");
        return cases.stream().map(logFile -> DynamicTest.dynamicTest(caseName(logFile), () -> checkCase(logFile)));
    }

    @AfterAll
    static void printSummary() {
        if (CASES.get() > 0) {
            System.out.printf("Corpus: %d of %d cases and %d of %d fields match%n",
                    CASES_PASSED.get(), CASES.get(), FIELDS_PASSED.get(), FIELDS.get());
        }
    }

    private static String caseName(Path logFile) {
        String name = logFile.getFileName().toString();
        return name.substring(0, name.length() - ".log".length());
    }

    private static void checkCase(Path logFile) throws IOException {
        CASES.incrementAndGet();
        Path expectedFile = logFile.resolveSibling(caseName(logFile) + ".expected.json");
        JsonNode expected = JSON.readTree(expectedFile.toFile());

        List<JsonNode> actual = new ArrayList<>();
        for (DeliveryEvent event : run(logFile)) {
            actual.add(JSON.readTree(DeliveryEventJson.toCorpusJson(event)));
        }

        List<String> mismatches = new ArrayList<>();
        if (actual.size() != expected.size()) {
            mismatches.add("expected " + expected.size() + " attempts, got " + actual.size());
        }
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = expected.get(i);
            JsonNode got = i < actual.size() ? actual.get(i) : null;
            Iterator<Map.Entry<String, JsonNode>> fields = want.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                FIELDS.incrementAndGet();
                JsonNode value = got == null ? null : got.get(field.getKey());
                if (value != null && value.equals(field.getValue())) {
                    FIELDS_PASSED.incrementAndGet();
                } else {
                    mismatches.add("attempt " + i + " " + field.getKey() + ": expected " + field.getValue() + ", got " + value);
                }
            }
        }
        if (mismatches.isEmpty()) {
            CASES_PASSED.incrementAndGet();
        }
        assertThat(mismatches).as(caseName(logFile)).isEmpty();
    }

    private static List<DeliveryEvent> run(Path logFile) throws IOException {
        MaillogPipeline pipeline = new MaillogPipeline(
                ParserSettings.builder().year(2026).build(), CorrelationSettings.offline(), REPLIES, PROVIDERS);
        List<DeliveryEvent> events = new ArrayList<>();
        long lineNumber = 0;
        for (String line : Files.readAllLines(logFile, StandardCharsets.UTF_8)) {
            lineNumber++;
            SourceCoordinates source = SourceCoordinates.newBuilder().setFile(logFile.getFileName().toString()).setLineNumber(lineNumber).build();
            events.addAll(pipeline.accept(line, source));
        }
        events.addAll(pipeline.finish());
        return events;
    }
}
