package io.mailflow.streams;

/** The streams application could not start, such as when its topics could not be created. */
public final class MailflowStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MailflowStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
