package io.mailflow.ingest.syslog;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A {@code host:port} to bind a listener to. The host is required: a listener on every interface is
 * an explicit choice ({@code 0.0.0.0:514}), never a default. IPv6 literals go in brackets
 * ({@code [::1]:5514}). Port 0 binds a free port.
 */
public record ListenAddress(String host, int port) {

    public ListenAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("listen address needs a host, such as 127.0.0.1:5514");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("invalid port " + port + ", expected 0 to 65535");
        }
    }

    /** Parses {@code host:port} or {@code [ipv6]:port}. */
    public static ListenAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("invalid listen address '" + text
                    + "', expected host:port such as 127.0.0.1:5514");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("invalid listen address '" + text
                    + "', put an IPv6 address in brackets such as [::1]:5514");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port in listen address '" + text + "'", e);
        }
        return new ListenAddress(host, port);
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
