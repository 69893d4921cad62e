package io.mailflow.sink.internals;

import java.util.List;

import io.mailflow.sink.mapping.SinkDocument;

/** The outcome of turning one Kafka record into documents: documents, or a reason to dead-letter it. */
public sealed interface Conversion permits Conversion.Documents, Conversion.Failed {

    /** The record maps to these documents, one or more. */
    record Documents(List<SinkDocument> documents) implements Conversion {
    }

    /**
     * The record cannot be indexed.
     *
     * @param reason short stable reason such as {@code decode-failed}, used as a header and a metric tag
     * @param detail human-readable explanation naming the offending value
     */
    record Failed(String reason, String detail) implements Conversion {
    }
}
