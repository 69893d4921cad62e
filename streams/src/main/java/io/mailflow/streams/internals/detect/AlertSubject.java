package io.mailflow.streams.internals.detect;

import java.util.Locale;

import io.mailflow.schemas.SenderIdentityType;

/**
 * What an alert is about: a sending IP and provider, or a sender identity on a host.
 *
 * @param key          detection key: {@code sendingIp|provider} or {@code host|identityType|identity}
 * @param sendingIp    sending IP, for delivery alerts
 * @param provider     provider, for delivery alerts
 * @param host         host, for sender alerts
 * @param identityType kind of sender identity, for sender alerts
 * @param identity     sender identity, for sender alerts
 * @param tenant       tenant from the host inventory, or null
 */
public record AlertSubject(String key, String sendingIp, String provider, String host,
        SenderIdentityType identityType, String identity, String tenant) {

    /** Subject of an alert about one sending IP and one provider. */
    static AlertSubject ipProvider(String key, String sendingIp, String provider, String tenant) {
        return new AlertSubject(key, sendingIp, provider, null, null, null, tenant);
    }

    /** Subject of an alert about one sender identity on one host. */
    static AlertSubject sender(String key, String host, SenderIdentityType identityType, String identity,
            String tenant) {
        return new AlertSubject(key, null, null, host, identityType, identity, tenant);
    }

    /** How a summary names the subject, such as {@code 203.0.113.5 to google}. */
    String describe() {
        if (sendingIp != null) {
            return sendingIp + " to " + provider;
        }
        return identityType.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + identity + " on " + host;
    }
}
