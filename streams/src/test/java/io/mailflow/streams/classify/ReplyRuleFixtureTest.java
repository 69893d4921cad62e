package io.mailflow.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped rule against its fixture texts, and every rule covered by at least one fixture. */
class ReplyRuleFixtureTest {

    private static ReplyClassifier classifier;

    @BeforeAll
    static void loadRules() {
        classifier = ReplyClassifier.loadDefault();
    }

    static Stream<ReplyFixtures.Case> cases() {
        return ReplyFixtures.load().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fixtureGetsItsRuleAndCategory(ReplyFixtures.Case fixture) {
        Classification result = classifier.classify(fixture.facts());

        assertThat(result.ruleId())
                .as("rule for text: %s", fixture.facts().replyText())
                .isEqualTo(fixture.rule());
        assertThat(result.category())
                .as("category of rule %s for text: %s", fixture.rule(), fixture.facts().replyText())
                .isEqualTo(fixture.category());
        if (fixture.ip() != null) {
            assertThat(result.replySendingIp())
                    .as("sending IP for text: %s", fixture.facts().replyText())
                    .isEqualTo(fixture.ip());
        }
    }

    @Test
    void everyShippedRuleHasFixture() {
        Set<String> covered = new HashSet<>();
        for (ReplyFixtures.Case fixture : ReplyFixtures.load()) {
            covered.add(fixture.rule());
        }

        List<String> uncovered = classifier.ruleIds().stream().filter(id -> !covered.contains(id)).toList();

        assertThat(uncovered).as("shipped rules without a fixture").isEmpty();
    }

    @Test
    void fixturesNameOnlyShippedRules() {
        Set<String> shipped = new HashSet<>(classifier.ruleIds());

        List<String> unknown = ReplyFixtures.load().stream()
                .map(ReplyFixtures.Case::rule)
                .filter(rule -> !shipped.contains(rule))
                .distinct()
                .toList();

        assertThat(unknown).as("fixture rules that are not shipped").isEmpty();
    }

    @Test
    void concurrentCallsGiveSameResults() throws Exception {
        List<ReplyFixtures.Case> fixtures = ReplyFixtures.load();
        List<Classification> expected = fixtures.stream().map(f -> classifier.classify(f.facts())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Classification>>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                results.add(pool.submit(() -> {
                    List<Classification> all = new ArrayList<>();
                    for (int round = 0; round < 20; round++) {
                        all.clear();
                        fixtures.forEach(f -> all.add(classifier.classify(f.facts())));
                    }
                    return all;
                }));
            }

            for (Future<List<Classification>> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fixtureCategoryMatchesRuleFileCategory() {
        for (ReplyFixtures.Case fixture : ReplyFixtures.load()) {
            assertThat(Categories.ALL).as("category of fixture %s", fixture).contains(fixture.category());
        }
    }
}
