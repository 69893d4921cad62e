package io.mailflow.ingest.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * One SMTP delivery of a message to one destination in one round: the {@code smtp} process, the
 * MX hosts it tried, its timing, and the outcome of each recipient it carried.
 */
final class Session {

    /** One earlier MX host that replied with a deferral, or timed out when {@code reply} is null, before the final one. */
    record MxTry(long timeMicros, MxHost host, String address, ReplyTemplate reply) {
    }

    final DomainRoute route;
    final String program;
    final int pid;
    final List<Recipient> recipients = new ArrayList<>();
    final List<ReplyTemplate> replies = new ArrayList<>();
    final List<MxTry> earlierTries = new ArrayList<>();
    /** Final MX host and address; for a timeout the host that failed last (Postfix logs relay=none). */
    MxHost finalHost;
    String finalAddress;
    boolean timedOut;
    /** True when the {@code error} agent deferred the mail because the destination is suspended. */
    boolean suspended;
    int connectionReuse;
    long endMicros;
    long queueMicros;
    long queueManagerMicros;
    long connectMicros;
    long transmitMicros;

    Session(DomainRoute route, String program, int pid) {
        this.route = route;
        this.program = program;
        this.pid = pid;
    }
}
