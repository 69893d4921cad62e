package io.mailflow.ingest;

/**
 * Thrown when Kafka rejected a line for good (not a retriable error), so the shipper stops instead
 * of skipping it. Saved positions stop before the rejected line, so a restart resends it.
 */
public final class ShipperFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ShipperFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
