package io.mailflow.streams.parse;

/** Why a line was not understood. {@link #code()} is the value of the dead-letter reason header. */
public enum ParseFailureReason {
    /** The line is empty or blank. */
    EMPTY("empty"),
    /** The line is longer than {@link ParserSettings#maxLineLength()}. */
    TOO_LONG("too_long"),
    /** The line contains NUL or other control characters that no log line contains. */
    BINARY("binary"),
    /** The line was decoded from invalid UTF-8 (it contains U+FFFD) and its header could not be read. */
    INVALID_UTF8("invalid_utf8"),
    /** The line starts with '{' but is not a complete JSON object. */
    INVALID_JSON("invalid_json"),
    /** A JSON envelope lacks the message, program or time that a maillog record needs. */
    MISSING_FIELD("missing_field"),
    /** No known syslog, ISO-8601, journald, Docker or Exim header was found. */
    UNKNOWN_FORMAT("unknown_format"),
    /** The header has the shape of a timestamp but names no valid date or time. */
    INVALID_TIMESTAMP("invalid_timestamp"),
    /** A {@code #mailflow-watermark} line without a valid epoch-millisecond value. */
    INVALID_WATERMARK("invalid_watermark"),
    /** A Postfix, sendmail or Exim delivery line whose fields could not be read. */
    MALFORMED_DELIVERY("malformed_delivery"),
    /** Another mail-flow line (client, sender, queue) whose fields could not be read. */
    MALFORMED_MESSAGE("malformed_message"),
    /** A delivery line with a status word that is not sent, deferred, bounced or SOFTBOUNCE. */
    UNKNOWN_STATUS("unknown_status"),
    /** The parser hit an unexpected error; this is a bug, the line is kept for analysis. */
    PARSER_ERROR("parser_error");

    private final String code;

    ParseFailureReason(String code) {
        this.code = code;
    }

    /** Stable snake_case name used in counters, logs and dead-letter headers. */
    public String code() {
        return code;
    }
}
