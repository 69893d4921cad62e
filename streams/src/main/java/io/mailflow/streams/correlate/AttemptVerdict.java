package io.mailflow.streams.correlate;

import io.mailflow.schemas.Remediation;

/**
 * What classification says about one delivery attempt.
 *
 * @param category       reason category; null for sent attempts
 * @param ruleId         id of the rule that chose the category, or null
 * @param remediation    next step for the operator, or null
 * @param replySendingIp sending IP that the remote reply names, or null
 * @param provider       operator of the receiving MX; never null ("other" when unknown)
 */
public record AttemptVerdict(String category, String ruleId, Remediation remediation, String replySendingIp, String provider) {
}
