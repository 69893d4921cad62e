package io.mailflow.streams.internals.enrich;

import java.util.Locale;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.mailflow.schemas.HostInventoryEntry;

/**
 * Keeps the global inventory store in step with the compacted inventory topic: an entry is stored
 * under its lower-cased record key ({@code host} or {@code host/instance}), a tombstone deletes
 * it, and a record without a key is skipped because compaction could never remove it.
 */
public final class StoreInventoryEntryProcessor implements Processor<String, HostInventoryEntry, Void, Void> {

    /** Global store of inventory entries keyed by lower-cased {@code host} or {@code host/instance}. */
    public static final String STORE = "join-host-inventory-store";

    private KeyValueStore<String, HostInventoryEntry> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, HostInventoryEntry> record) {
        if (record.key() == null) {
            return;
        }
        String key = storeKey(record.key());
        if (record.value() == null) {
            store.delete(key);
        } else {
            store.put(key, record.value());
        }
    }

    /** Normalizes a record key or lookup key; host names are case-insensitive. */
    static String storeKey(String key) {
        return key.strip().toLowerCase(Locale.ROOT);
    }
}
