package io.mailflow.ingest.send;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the Kafka sender.
 *
 * @param bootstrapServers Kafka bootstrap servers, {@code host:port[,host:port...]}
 * @param topic topic of raw maillog lines
 * @param compression producer compression: {@code zstd}, {@code lz4}, {@code gzip}, {@code snappy} or {@code none}
 * @param linger how long the producer waits to fill a batch; bounded so that a quiet log still
 *     reaches Kafka within this time
 * @param bufferBytes bytes of lines sent and not yet acknowledged before readers block
 * @param blockedLogAfter how long a reader may wait for buffer room before the wait is logged
 * @param metadataWait how long one send may wait for topic metadata before it is retried with a
 *     log line (the producer's {@code max.block.ms})
 * @param producerOverrides further producer properties (security, client id, ...); they override
 *     the settings above except idempotence and acks, which the no-loss guarantee depends on
 */
public record SenderSettings(
        String bootstrapServers,
        String topic,
        String compression,
        Duration linger,
        long bufferBytes,
        Duration blockedLogAfter,
        Duration metadataWait,
        Map<String, String> producerOverrides) {

    public static final String DEFAULT_TOPIC = "mailflow.maillog.raw";
    public static final String DEFAULT_COMPRESSION = "zstd";
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(50);
    public static final long DEFAULT_BUFFER_BYTES = 16L * 1024 * 1024;
    public static final Duration MAX_LINGER = Duration.ofSeconds(5);

    private static final List<String> COMPRESSIONS = List.of("zstd", "lz4", "gzip", "snappy", "none");

    public SenderSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        compression = compression.toLowerCase(Locale.ROOT);
        if (!COMPRESSIONS.contains(compression)) {
            throw new IllegalArgumentException("invalid compression '" + compression + "', expected one of " + COMPRESSIONS);
        }
        if (linger.isNegative() || linger.compareTo(MAX_LINGER) > 0) {
            throw new IllegalArgumentException("invalid linger " + linger.toMillis() + " ms, expected 0 to "
                    + MAX_LINGER.toMillis() + " ms");
        }
        if (bufferBytes < 64 * 1024) {
            throw new IllegalArgumentException("invalid send buffer size " + bufferBytes + " bytes, expected at least 65536");
        }
        producerOverrides = Map.copyOf(producerOverrides);
    }

    /** Settings with the defaults above for everything but the servers. */
    public static SenderSettings defaults(String bootstrapServers) {
        return new SenderSettings(bootstrapServers, DEFAULT_TOPIC, DEFAULT_COMPRESSION, DEFAULT_LINGER,
                DEFAULT_BUFFER_BYTES, Duration.ofSeconds(1), Duration.ofSeconds(10), Map.of());
    }

    public SenderSettings withTopic(String newTopic) {
        return new SenderSettings(bootstrapServers, newTopic, compression, linger, bufferBytes, blockedLogAfter,
                metadataWait, producerOverrides);
    }

    public SenderSettings withBufferBytes(long newBufferBytes) {
        return new SenderSettings(bootstrapServers, topic, compression, linger, newBufferBytes, blockedLogAfter,
                metadataWait, producerOverrides);
    }

    public SenderSettings withMetadataWait(Duration newMetadataWait) {
        return new SenderSettings(bootstrapServers, topic, compression, linger, bufferBytes, blockedLogAfter,
                newMetadataWait, producerOverrides);
    }
}
