package io.mailflow.sink.internals;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets each partition may commit. An offset is committable once every record below it is
 * done, so a record that waits for a retry holds back the commit of its partition even when later
 * records are done. Used by the worker thread only.
 */
final class OffsetTracker {

    private static final class PartitionOffsets {
        final TreeSet<Long> outstanding = new TreeSet<>();
        long next = -1;
        long committed = -1;

        long committable() {
            return outstanding.isEmpty() ? next : outstanding.first();
        }
    }

    private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();

    /** Registers a consumed record as outstanding. */
    void track(TopicPartition partition, long offset) {
        PartitionOffsets offsets = partitions.get(partition);
        if (offsets == null) {
            // The first record's offset is where this consumer started, so committing it would change nothing.
            offsets = new PartitionOffsets();
            offsets.committed = offset;
            partitions.put(partition, offsets);
        }
        offsets.outstanding.add(offset);
        offsets.next = Math.max(offsets.next, offset + 1);
    }

    /** Marks a record as done: indexed, or dead-lettered, or superseded by a later record. */
    void complete(TopicPartition partition, long offset) {
        PartitionOffsets offsets = partitions.get(partition);
        if (offsets != null) {
            offsets.outstanding.remove(offset);
        }
    }

    /** Returns, per partition, the offset to commit when it is past the last one committed. */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        partitions.forEach((partition, offsets) -> {
            long offset = offsets.committable();
            if (offset > offsets.committed) {
                result.put(partition, new OffsetAndMetadata(offset));
            }
        });
        return result;
    }

    /** Records that these offsets were committed. */
    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            PartitionOffsets state = partitions.get(partition);
            if (state != null) {
                state.committed = Math.max(state.committed, offset.offset());
            }
        });
    }

    /** Forgets partitions this consumer no longer owns. */
    void forget(Collection<TopicPartition> revoked) {
        revoked.forEach(partitions::remove);
    }

    /** Records consumed and not yet done, over all partitions. */
    int outstanding() {
        return partitions.values().stream().mapToInt(offsets -> offsets.outstanding.size()).sum();
    }
}
