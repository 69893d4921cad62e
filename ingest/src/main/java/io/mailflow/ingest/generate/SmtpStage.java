package io.mailflow.ingest.generate;

/** The SMTP stage of a remote reply, which decides how Postfix logs and treats it. */
enum SmtpStage {
    /** Greeting: Postfix writes "refused to talk to me" and, for 5xx, tries the next MX and defers. */
    CONNECT(null),
    MAIL("MAIL FROM command"),
    RCPT("RCPT TO command"),
    DATA("end of DATA command"),
    /** A successful delivery; Postfix quotes the reply alone. */
    NONE(null);

    private final String command;

    SmtpStage(String command) {
        this.command = command;
    }

    /** Returns the words after "in reply to", or null when Postfix writes none. */
    String command() {
        return command;
    }
}
