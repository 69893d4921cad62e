package io.mailflow.streams.internals.detect;

/** Attempts and matching attempts of one window of an incident; mutable state. */
final class WindowEvidence {

    long attempts;
    long matching;

    WindowEvidence() {
    }

    WindowEvidence(long attempts, long matching) {
        this.attempts = attempts;
        this.matching = matching;
    }
}
