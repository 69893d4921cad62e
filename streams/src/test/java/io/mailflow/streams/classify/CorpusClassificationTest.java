package io.mailflow.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies every delivery attempt of the development corpus and compares category and provider with
 * the expected JSON. Skipped when the corpus directory is absent.
 */
class CorpusClassificationTest {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusClassificationTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ReplyClassifier classifier;
    private static ProviderResolver providers;

    @BeforeAll
    static void loadRules() {
        classifier = ReplyClassifier.loadDefault();
        providers = ProviderResolver.loadDefault();
    }

    @Test
    void corpusAttemptsMatchExpectedCategoryAndProvider() throws IOException {
        Path corpus = corpusDirectory();
        List<Path> expectedFiles;
        try (Stream<Path> files = Files.list(corpus)) {
            expectedFiles = files.filter(f -> f.getFileName().toString().endsWith(".expected.json")).sorted().toList();
        }
        assumeTrue(!expectedFiles.isEmpty(), "no *.expected.json files in " + corpus);

        int attempts = 0;
        int categoryMatches = 0;
        int providerMatches = 0;
        List<String> mismatches = new ArrayList<>();
        for (Path expectedFile : expectedFiles) {
            String caseName = expectedFile.getFileName().toString().replace(".expected.json", "");
            JsonNode expected = JSON.readTree(expectedFile.toFile());
            List<String> lines = Files.readAllLines(corpus.resolve(caseName + ".log"), StandardCharsets.UTF_8);
            List<CorpusAttempts.Attempt> found = CorpusAttempts.extract(lines);
            if (found.size() != expected.size()) {
                mismatches.add(caseName + ": found " + found.size() + " attempts, expected " + expected.size());
                continue;
            }

            for (int i = 0; i < found.size(); i++) {
                attempts++;
                CorpusAttempts.Attempt attempt = found.get(i);
                String expectedCategory = text(expected.get(i), "category");
                String expectedProvider = text(expected.get(i), "provider");
                String category = attempt.expiredWithoutDeferral() ? null : classifier.classify(attempt.facts()).category();
                String provider = attempt.expiredWithoutDeferral() ? null : providers.resolve(attempt.query());

                if (equal(expectedCategory, category)) {
                    categoryMatches++;
                } else {
                    mismatches.add(caseName + "#" + i + ": category " + category + ", expected " + expectedCategory
                            + " (rule " + classifier.classify(attempt.facts()).ruleId() + ") text: "
                            + attempt.facts().replyText());
                }
                if (equal(expectedProvider, provider)) {
                    providerMatches++;
                } else {
                    mismatches.add(caseName + "#" + i + ": provider " + provider + ", expected " + expectedProvider
                            + " query: " + attempt.query());
                }
            }
        }

        LOG.info("Corpus classification: cases={} attempts={} categoryMatches={} providerMatches={}",
                expectedFiles.size(), attempts, categoryMatches, providerMatches);
        assertThat(mismatches).as("corpus mismatches").isEmpty();
    }

    static Path corpusDirectory() {
        String property = System.getProperty("mailflow.corpus.dir");
        assumeTrue(property != null, "system property mailflow.corpus.dir is not set; skipping the corpus test");
        Path directory = Path.of(property);
        assumeTrue(Files.isDirectory(directory), "corpus directory " + directory + " is absent; skipping the corpus test");
        return directory;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static boolean equal(String expected, String actual) {
        return expected == null ? actual == null : expected.equals(actual);
    }
}
