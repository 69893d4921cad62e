package io.mailflow.streams.parse;

/** Reasons of {@link ParseResult.Ignored}, stable snake_case words that are counted. */
final class IgnoreReasons {

    /** The end-of-input marker {@code #mailflow-watermark <epoch-ms>}. */
    static final String WATERMARK = "watermark";
    /** A journalctl banner such as {@code -- Logs begin at ...}, {@code -- Boot ...} or {@code -- No entries --}. */
    static final String JOURNAL_BANNER = "journal_banner";
    /** A line of a program that is not an MTA (dovecot, cron, kernel, ...). */
    static final String OTHER_PROGRAM = "other_program";
    /** smtpd/smtp session lines: connect from, disconnect from, TLS connection established, timeouts. */
    static final String POSTFIX_SESSION = "postfix_session";
    /** Postfix warning, error, fatal and panic lines that concern no queued message. */
    static final String POSTFIX_WARNING = "postfix_warning";
    /** Other Postfix lines that carry no mail-flow facts (statistics, daemon start, skipped). */
    static final String POSTFIX_OTHER = "postfix_other";
    /** Address verification probe results ({@code status=deliverable}, {@code undeliverable}). */
    static final String ADDRESS_PROBE = "address_probe";
    /** sendmail lines that carry no mail-flow facts (STARTTLS, DSN, queued). */
    static final String SENDMAIL_OTHER = "sendmail_other";
    /** Exim lines that carry no mail-flow facts (queue runs, connections, frozen messages). */
    static final String EXIM_OTHER = "exim_other";
    /** A JSON record that is not a log line (a shipper's metadata or heartbeat). */
    static final String JSON_NO_MESSAGE = "json_no_message";

    private IgnoreReasons() {
    }
}
