package io.mailflow.streams.internals.window;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.SenderIdentityType;

/**
 * Who submitted a message on a host: the SASL user, else the local uid, else the client IP, else
 * the envelope sender.
 *
 * @param host     host the message was submitted on, or {@link #NO_HOST}
 * @param type     kind of identity
 * @param identity the SASL user, uid, client IP or sender address; {@code <>} for the null sender
 */
public record SenderIdentity(String host, SenderIdentityType type, String identity) {

    /** Host of events from lines without a host field. */
    public static final String NO_HOST = "-";

    /** Identity of the null sender, which bounce notifications use. */
    public static final String NULL_SENDER = "<>";

    /** Identity when the event tells nothing about its sender. */
    public static final String UNKNOWN = "-";

    /** Derives the identity of the sender of a delivery attempt. */
    public static SenderIdentity of(DeliveryEvent event) {
        String host = event.getHost() == null ? NO_HOST : event.getHost();
        if (event.getSaslUsername() != null && !event.getSaslUsername().isEmpty()) {
            return new SenderIdentity(host, SenderIdentityType.SASL_USER, event.getSaslUsername());
        }
        if (event.getLocalUid() != null) {
            return new SenderIdentity(host, SenderIdentityType.LOCAL_UID, String.valueOf(event.getLocalUid()));
        }
        if (event.getClientIp() != null && !event.getClientIp().isEmpty()) {
            return new SenderIdentity(host, SenderIdentityType.CLIENT_IP, event.getClientIp());
        }
        if (event.getSender() != null) {
            String sender = event.getSender().isEmpty() ? NULL_SENDER : event.getSender();
            return new SenderIdentity(host, SenderIdentityType.SENDER_ADDRESS, sender);
        }
        return new SenderIdentity(host, SenderIdentityType.UNKNOWN, UNKNOWN);
    }

    /** Key of the identity in topics and stores: {@code host|identityType|identity}. */
    public String key() {
        return host + "|" + type + "|" + identity;
    }
}
