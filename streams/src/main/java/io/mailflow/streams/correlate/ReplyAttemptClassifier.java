package io.mailflow.streams.correlate;

import java.util.Objects;

import io.mailflow.streams.classify.Classification;
import io.mailflow.streams.classify.ProviderQuery;
import io.mailflow.streams.classify.ProviderResolver;
import io.mailflow.streams.classify.ReplyClassifier;
import io.mailflow.streams.classify.ReplyFacts;

/**
 * The {@link AttemptClassifier} of the shipped rules: the reply category, rule id, remediation and
 * reply-named sending IP from {@link ReplyClassifier}, the provider from {@link ProviderResolver}.
 * Thread-safe, like both.
 */
public final class ReplyAttemptClassifier implements AttemptClassifier {

    private final ReplyClassifier replies;
    private final ProviderResolver providers;

    public ReplyAttemptClassifier(ReplyClassifier replies, ProviderResolver providers) {
        this.replies = Objects.requireNonNull(replies, "replies");
        this.providers = Objects.requireNonNull(providers, "providers");
    }

    /** Loads the shipped reply rules and provider rules. */
    public static ReplyAttemptClassifier loadDefault() {
        return new ReplyAttemptClassifier(ReplyClassifier.loadDefault(), ProviderResolver.loadDefault());
    }

    @Override
    public AttemptVerdict classify(AttemptFacts facts) {
        Classification classification = replies.classify(new ReplyFacts(
                facts.status(),
                facts.dsn(),
                facts.replyCode(),
                facts.enhancedStatusCode(),
                facts.replyText(),
                facts.relayHost(),
                facts.recipientDomain(),
                facts.mta()));
        String provider = providers.resolve(new ProviderQuery(
                daemon(facts.program()), facts.providerHost(), facts.relayIp(), facts.replyHost(), facts.recipientDomain()));
        return new AttemptVerdict(
                classification.category(), classification.ruleId(), classification.remediation(),
                classification.replySendingIp(), provider);
    }

    /** Returns the delivery agent of a syslog program: {@code smtp} for {@code postfix-out/smtp}. */
    static String daemon(String program) {
        if (program == null) {
            return null;
        }
        int slash = program.lastIndexOf('/');
        return slash < 0 ? program : program.substring(slash + 1);
    }
}
