package io.mailflow.ingest.generate;

/** One line that a message life will write at an event time, or a planning point that writes none. */
final class Step {

    enum Kind {
        SMTPD_CONNECT, SMTPD_CLIENT, PICKUP, CLEANUP, QMGR_ACTIVE, SMTPD_DISCONNECT,
        MX_REPLY, CONNECT_TIMEOUT, DELIVERY, EXPIRED, NOTIFICATION_CLEANUP, NOTIFICATION_BOUNCE, REMOVED
    }

    final long timeMicros;
    final Kind kind;
    final Session session;
    /** Index into the session's recipients (DELIVERY) or earlier tries (MX_REPLY, CONNECT_TIMEOUT). */
    final int index;
    /** The bounce notification that a NOTIFICATION_* step creates. */
    final MessageLife notification;

    Step(long timeMicros, Kind kind, Session session, int index, MessageLife notification) {
        this.timeMicros = timeMicros;
        this.kind = kind;
        this.session = session;
        this.index = index;
        this.notification = notification;
    }

    static Step of(long timeMicros, Kind kind) {
        return new Step(timeMicros, kind, null, 0, null);
    }
}
