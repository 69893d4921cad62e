package io.mailflow.streams.internals.window;

/** What the window engine needs to know of an aggregate. */
public interface WindowAggregate {

    /** Inclusive start of the window, in epoch milliseconds. */
    long windowStart();

    /** Size of the window, in milliseconds. */
    long windowSizeMs();

    /** Event time of the latest attempt in the window, in epoch milliseconds. */
    long lastSeen();
}
