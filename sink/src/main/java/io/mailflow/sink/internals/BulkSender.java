package io.mailflow.sink.internals;

import java.util.List;

/** Sends one bulk request of index operations. The seam between the sink's logic and the client. */
interface BulkSender {

    /**
     * Indexes the documents and returns one result per document, in the same order.
     *
     * @throws ElasticsearchUnavailableException when the request as a whole failed, so no document
     *         has a result: connection refused or timed out, or an error status for the request
     */
    List<ItemResult> send(List<PendingDocument> documents) throws ElasticsearchUnavailableException;

    /**
     * The result of one bulk item.
     *
     * @param status HTTP status of the item
     * @param errorType Elasticsearch error type, such as {@code document_parsing_exception}; null on success
     * @param errorReason Elasticsearch error reason with its cause; null on success
     */
    record ItemResult(int status, String errorType, String errorReason) {

        static ItemResult ok(int status) {
            return new ItemResult(status, null, null);
        }

        boolean succeeded() {
            return status >= 200 && status < 300;
        }

        /** 429 (the cluster is overloaded) and 5xx (a shard is unavailable) may succeed later; other errors never will. */
        boolean retryable() {
            return status == 429 || status >= 500;
        }
    }
}
