package io.mailflow.sink.internals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

/**
 * Documents consumed but not yet acknowledged, one per index and id, in the order they arrived.
 *
 * <p>Keeping one entry per document means two versions of the same document are never in flight
 * together, so a retried older version can never overwrite a newer one. Used by the worker thread only.
 */
final class BulkBuffer {

    private record Key(String index, String id) {
    }

    private final Map<Key, PendingDocument> documents = new LinkedHashMap<>();
    private long bytes;
    private long oldestNanos;

    /** Adds a document for a record, replacing an earlier version of the same document. */
    void add(PendingRecord record, String index, String id, byte[] json, long nowNanos) {
        if (documents.isEmpty()) {
            oldestNanos = nowNanos;
        }
        Key key = new Key(index, id);
        PendingDocument existing = documents.get(key);
        if (existing == null) {
            PendingDocument document = new PendingDocument(index, id, json, record);
            documents.put(key, document);
            bytes += document.estimatedBytes();
        } else {
            bytes -= existing.estimatedBytes();
            existing.replace(json, record);
            bytes += existing.estimatedBytes();
        }
        record.await();
    }

    void remove(PendingDocument document) {
        if (documents.remove(new Key(document.index(), document.id())) != null) {
            bytes -= document.estimatedBytes();
        }
    }

    /** Removes the records of the given partitions, and the documents that no other record waits for. */
    void dropPartitions(Set<TopicPartition> partitions) {
        Iterator<PendingDocument> iterator = documents.values().iterator();
        while (iterator.hasNext()) {
            PendingDocument document = iterator.next();
            document.records().removeIf(record -> partitions.contains(record.partition()));
            if (document.records().isEmpty()) {
                bytes -= document.estimatedBytes();
                iterator.remove();
            }
        }
    }

    /** Returns the buffered documents in arrival order; a copy, so callers may remove while iterating. */
    List<PendingDocument> documents() {
        return new ArrayList<>(documents.values());
    }

    boolean isEmpty() {
        return documents.isEmpty();
    }

    int size() {
        return documents.size();
    }

    long bytes() {
        return bytes;
    }

    /** Time the oldest buffered document arrived, in {@link System#nanoTime()} units; meaningless when empty. */
    long oldestNanos() {
        return oldestNanos;
    }
}
