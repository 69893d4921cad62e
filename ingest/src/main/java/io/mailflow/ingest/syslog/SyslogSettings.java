package io.mailflow.ingest.syslog;

/**
 * Limits of the syslog listeners.
 *
 * @param maxMessageBytes messages longer than this are cut and flagged; also the largest UDP
 *     datagram kept whole
 * @param maxConnections TCP connections open at once; further connections are closed on accept
 */
public record SyslogSettings(int maxMessageBytes, int maxConnections) {

    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    public SyslogSettings {
        if (maxMessageBytes < 16) {
            throw new IllegalArgumentException("maximum message length must be at least 16 bytes, got " + maxMessageBytes);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maximum connections must be at least 1, got " + maxConnections);
        }
    }
}
