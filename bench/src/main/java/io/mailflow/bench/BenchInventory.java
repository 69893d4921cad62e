package io.mailflow.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.mailflow.schemas.AvroSerdes;
import io.mailflow.schemas.HostInventoryEntry;

/**
 * The host inventory of a benchmark run: the generated fleet, and the probe hosts, each with its
 * own sending IP from the benchmarking range 198.18.0.0/15 (RFC 2544), so that a probe's aggregates
 * and alerts share a key with nothing else.
 */
final class BenchInventory {

    static final String FRESHNESS_FILE_HOST = "probe-file";
    static final String FRESHNESS_KAFKA_HOST = "probe-kafka";
    static final String FRESHNESS_FILE_IP = "198.19.0.1";
    static final String FRESHNESS_KAFKA_IP = "198.19.0.2";

    /** Alert probe hosts; each incident uses the next one, so every incident opens a new alert. */
    static final int ALERT_HOSTS = 1_000;

    private BenchInventory() {
    }

    static String alertHost(int index) {
        return String.format(Locale.ROOT, "alert-probe-%04d", index);
    }

    static String alertIp(int index) {
        return "198.18." + (index / 250) + "." + (index % 250 + 1);
    }

    /** Returns the fleet's entries followed by one entry per probe host. */
    static List<HostInventoryEntry> entries(List<HostInventoryEntry> fleet) {
        List<HostInventoryEntry> entries = new ArrayList<>(fleet);
        entries.add(entry(FRESHNESS_FILE_HOST, FRESHNESS_FILE_IP));
        entries.add(entry(FRESHNESS_KAFKA_HOST, FRESHNESS_KAFKA_IP));
        for (int i = 0; i < ALERT_HOSTS; i++) {
            entries.add(entry(alertHost(i), alertIp(i)));
        }
        return entries;
    }

    /** Writes {@code entries} to the compacted inventory topic, keyed by host or host/instance, and waits for the acks. */
    static void publish(String bootstrapServers, String topic, List<HostInventoryEntry> entries)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-inventory");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // The topic was created moments ago. An idempotent producer whose first batch meets a leader
        // change can be stuck on OUT_OF_ORDER_SEQUENCE_NUMBER, and a duplicate entry is harmless in
        // a compacted topic.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        try (KafkaProducer<String, HostInventoryEntry> producer = new KafkaProducer<>(config, new StringSerializer(),
                AvroSerdes.serde(HostInventoryEntry.class).serializer())) {
            List<Future<?>> sends = new ArrayList<>();
            for (HostInventoryEntry entry : entries) {
                String key = entry.getInstance() == null ? entry.getHost() : entry.getHost() + "/" + entry.getInstance();
                sends.add(producer.send(new ProducerRecord<>(topic, key, entry)));
            }
            for (Future<?> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static HostInventoryEntry entry(String host, String sendingIp) {
        return HostInventoryEntry.newBuilder()
                .setHost(host)
                .setInstance(null)
                .setSendingIps(List.of(sendingIp))
                .setTenant("bench")
                .setLabels(Map.of("role", "probe"))
                .build();
    }
}
