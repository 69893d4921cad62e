package io.mailflow.sink.internals;

import java.time.Duration;

/**
 * Limits of the bulk buffer. A flush starts when the buffer contains {@code maxDocuments} documents
 * or {@code maxBytes} bytes, or when its oldest document has waited {@code flushInterval}. A flush
 * sends as many requests as these limits need, each within both size limits.
 */
public record BulkLimits(int maxDocuments, long maxBytes, Duration flushInterval) {

    public BulkLimits {
        if (maxDocuments < 1) {
            throw new IllegalArgumentException("maxDocuments must be at least 1: " + maxDocuments);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1: " + maxBytes);
        }
        if (flushInterval.isNegative()) {
            throw new IllegalArgumentException("flushInterval must not be negative: " + flushInterval);
        }
    }
}
