package io.mailflow.ingest.generate;

import io.mailflow.schemas.AlertType;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The incidents that a {@link TrafficGenerator} can inject, with the alert a detector should raise
 * for each and the reason category of its evidence (the categories of the delivery corpus).
 */
public enum IncidentKind {

    /** A compromised SASL account submits spam at high volume from one host until it is stopped. */
    SPAM_RUN("spam-run", AlertType.SPAM_OUTPUT_SPIKE, null, "unknown_recipient", null),

    /** Gmail throttles one sending IP with 421 4.7.0, then blocks it with 550 5.7.1. */
    GMAIL_RATE_LIMIT("gmail-rate-limit", AlertType.REPUTATION_COLLAPSE, "google", "reputation",
            ReplyKind.RATE_LIMIT),

    /** Microsoft puts one sending IP on its block list: S3150 at outlook.com, 5.7.606 at Microsoft 365. */
    MICROSOFT_BLOCKLIST("microsoft-blocklist", AlertType.BLOCKLISTED, "microsoft", "blocklist",
            ReplyKind.BLOCKLIST),

    /** Company domains behind Cisco IronPort reject one sending IP for its poor SenderBase reputation. */
    IRONPORT_REPUTATION("ironport-reputation", AlertType.REPUTATION_COLLAPSE, "other", "reputation",
            ReplyKind.POOR_REPUTATION),

    /** Comcast refuses one sending IP at the greeting because it is listed on a DNSBL. */
    COMCAST_DNSBL("comcast-dnsbl", AlertType.BLOCKLISTED, "comcast", "blocklist", ReplyKind.DNSBL);

    private final String optionName;
    private final AlertType alertType;
    private final String provider;
    private final String category;
    private final ReplyKind replyKind;

    IncidentKind(String optionName, AlertType alertType, String provider, String category, ReplyKind replyKind) {
        this.optionName = optionName;
        this.alertType = alertType;
        this.provider = provider;
        this.category = category;
        this.replyKind = replyKind;
    }

    /** Name used on the command line and in the manifest, such as {@code gmail-rate-limit}. */
    public String optionName() {
        return optionName;
    }

    /** Alert type that a detector should raise for this incident. */
    public AlertType alertType() {
        return alertType;
    }

    /** Provider whose replies change, or null when the incident is about a sender (spam run). */
    public String provider() {
        return provider;
    }

    /** Dominant reason category of the attempts that make up the incident. */
    public String category() {
        return category;
    }

    /** Reply kind of the provider profiles that the incident switches on; null for the spam run. */
    ReplyKind replyKind() {
        return replyKind;
    }

    /**
     * Parses an option name ({@code gmail-rate-limit}), its first word ({@code gmail}) or the enum
     * constant name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values when nothing matches
     */
    public static IncidentKind parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (IncidentKind kind : values()) {
            String shortName = kind.optionName.substring(0, kind.optionName.indexOf('-'));
            if (kind.optionName.equals(wanted) || shortName.equals(wanted)
                    || kind.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown incident '" + name + "'; expected one of "
                + Arrays.stream(values()).map(IncidentKind::optionName).collect(Collectors.joining(", ")));
    }
}
