package io.mailflow.streams.internals.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.mailflow.streams.correlate.CorrelationStore;
import io.mailflow.streams.correlate.QueueState;

/**
 * The correlator's store over a Kafka Streams key-value store, keyed {@code host|queueId}.
 *
 * <p>Besides the store it keeps, in memory, the keys whose state holds attempts waiting for their
 * sender line, so that the frequent release check reads only those. The set is rebuilt from the
 * store by {@link #rebuildHeldIndex()} after a restart. Not thread-safe; one per stream task.
 */
final class KeyValueCorrelationStore implements CorrelationStore {

    private final KeyValueStore<String, QueueState> store;
    private final Set<String> heldKeys = new HashSet<>();

    KeyValueCorrelationStore(KeyValueStore<String, QueueState> store) {
        this.store = store;
    }

    @Override
    public QueueState get(String key) {
        return store.get(key);
    }

    @Override
    public void put(String key, QueueState state) {
        store.put(key, state);
        if (state.held().isEmpty()) {
            heldKeys.remove(key);
        } else {
            heldKeys.add(key);
        }
    }

    @Override
    public void delete(String key) {
        store.delete(key);
        heldKeys.remove(key);
    }

    /** A snapshot of every key in the store, for time-to-live eviction. */
    @Override
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, QueueState> iterator = store.all()) {
            iterator.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    /** A snapshot of the keys whose state holds attempts. */
    List<String> heldKeys() {
        return new ArrayList<>(heldKeys);
    }

    /** Reads every state once to find the keys that hold attempts. */
    void rebuildHeldIndex() {
        heldKeys.clear();
        try (KeyValueIterator<String, QueueState> iterator = store.all()) {
            while (iterator.hasNext()) {
                KeyValue<String, QueueState> entry = iterator.next();
                if (!entry.value.held().isEmpty()) {
                    heldKeys.add(entry.key);
                }
            }
        }
    }
}
