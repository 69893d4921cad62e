package io.mailflow.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** Reads end offsets and consumer group positions through one admin client. */
final class KafkaOffsets implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;

    KafkaOffsets(String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "bench-offsets"));
    }

    /** True when the topic exists. */
    boolean exists(String topic) throws InterruptedException, ExecutionException, TimeoutException {
        return admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).contains(topic);
    }

    /** True when {@code group} has members and is not rebalancing. */
    boolean isStable(String group) throws InterruptedException, ExecutionException, TimeoutException {
        ConsumerGroupDescription description;
        try {
            description = admin.describeConsumerGroups(List.of(group)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(group);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false;
            }
            throw e;
        }
        return description != null && description.groupState() == GroupState.STABLE && !description.members().isEmpty();
    }

    /** True when the topic exists and every partition has a leader. */
    boolean hasLeaders(String topic) throws InterruptedException, ExecutionException, TimeoutException {
        if (!exists(topic)) {
            return false;
        }
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
        return description.partitions().stream().allMatch(partition -> partition.leader() != null);
    }

    /** Sum of the end offsets of every partition of {@code topic}: the records written, for a topic never trimmed. */
    long endOffsetSum(String topic) throws InterruptedException, ExecutionException, TimeoutException {
        long sum = 0;
        for (long offset : endOffsets(partitions(topic)).values()) {
            sum += offset;
        }
        return sum;
    }

    /**
     * Records that {@code group} has not committed yet, over every partition it has committed
     * offsets for and every partition of {@code inputTopic} (a partition without a commit counts
     * from offset 0). With exactly-once processing a transaction marker can stand after the last
     * record, so a caught-up partition of a transactional topic shows a lag of 1.
     */
    Map<TopicPartition, Long> lag(String group, String inputTopic)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : partitions(inputTopic)) {
            positions.put(partition, 0L);
        }
        committed.forEach((partition, offset) -> positions.put(partition, offset == null ? 0L : offset.offset()));

        Map<TopicPartition, Long> ends = endOffsets(List.copyOf(positions.keySet()));
        Map<TopicPartition, Long> lag = new HashMap<>();
        positions.forEach((partition, position) -> lag.put(partition, Math.max(0, ends.get(partition) - position)));
        return lag;
    }

    /** Commits the end of every partition of {@code topics} for {@code group}, so that it starts there. */
    void commitEnd(String group, List<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (String topic : topics) {
            endOffsets(partitions(topic)).forEach((partition, end) -> offsets.put(partition, new OffsetAndMetadata(end)));
        }
        admin.alterConsumerGroupOffsets(group, offsets).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    List<TopicPartition> partitions(String topic) throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
        return description.partitions().stream()
                .map(TopicPartitionInfo::partition)
                .map(partition -> new TopicPartition(topic, partition))
                .toList();
    }

    private Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                admin.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        result.forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    @Override
    public void close() {
        admin.close();
    }
}
