package io.mailflow.ingest.send;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds the producer properties of the shipper from its settings. */
final class ProducerConfigs {

    private static final long MIN_PRODUCER_MEMORY = 32L * 1024 * 1024;

    private ProducerConfigs() {
    }

    static Map<String, Object> of(SenderSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "mailflow-ship");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression());
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) settings.linger().toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.metadataWait().toMillis());

        // The producer keeps retrying while Kafka is away instead of expiring batches, which would
        // lose lines. Memory stays bounded because the send buffer blocks the readers first; the
        // producer's own pool is larger than that buffer so that send() never blocks on memory.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(MIN_PRODUCER_MEMORY, 2 * settings.bufferBytes()));
        config.putAll(settings.producerOverrides());

        // Idempotence makes the producer's own retries (after a lost response or a broker restart)
        // write each line once, and acks=all keeps an acknowledged line through a leader change.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }
}
