package io.mailflow.app.demo;

import io.mailflow.schemas.AvroSerdes;
import io.mailflow.schemas.HostInventoryEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes host inventory entries to the compacted inventory topic, keyed by host or host/instance. */
final class InventoryPublisher {

    private static final long SEND_TIMEOUT_SECONDS = 60;

    private InventoryPublisher() {
    }

    /** Returns the record key of an entry: the host, or {@code host/instance} for one syslog instance. */
    static String key(HostInventoryEntry entry) {
        return entry.getInstance() == null ? entry.getHost() : entry.getHost() + "/" + entry.getInstance();
    }

    /**
     * Sends every entry and waits until Kafka acknowledged all of them.
     *
     * @throws IllegalStateException when Kafka does not acknowledge an entry within a minute
     */
    static void publish(Map<String, Object> clientProperties, String topic, List<HostInventoryEntry> entries)
            throws InterruptedException {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "mailflow-inventory-loader");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        Serializer<HostInventoryEntry> values = AvroSerdes.serde(HostInventoryEntry.class).serializer();
        try (Producer<String, HostInventoryEntry> producer = new KafkaProducer<>(properties, new StringSerializer(), values)) {
            List<Future<?>> sends = new ArrayList<>();
            for (HostInventoryEntry entry : entries) {
                sends.add(producer.send(new ProducerRecord<>(topic, key(entry), entry)));
            }
            producer.flush();
            for (Future<?> send : sends) {
                send.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Failed to write the host inventory to " + topic + ": " + e.getMessage(), e);
        }
    }
}
