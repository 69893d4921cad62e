package io.mailflow.sink.internals;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumed record whose offset may not be committed yet: it waits for its documents to be
 * acknowledged by Elasticsearch, or for its dead-letter copy to be acknowledged by Kafka.
 * Used by the worker thread only.
 */
final class PendingRecord {

    private final ConsumerRecord<byte[], byte[]> record;
    private final TopicPartition partition;
    private int outstanding;
    private boolean deadLettered;

    PendingRecord(ConsumerRecord<byte[], byte[]> record) {
        this.record = record;
        this.partition = new TopicPartition(record.topic(), record.partition());
    }

    ConsumerRecord<byte[], byte[]> record() {
        return record;
    }

    TopicPartition partition() {
        return partition;
    }

    long offset() {
        return record.offset();
    }

    /** Counts one more document or dead-letter send that this record waits for. */
    void await() {
        outstanding++;
    }

    /** Counts one awaited document or send as done; returns true when nothing is left. */
    boolean done() {
        if (outstanding <= 0) {
            throw new IllegalStateException("No outstanding work for " + this);
        }
        outstanding--;
        return outstanding == 0;
    }

    boolean deadLettered() {
        return deadLettered;
    }

    void markDeadLettered() {
        deadLettered = true;
    }

    @Override
    public String toString() {
        return partition + "@" + record.offset();
    }
}
