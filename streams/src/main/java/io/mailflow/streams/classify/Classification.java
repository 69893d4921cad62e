package io.mailflow.streams.classify;

import io.mailflow.schemas.Remediation;

/**
 * Result of classifying one delivery attempt.
 *
 * @param category       reason category such as {@code reputation} or {@code blocklist}; null for a
 *                       sent attempt
 * @param ruleId         id of the rule that chose the category; null for a sent attempt and when no
 *                       rule matched (the category is then {@code other})
 * @param remediation    next step for the operator, or null when the rule names no hint
 * @param replySendingIp IP address that the reply names as the sender, or null
 */
public record Classification(
        String category,
        String ruleId,
        Remediation remediation,
        String replySendingIp) {

    static final Classification SENT = new Classification(null, null, null, null);
}
