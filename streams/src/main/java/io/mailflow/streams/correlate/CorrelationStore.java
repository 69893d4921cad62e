package io.mailflow.streams.correlate;

import java.util.List;

/**
 * Storage of one {@link QueueState} per (host, queue id). The offline command uses
 * {@link InMemoryCorrelationStore}; the topology wraps a Kafka Streams key-value store.
 */
public interface CorrelationStore {

    /** The state stored under {@code key}, or null. */
    QueueState get(String key);

    void put(String key, QueueState state);

    void delete(String key);

    /**
     * Returns a snapshot of the stored keys, for time-to-live eviction and for releasing held
     * attempts at the end of input. A store that cannot list its keys returns an empty list, and its
     * owner then calls {@link QueueCorrelator#expire(String, long)} for each key itself (a punctuator).
     */
    default List<String> keys() {
        return List.of();
    }
}
