package io.mailflow.ingest.generate;

/**
 * Submitter of mail on a fleet host: an authenticated user, an application server relaying through
 * the host, or a local Unix user through {@code sendmail} (Postfix pickup).
 */
final class SenderIdentity {

    enum Kind { SASL_USER, APPLICATION, LOCAL_USER }

    final Kind kind;
    /** Envelope sender as qmgr logs it. */
    final String address;
    /** SASL login for {@link Kind#SASL_USER}, else null. */
    final String saslUsername;
    /** Reverse name of the submitting client, for SMTP submissions. */
    final String clientHost;
    final String clientIp;
    /** Unix uid and login name for {@link Kind#LOCAL_USER}. */
    final int uid;
    final String localName;
    /** Index of the host's sending IP that this sender's mail leaves from. */
    final int ipIndex;
    /** Relative activity within its kind. */
    final double weight;

    SenderIdentity(Kind kind, String address, String saslUsername, String clientHost, String clientIp, int uid,
            String localName, int ipIndex, double weight) {
        this.kind = kind;
        this.address = address;
        this.saslUsername = saslUsername;
        this.clientHost = clientHost;
        this.clientIp = clientIp;
        this.uid = uid;
        this.localName = localName;
        this.ipIndex = ipIndex;
        this.weight = weight;
    }
}
