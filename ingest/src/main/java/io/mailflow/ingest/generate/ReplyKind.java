package io.mailflow.ingest.generate;

import java.util.Locale;

/** Meaning of a remote reply, as the provider data groups its reply texts ({@code reply.KIND}). */
enum ReplyKind {
    SENT,
    UNKNOWN_RECIPIENT,
    MAILBOX_FULL,
    GREYLISTING,
    TEMPORARY,
    CONTENT,
    RATE_LIMIT,
    IP_BLOCKED,
    BLOCKLIST,
    POOR_REPUTATION,
    DNSBL;

    String dataName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ReplyKind fromDataName(String name) {
        for (ReplyKind kind : values()) {
            if (kind.dataName().equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
