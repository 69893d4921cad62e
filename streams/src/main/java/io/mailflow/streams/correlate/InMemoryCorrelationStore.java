package io.mailflow.streams.correlate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link CorrelationStore} in a hash map, for the offline pipeline and tests. Not thread-safe. */
public final class InMemoryCorrelationStore implements CorrelationStore {

    private final Map<String, QueueState> states = new HashMap<>();

    @Override
    public QueueState get(String key) {
        return states.get(key);
    }

    @Override
    public void put(String key, QueueState state) {
        states.put(key, state);
    }

    @Override
    public void delete(String key) {
        states.remove(key);
    }

    @Override
    public List<String> keys() {
        return new ArrayList<>(states.keySet());
    }

    /** Number of queue ids tracked. */
    public int size() {
        return states.size();
    }
}
