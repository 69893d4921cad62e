package io.mailflow.streams.parse;

/**
 * Outcome of parsing one raw maillog line: a typed record, a line that was understood but carries
 * no mail flow, or a failure with a reason for the dead-letter topic.
 */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Ignored, ParseResult.Failed {

    /** A line that was understood and carries mail-flow facts. */
    record Parsed(MaillogRecord record) implements ParseResult {
    }

    /**
     * A line that was understood but is not mail flow, such as another daemon's line, an smtpd
     * session line or a watermark. The reason is a stable snake_case word that is counted.
     */
    record Ignored(String reason) implements ParseResult {
    }

    /** A line that was not understood; it goes to the dead-letter topic with its reason and detail. */
    record Failed(ParseFailureReason reason, String detail) implements ParseResult {
    }
}
