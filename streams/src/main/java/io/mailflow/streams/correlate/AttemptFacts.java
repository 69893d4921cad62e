package io.mailflow.streams.correlate;

import io.mailflow.schemas.DeliveryStatus;

/**
 * The facts of one attempt that classification reads.
 *
 * @param program         syslog program, such as postfix/smtp
 * @param mta             postfix, sendmail or exim
 * @param providerHost    next hop for provider resolution: the relay host; {@code local} for
 *                        a delivery that never left the host but logged no relay; else null
 * @param replyHost       MX host named in the status text, or null
 */
public record AttemptFacts(
        String program,
        String mta,
        DeliveryStatus status,
        String dsn,
        Integer replyCode,
        String enhancedStatusCode,
        String replyText,
        String relayHost,
        String relayIp,
        String providerHost,
        String replyHost,
        String recipientDomain) {
}
