package io.mailflow.streams.internals.ingest;

import io.mailflow.streams.parse.MaillogRecord;

/**
 * Outcome of one raw line in the front processors, passed between processors of one task and never
 * serialized. A watermark travels as a null value instead.
 */
public sealed interface LineOutcome permits LineOutcome.Accepted, LineOutcome.Parsed, LineOutcome.Rejected {

    /** A readable line, keyed by its host, on its way to the repartition by host. */
    record Accepted(String rawLine) implements LineOutcome {
    }

    /** A parsed line with mail-flow facts, on its way to correlation. */
    record Parsed(MaillogRecord record) implements LineOutcome {
    }

    /** A line for the dead-letter topic; reason, detail and source are in the record headers. */
    record Rejected(String rawLine) implements LineOutcome {
    }
}
