package io.mailflow.sink.internals;

/** A bulk request failed as a whole; every document in it is retried later. */
final class ElasticsearchUnavailableException extends Exception {

    ElasticsearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
