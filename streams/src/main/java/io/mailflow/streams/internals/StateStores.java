package io.mailflow.streams.internals;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** Builders of the persistent, changelogged key-value stores of mailflow's processors. */
public final class StateStores {

    private StateStores() {
    }

    /** A persistent store with string keys, backed by a changelog topic. */
    public static <V> StoreBuilder<KeyValueStore<String, V>> persistent(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde);
    }

    /** A persistent store whose state class is written as JSON. */
    public static <V> StoreBuilder<KeyValueStore<String, V>> persistentJson(String name, Class<V> type) {
        return persistent(name, new JsonSerde<>(type));
    }
}
