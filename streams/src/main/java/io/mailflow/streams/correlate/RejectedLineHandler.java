package io.mailflow.streams.correlate;

import io.mailflow.schemas.SourceCoordinates;
import io.mailflow.streams.parse.ParseFailureReason;

/** Receives the lines the pipeline could not parse, for a dead-letter file or topic. */
@FunctionalInterface
public interface RejectedLineHandler {

    void rejected(String rawLine, SourceCoordinates source, ParseFailureReason reason, String detail);
}
