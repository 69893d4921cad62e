package io.mailflow.streams.internals.enrich;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailflow.schemas.ProviderRule;
import io.mailflow.streams.classify.ProviderResolver;
import io.mailflow.streams.classify.ReplyClassifier;
import io.mailflow.streams.correlate.AttemptClassifier;
import io.mailflow.streams.correlate.AttemptFacts;
import io.mailflow.streams.correlate.AttemptVerdict;
import io.mailflow.streams.correlate.ReplyAttemptClassifier;

/**
 * Classifies attempts with the shipped reply rules and a provider resolver that the operator's
 * rules in the global provider-rules store override ({@link ProviderResolver#withOverrides}).
 *
 * <p>The resolver is cached and rebuilt from the store only when {@link ProviderRuleVersion}
 * moved, so a rule change applies to the next attempt without rereading the store per attempt.
 * With an empty store the shipped resolver is used as is. An invalid rule is skipped, logged at
 * WARN and reported to {@code invalidRules} each time the resolver is rebuilt. One instance per
 * stream task; not thread-safe.
 */
public final class ProviderOverrideClassifier implements AttemptClassifier {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderOverrideClassifier.class);

    private final ReplyClassifier replies;
    private final ProviderResolver shipped;
    private final KeyValueStore<String, ProviderRule> rules;
    private final ProviderRuleVersion version;
    private final Consumer<String> invalidRules;
    private long builtVersion = -1;
    private ReplyAttemptClassifier current;

    public ProviderOverrideClassifier(ReplyClassifier replies, ProviderResolver shipped,
            KeyValueStore<String, ProviderRule> rules, ProviderRuleVersion version, Consumer<String> invalidRules) {
        this.replies = replies;
        this.shipped = shipped;
        this.rules = rules;
        this.version = version;
        this.invalidRules = invalidRules;
    }

    @Override
    public AttemptVerdict classify(AttemptFacts facts) {
        long seen = version.current();
        if (current == null || seen != builtVersion) {
            current = new ReplyAttemptClassifier(replies, resolver());
            builtVersion = seen;
        }
        return current.classify(facts);
    }

    private ProviderResolver resolver() {
        List<ProviderRule> overrides = new ArrayList<>();
        try (KeyValueIterator<String, ProviderRule> iterator = rules.all()) {
            iterator.forEachRemaining(entry -> overrides.add(entry.value));
        }
        if (overrides.isEmpty()) {
            return shipped;
        }
        try {
            return shipped.withOverrides(overrides);
        } catch (IllegalArgumentException e) {
            return shipped.withOverrides(validOnly(overrides));
        }
    }

    /** The rules that are valid on their own; each invalid one is logged and counted, then skipped. */
    private List<ProviderRule> validOnly(List<ProviderRule> overrides) {
        List<ProviderRule> valid = new ArrayList<>();
        for (ProviderRule rule : overrides) {
            try {
                shipped.withOverrides(List.of(rule));
                valid.add(rule);
            } catch (IllegalArgumentException e) {
                invalidRules.accept(rule.getId());
                LOG.warn("Skipping invalid provider rule id={} store={} error={}", rule.getId(),
                        StoreProviderRuleProcessor.STORE, e.getMessage());
            }
        }
        return valid;
    }
}
