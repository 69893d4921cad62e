package io.mailflow.streams.classify;

import java.util.List;

/** The reason categories a non-successful delivery attempt can get. */
final class Categories {

    /** Category of an attempt that no rule explains. */
    static final String OTHER = "other";

    static final List<String> ALL = List.of(
            "reputation", "blocklist", "rate_limit", "auth", "content", "unknown_recipient",
            "mailbox_full", "policy", "greylisting", "tls", "connection", "dns", OTHER);

    private Categories() {
    }
}
