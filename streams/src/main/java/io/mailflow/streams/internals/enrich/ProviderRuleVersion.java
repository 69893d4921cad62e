package io.mailflow.streams.internals.enrich;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Change counter of the global provider-rules store, shared by the processor that writes the
 * store (on the global thread) and the classifiers that read it (on stream threads), so that a
 * classifier rebuilds its resolver only after the rules changed. Thread-safe.
 */
public final class ProviderRuleVersion {

    private final AtomicLong version = new AtomicLong();

    /** Marks the rules as changed; called after the store was written. */
    void changed() {
        version.incrementAndGet();
    }

    /** The current version; it grows with every change. */
    long current() {
        return version.get();
    }
}
