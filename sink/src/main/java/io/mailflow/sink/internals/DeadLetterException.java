package io.mailflow.sink.internals;

/**
 * Raised when a dead-letter record could not be written to Kafka. The sink stops, because going on
 * would either commit the offset of a record that is neither indexed nor dead-lettered, or stall.
 */
public final class DeadLetterException extends RuntimeException {

    DeadLetterException(String message, Throwable cause) {
        super(message, cause);
    }
}
