package io.mailflow.streams.parse;

import io.mailflow.schemas.SourceCoordinates;

/**
 * One understood maillog line: the envelope every line has (time, host, program) and a typed body.
 *
 * @param eventTime      time of the line in epoch milliseconds
 * @param timestamp      time of the line as ISO-8601 text: copied as written when the line has an
 *                       ISO-8601 stamp, else rendered to the second with the offset of the configured
 *                       zone ({@code Z} for UTC)
 * @param host           syslog host field; null when the line has none
 * @param program        syslog program without the pid, such as {@code postfix/smtp} or {@code sm-mta}
 * @param pid            process id from the syslog tag, or {@link #NO_PID}
 * @param syslogInstance first part of a multi-instance Postfix syslog name such as {@code postfix-out};
 *                       null for the default {@code postfix} name and for other MTAs
 * @param mta            MTA that wrote the line
 * @param body           typed content of the line
 * @param source         where the raw line came from; null until the caller sets it with
 *                       {@link #withSource(SourceCoordinates)}
 */
public record MaillogRecord(
        long eventTime,
        String timestamp,
        String host,
        String program,
        int pid,
        String syslogInstance,
        Mta mta,
        MaillogBody body,
        SourceCoordinates source) {

    /** Value of {@link #pid()} when the line logged none. */
    public static final int NO_PID = -1;

    /** Returns a copy that carries the given source coordinates. */
    public MaillogRecord withSource(SourceCoordinates newSource) {
        return new MaillogRecord(eventTime, timestamp, host, program, pid, syslogInstance, mta, body, newSource);
    }

    /** Queue id of the body, or null for lines without one (postscreen, NOQUEUE rejects). */
    public String queueId() {
        return body.queueId();
    }
}
