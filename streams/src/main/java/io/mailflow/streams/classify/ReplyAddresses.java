package io.mailflow.streams.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the addresses in a status text: those of the remote peer ({@code host mx.example.com[ip]},
 * Exim's {@code H=mx.example.com [ip]}), which never name the sender, and the other addresses, which
 * the sending-IP rules examine.
 */
final class ReplyAddresses {

    private static final int[] NO_SPANS = new int[0];

    private ReplyAddresses() {
    }

    /**
     * Returns the text with every host name that is attached to an address in brackets removed
     * ({@code host spamfilter.example.com[192.0.2.1] said} becomes {@code host [192.0.2.1] said}), so
     * that keywords in a remote host's name cannot decide the category.
     */
    static String withoutPeerHostNames(String text) {
        int bracket = text.indexOf('[');
        if (bracket <= 0) {
            return text;
        }
        StringBuilder stripped = null;
        int copied = 0;
        while (bracket > 0) {
            int start = hostTokenStart(text, bracket);
            if (start < bracket) {
                if (stripped == null) {
                    stripped = new StringBuilder(text.length());
                }
                stripped.append(text, copied, start);
                copied = bracket;
            }
            bracket = text.indexOf('[', bracket + 1);
        }
        if (stripped == null) {
            return text;
        }
        return stripped.append(text, copied, text.length()).toString();
    }

    /**
     * Returns the start and end offsets, in pairs, of every IPv4 or IPv6 address in the text that is
     * not one of the peer addresses, or an empty array. The scan is cheap, so it runs before the
     * sending-IP regexes, which then only look at these spans.
     */
    static int[] addressSpans(String text, List<String> peers) {
        int[] spans = null;
        int count = 0;
        int length = text.length();
        int nextDot = text.indexOf('.');
        int nextColon = text.indexOf(':');
        int from = 0;
        while (nextDot >= 0 || nextColon >= 0) {
            int separator;
            if (nextDot < 0) {
                separator = nextColon;
            } else if (nextColon < 0) {
                separator = nextDot;
            } else {
                separator = Math.min(nextDot, nextColon);
            }
            int start = separator;
            while (start > from && isAddressChar(text.charAt(start - 1))) {
                start--;
            }
            int end = separator;
            int colons = 0;
            while (end < length && isAddressChar(text.charAt(end))) {
                if (text.charAt(end) == ':') {
                    colons++;
                }
                end++;
            }
            int trimmedEnd = end;
            while (trimmedEnd > start && text.charAt(trimmedEnd - 1) == '.') {
                trimmedEnd--;
            }

            boolean address = colons == 0
                    ? IpAddresses.parseIpv4(text, start, trimmedEnd) >= 0
                    : colons >= 2 && IpAddresses.parseIpv6(text.substring(start, trimmedEnd)) != null;
            if (address && !isPeer(text, start, trimmedEnd, peers)) {
                if (spans == null) {
                    spans = new int[4];
                } else if (count == spans.length) {
                    spans = Arrays.copyOf(spans, count * 2);
                }
                spans[count++] = start;
                spans[count++] = trimmedEnd;
            }

            from = end;
            nextDot = nextDot >= 0 && nextDot < end ? text.indexOf('.', end) : nextDot;
            nextColon = nextColon >= 0 && nextColon < end ? text.indexOf(':', end) : nextColon;
        }
        return spans == null ? NO_SPANS : Arrays.copyOf(spans, count);
    }

    private static boolean isPeer(String text, int start, int end, List<String> peers) {
        for (String peer : peers) {
            if (peer.length() == end - start && text.regionMatches(true, start, peer, 0, peer.length())) {
                return true;
            }
        }
        return false;
    }

    /** Returns the addresses in brackets attached to a host name: the remote peers, never the sender. */
    static List<String> peerAddresses(String statusText) {
        List<String> addresses = new ArrayList<>(2);
        int bracket = statusText.indexOf('[');
        while (bracket > 0) {
            int close = statusText.indexOf(']', bracket);
            if (close < 0) {
                break;
            }
            if (hostTokenStart(statusText, bracket) < bracket) {
                addresses.add(statusText.substring(bracket + 1, close));
            }
            bracket = statusText.indexOf('[', close);
        }
        return addresses;
    }

    /**
     * Returns where the host name that owns the address in brackets at {@code bracket} starts, or
     * {@code bracket} when none does. Postfix and sendmail attach the name ({@code mx.example.com[ip]});
     * Exim separates it by one space after {@code H=} ({@code H=mx.example.com [ip]}).
     */
    static int hostTokenStart(String text, int bracket) {
        int start = bracket;
        while (start > 0 && isHostChar(text.charAt(start - 1))) {
            start--;
        }
        if (start < bracket || bracket < 4 || text.charAt(bracket - 1) != ' ') {
            return start;
        }
        int eximStart = bracket - 1;
        while (eximStart > 0 && isHostChar(text.charAt(eximStart - 1))) {
            eximStart--;
        }
        boolean afterHostMarker = eximStart >= 2 && eximStart < bracket - 1
                && text.charAt(eximStart - 1) == '=' && text.charAt(eximStart - 2) == 'H'
                && (eximStart == 2 || text.charAt(eximStart - 3) == ' ');
        return afterHostMarker ? eximStart : bracket;
    }

    private static boolean isHostChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || ReplyText.isDigit(c)
                || c == '.' || c == '-' || c == '_';
    }

    private static boolean isAddressChar(char c) {
        return ReplyText.isDigit(c) || c == '.' || c == ':'
                || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
