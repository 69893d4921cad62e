package io.mailflow.streams.parse;

/**
 * The next hop of a delivery attempt, read from Postfix {@code relay=host[ip]:port} or sendmail
 * {@code relay=host. [ip]}.
 *
 * @param host          host name; the word itself for {@code local}, {@code virtual} and other
 *                      transports; null for {@code none}
 * @param ip            address in the brackets; null for words and sockets such as
 *                      {@code [private/dovecot-lmtp]}
 * @param port          port after the brackets, or null
 * @param localDelivery true when the hop is a local transport or a socket, not a network address
 */
record Relay(String host, String ip, Integer port, boolean localDelivery) {

    static final Relay NONE = new Relay(null, null, null, false);

    /** Parses a Postfix relay value in {@code line[from, to)}. */
    static Relay postfix(String line, int from, int to) {
        if (to <= from || (to - from == 4 && line.startsWith("none", from))) {
            return NONE;
        }
        int open = line.indexOf('[', from);
        if (open < 0 || open >= to) {
            return new Relay(line.substring(from, to), null, null, true);
        }
        int close = line.indexOf(']', open);
        if (close < 0 || close >= to) {
            return new Relay(line.substring(from, open), null, null, false);
        }
        String host = open > from ? line.substring(from, open) : null;
        boolean address = Chars.isIpAddress(line, open + 1, close);
        String ip = address ? line.substring(open + 1, close) : null;
        if (host == null) {
            host = ip;
        }
        Integer port = null;
        if (close + 1 < to && line.charAt(close + 1) == ':') {
            int value = Chars.digits(line, close + 2, to);
            port = value < 0 ? null : value;
        }
        return new Relay(host, ip, port, !address);
    }

    /**
     * Parses a sendmail relay value such as {@code inbound10.mxlogic.net. [208.65.144.1]},
     * {@code [192.0.2.1] [192.0.2.1]} or {@code host [ip] (may be forged)}: the trailing dot of the
     * host goes, a host written in brackets loses them.
     */
    static Relay sendmail(String line, int from, int to) {
        int hostEnd = line.indexOf(' ', from);
        if (hostEnd < 0 || hostEnd > to) {
            hostEnd = to;
        }
        String host = sendmailHost(line, from, hostEnd);
        String ip = null;
        int open = line.indexOf('[', hostEnd);
        if (open >= 0 && open < to) {
            int close = line.indexOf(']', open);
            if (close > open && close <= to && Chars.isIpAddress(line, open + 1, close)) {
                ip = line.substring(open + 1, close);
            }
        }
        if (ip == null && host != null && Chars.isIpAddress(host, 0, host.length())) {
            ip = host;
        }
        if (host == null && ip == null) {
            return NONE;
        }
        return new Relay(host == null ? ip : host, ip, null, false);
    }

    private static String sendmailHost(String line, int from, int to) {
        int start = from;
        int end = to;
        if (end - start >= 2 && line.charAt(start) == '[' && line.charAt(end - 1) == ']') {
            start++;
            end--;
        }
        if (end > start && line.charAt(end - 1) == '.') {
            end--;
        }
        return end > start ? line.substring(start, end) : null;
    }
}
