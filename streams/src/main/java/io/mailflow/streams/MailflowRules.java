package io.mailflow.streams;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import io.mailflow.streams.classify.ProviderResolver;
import io.mailflow.streams.classify.ReplyClassifier;

/**
 * The rules the topology classifies with: reply rules and provider rules, each the shipped files
 * plus the operator's. Both are thread-safe and shared by every task. Provider rules from the
 * providers topic apply on top of {@link #providers()} at run time.
 *
 * @param replies   reply classifier
 * @param providers provider resolver
 */
public record MailflowRules(ReplyClassifier replies, ProviderResolver providers) {

    public MailflowRules {
        Objects.requireNonNull(replies, "replies");
        Objects.requireNonNull(providers, "providers");
    }

    /** The shipped rules only. */
    public static MailflowRules loadDefault() {
        ProviderResolver providers = ProviderResolver.loadDefault();
        return new MailflowRules(ReplyClassifier.load(List.of(), providers), providers);
    }

    /**
     * The shipped rules with the operator's rule files on top, in order; a rule with the same id
     * replaces the shipped one.
     *
     * @throws io.mailflow.streams.classify.RuleFileException when a file cannot be read or a rule is invalid
     */
    public static MailflowRules load(List<Path> operatorRuleFiles) {
        ProviderResolver providers = ProviderResolver.load(operatorRuleFiles);
        return new MailflowRules(ReplyClassifier.load(operatorRuleFiles, providers), providers);
    }
}
