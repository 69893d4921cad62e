package io.mailflow.ingest.generate;

/** One recipient of a generated message and what the receiving side will do with it. */
final class Recipient {

    /** The recipient's fixed property that decides the replies it gets when no incident interferes. */
    enum Fate { DELIVER, UNKNOWN_RECIPIENT, MAILBOX_FULL, GREYLISTED, TEMPORARY, CONTENT }

    final String address;
    final DomainRoute route;
    final Fate fate;
    /** True once the recipient was delivered, bounced or expired. */
    boolean done;
    /** True after a connection to its MX timed out, so the next attempt may time out again. */
    boolean unreachable;

    Recipient(String address, DomainRoute route, Fate fate) {
        this.address = address;
        this.route = route;
        this.fate = fate;
    }
}
