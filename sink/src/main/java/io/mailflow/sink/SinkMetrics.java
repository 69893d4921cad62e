package io.mailflow.sink;

/**
 * Receives the sink's measurements. The sink calls it from its one worker thread; an implementation
 * that others read, such as a Micrometer binding, must publish the values safely. {@link SinkCounters}
 * is the default.
 */
public interface SinkMetrics {

    /** Documents Elasticsearch acknowledged as indexed. */
    void documentsIndexed(int count);

    /** Documents sent again after a 429, a 5xx or a failed request. */
    void documentsRetried(int count);

    /** A record went to the dead-letter topic, with the reason of its header. */
    void recordRejected(String reason);

    /** One bulk request completed, successfully or with item failures. */
    void bulkRequestCompleted(int documents, long durationNanos);

    /** A bulk request failed as a whole: connection refused, timed out, or an error status for the request. */
    void bulkRequestFailed();

    /** Records between the consumer's position and the end of its assigned partitions, summed. */
    void consumerLag(long records);

    /** Whether the sink is writing (true) or has paused consumption while it retries (false). */
    void writing(boolean writing);

    /** Returns an implementation that ignores everything. */
    static SinkMetrics none() {
        return new SinkMetrics() {
            @Override
            public void documentsIndexed(int count) {
            }

            @Override
            public void documentsRetried(int count) {
            }

            @Override
            public void recordRejected(String reason) {
            }

            @Override
            public void bulkRequestCompleted(int documents, long durationNanos) {
            }

            @Override
            public void bulkRequestFailed() {
            }

            @Override
            public void consumerLag(long records) {
            }

            @Override
            public void writing(boolean writing) {
            }
        };
    }
}
