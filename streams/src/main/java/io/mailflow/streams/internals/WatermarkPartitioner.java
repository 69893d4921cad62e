package io.mailflow.streams.internals;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitioner of mailflow's repartition topics: a watermark record (null value) goes to every
 * partition, so that stream time advances in every downstream task; any other record goes where
 * the default partitioner puts its key.
 *
 * @param <V> value type of the repartitioned stream
 */
public final class WatermarkPartitioner<V> implements StreamPartitioner<String, V> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, V value, Headers headers, int numPartitions) {
        if (value != null) {
            return Optional.empty();
        }
        return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
    }

    /** Kafka Streams calls the variant with headers; this one, still abstract in 4.4, delegates to it. */
    @Override
    @Deprecated
    @SuppressWarnings("removal")
    public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
        return partitions(topic, key, value, new RecordHeaders(), numPartitions);
    }
}
