package io.mailflow.streams.parse;

/** Mutable envelope of the line being parsed; one instance per parser, reset for every line. */
final class LineHeader {

    long eventTime;
    String timestamp;
    String host;
    String program;
    int pid;
    /** True for Exim main-log lines, which have no host or program field. */
    boolean eximMainLog;
    /** Index of the program's message in the line. */
    int messageStart;

    void reset() {
        eventTime = 0;
        timestamp = null;
        host = null;
        program = null;
        pid = MaillogRecord.NO_PID;
        eximMainLog = false;
        messageStart = 0;
    }
}
