package io.mailflow.streams.correlate;

/**
 * Classifies one delivery attempt: reason category, provider, remediation. Implementations never
 * throw and are thread-safe.
 */
@FunctionalInterface
public interface AttemptClassifier {

    AttemptVerdict classify(AttemptFacts facts);
}
