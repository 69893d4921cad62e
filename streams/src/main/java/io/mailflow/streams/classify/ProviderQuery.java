package io.mailflow.streams.classify;

/**
 * Facts about the receiving side of one delivery attempt, as {@link ProviderResolver} reads them.
 *
 * @param program         delivery agent that logged the attempt, such as {@code smtp}, {@code lmtp},
 *                        {@code local} or {@code virtual}; may be null
 * @param relayHost       host of {@code relay=host[ip]:port}, or a word such as {@code local}; null
 *                        for {@code relay=none}
 * @param relayIp         address in the brackets of {@code relay=}, or null (also for a socket path)
 * @param replyHost       host named in the status text ({@code connect to X[...]},
 *                        {@code host X said}), or null
 * @param recipientDomain lower-case recipient domain, or null
 */
public record ProviderQuery(String program, String relayHost, String relayIp,
                            String replyHost, String recipientDomain) {
}
