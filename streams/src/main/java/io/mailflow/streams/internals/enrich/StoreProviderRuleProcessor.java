package io.mailflow.streams.internals.enrich;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.mailflow.schemas.ProviderRule;

/**
 * Keeps the global provider-rules store in step with the compacted rules topic, keyed by rule id:
 * a rule is stored, a tombstone deletes it, a record without a key is skipped. Each change bumps
 * the shared {@link ProviderRuleVersion}.
 */
public final class StoreProviderRuleProcessor implements Processor<String, ProviderRule, Void, Void> {

    /** Global store of operator provider rules keyed by rule id. */
    public static final String STORE = "resolve-provider-rules-store";

    private final ProviderRuleVersion version;
    private KeyValueStore<String, ProviderRule> store;

    public StoreProviderRuleProcessor(ProviderRuleVersion version) {
        this.version = version;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, ProviderRule> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        version.changed();
    }
}
