package io.mailflow.sink.mapping;

/**
 * Raised by a mapper for a record that cannot become a document, such as one whose event time lies
 * outside the years an index name and an ISO-8601 date can carry. The sink dead-letters the record
 * with this message as the reason.
 */
public final class UnmappableRecordException extends RuntimeException {

    public UnmappableRecordException(String message) {
        super(message);
    }
}
