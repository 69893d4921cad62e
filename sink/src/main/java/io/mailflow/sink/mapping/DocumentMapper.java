package io.mailflow.sink.mapping;

import java.util.List;

/**
 * Turns one decoded record into the documents that represent it. Implementations are pure: the
 * same record always gives the same documents, ids included. They are stateless and thread-safe.
 *
 * @param <T> the Avro record type of one topic
 */
@FunctionalInterface
public interface DocumentMapper<T> {

    /**
     * Maps one record to one or more documents.
     *
     * @throws UnmappableRecordException when the record cannot be represented as a document
     */
    List<SinkDocument> map(T record);
}
