package io.mailflow.streams.internals.enrich;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.HostInventoryEntry;

/**
 * Sets the sending IP, its source and the tenant of each delivery event from the global inventory
 * store ({@link StoreInventoryEntryProcessor#STORE}): the entry for {@code host/instance} wins over
 * the one for {@code host}. The store is read for every event, so an inventory update applies to
 * every later event. Watermark records (null values) pass unchanged.
 *
 * <p>The event is changed in place: this processor is its only consumer at this point of the
 * topology.
 */
public final class JoinHostInventoryProcessor implements FixedKeyProcessor<String, DeliveryEvent, DeliveryEvent> {

    private FixedKeyProcessorContext<String, DeliveryEvent> context;
    private KeyValueStore<String, HostInventoryEntry> inventory;

    @Override
    public void init(FixedKeyProcessorContext<String, DeliveryEvent> processorContext) {
        this.context = processorContext;
        this.inventory = processorContext.getStateStore(StoreInventoryEntryProcessor.STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, DeliveryEvent> record) {
        DeliveryEvent event = record.value();
        if (event != null) {
            SendingIpChoice choice = SendingIpChoice.choose(lookup(event), event.getReplySendingIp(), event.getHost());
            event.setSendingIp(choice.sendingIp());
            event.setSendingIpSource(choice.source());
            event.setTenant(choice.tenant());
        }
        context.forward(record);
    }

    private HostInventoryEntry lookup(DeliveryEvent event) {
        if (event.getHost() == null) {
            return null;
        }
        String host = StoreInventoryEntryProcessor.storeKey(event.getHost());
        if (event.getSyslogInstance() != null) {
            HostInventoryEntry entry = inventory.get(
                    host + "/" + StoreInventoryEntryProcessor.storeKey(event.getSyslogInstance()));
            if (entry != null) {
                return entry;
            }
        }
        return inventory.get(host);
    }
}
