package io.mailflow.app.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Reads how far a consumer group (a Kafka Streams application or the sink) has committed on its
 * topics, compared with their end offsets. Not thread-safe; one caller polls it.
 */
public final class ConsumerGroupLag implements AutoCloseable {

    private final Admin admin;
    private final Duration timeout;

    public ConsumerGroupLag(Map<String, Object> clientProperties, Duration timeout) {
        this.admin = Admin.create(clientProperties);
        this.timeout = timeout;
    }

    /**
     * Offsets of one group on a set of partitions.
     *
     * @param committed the committed offset per partition; partitions without a commit are absent
     * @param end the end offset per partition
     */
    public record Offsets(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> end) {

        /** Returns the sum of the committed offsets on one topic, which is the records consumed when the topic starts at 0. */
        public long committedOn(String topic) {
            return committed.entrySet().stream()
                    .filter(entry -> entry.getKey().topic().equals(topic))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }

        public long endOn(String topic) {
            return end.entrySet().stream()
                    .filter(entry -> entry.getKey().topic().equals(topic))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }

        /** Returns the end offset minus the committed offset (or 0 without a commit), summed over every partition. */
        public long totalLag() {
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
                lag += Math.max(0, entry.getValue() - committed.getOrDefault(entry.getKey(), 0L));
            }
            return lag;
        }

        /**
         * Returns true when every partition's committed offset is at most {@code slack} behind its end.
         * A slack of 1 allows for the commit marker that a transactional producer writes after its
         * last record, which a consumer may or may not have committed past.
         */
        public boolean caughtUp(int slack) {
            for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
                if (entry.getValue() - committed.getOrDefault(entry.getKey(), 0L) > slack) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Returns the group's offsets on every partition of the given topics plus every other partition the
     * group has committed on (such as a Streams application's repartition topics). Topics that do not
     * exist yet count as empty.
     */
    public Offsets offsets(String groupId, Collection<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, Long> committed = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> groupOffsets = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        groupOffsets.forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset.offset());
            }
        });

        Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
        partitions.addAll(partitionsOf(topics));
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicPartition partition : partitions) {
            request.put(partition, OffsetSpec.latest());
        }
        Map<TopicPartition, Long> end = new HashMap<>();
        if (!request.isEmpty()) {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(request)
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            offsets.forEach((partition, info) -> end.put(partition, info.offset()));
        }
        return new Offsets(committed, end);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    private Set<TopicPartition> partitionsOf(Collection<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<TopicPartition> partitions = new HashSet<>();
        for (String topic : topics) {
            try {
                TopicDescription description = admin.describeTopics(Set.of(topic))
                        .allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .get(topic);
                for (TopicPartitionInfo info : description.partitions()) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return partitions;
    }
}
