package io.mailflow.sink.internals;

/**
 * The reason a record goes to the dead-letter topic, with the document it was mapped to.
 *
 * @param reason short stable reason (an Elasticsearch error type or a sink reason)
 * @param detail human-readable explanation
 * @param status HTTP status of the document from Elasticsearch, or null when it never got one
 * @param index index of the rejected document, or null when the record was not mapped
 * @param documentId id of the rejected document, or null when the record was not mapped
 */
record Rejection(String reason, String detail, Integer status, String index, String documentId) {

    static Rejection unconverted(Conversion.Failed failure) {
        return new Rejection(failure.reason(), failure.detail(), null, null, null);
    }
}
