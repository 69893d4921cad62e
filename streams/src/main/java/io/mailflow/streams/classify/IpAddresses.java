package io.mailflow.streams.classify;

/**
 * Parses IPv4 and IPv6 address literals without name lookups. IPv4 addresses become a non-negative
 * {@code long}, IPv6 addresses a 16-byte array.
 */
final class IpAddresses {

    private IpAddresses() {
    }

    /** Returns true when the text is an IPv4 dotted quad or an IPv6 address. */
    static boolean isIpAddress(String text) {
        return parseIpv4(text) >= 0 || parseIpv6(text) != null;
    }

    /** Returns the address as a value in {@code [0, 2^32)}, or -1 when the text is not a dotted quad. */
    static long parseIpv4(CharSequence text) {
        return text == null ? -1 : parseIpv4(text, 0, text.length());
    }

    /** Parses the characters {@code [start, end)} of the text as {@link #parseIpv4(CharSequence)} does. */
    static long parseIpv4(CharSequence text, int start, int end) {
        int length = end - start;
        if (length < 7 || length > 15) {
            return -1;
        }
        long address = 0;
        int octets = 0;
        int value = -1;
        int digits = 0;
        for (int i = start; i <= end; i++) {
            char c = i < end ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits == 3) {
                    return -1;
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                digits++;
            } else if (c == '.') {
                if (digits == 0 || value > 255 || octets == 4) {
                    return -1;
                }
                address = (address << 8) | value;
                octets++;
                value = -1;
                digits = 0;
            } else {
                return -1;
            }
        }
        return octets == 4 ? address : -1;
    }

    /** Returns the 16 bytes of an IPv6 address (with an optional embedded IPv4 tail), or null. */
    static byte[] parseIpv6(String text) {
        if (text == null || text.indexOf(':') < 0 || text.length() > 45) {
            return null;
        }
        String body = text;
        int zone = body.indexOf('%');
        if (zone >= 0) {
            body = body.substring(0, zone);
        }

        byte[] tail = null;
        int lastColon = body.lastIndexOf(':');
        if (body.indexOf('.', lastColon) > 0) {
            long ipv4 = parseIpv4(body.substring(lastColon + 1));
            if (ipv4 < 0) {
                return null;
            }
            tail = new byte[] {(byte) (ipv4 >>> 24), (byte) (ipv4 >>> 16), (byte) (ipv4 >>> 8), (byte) ipv4};
            body = body.substring(0, lastColon + 1) + "0:0";
        }

        int gap = body.indexOf("::");
        if (gap >= 0 && body.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = gap >= 0 ? groups(body.substring(0, gap)) : groups(body);
        int[] rest = gap >= 0 ? groups(body.substring(gap + 2)) : new int[0];
        if (head == null || rest == null) {
            return null;
        }
        int total = head.length + rest.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }

        byte[] address = new byte[16];
        for (int i = 0; i < head.length; i++) {
            address[2 * i] = (byte) (head[i] >>> 8);
            address[2 * i + 1] = (byte) head[i];
        }
        for (int i = 0; i < rest.length; i++) {
            int position = 8 - rest.length + i;
            address[2 * position] = (byte) (rest[i] >>> 8);
            address[2 * position + 1] = (byte) rest[i];
        }
        if (tail != null) {
            System.arraycopy(tail, 0, address, 12, 4);
        }
        return address;
    }

    private static int[] groups(String part) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] pieces = part.split(":", -1);
        int[] values = new int[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (piece.isEmpty() || piece.length() > 4) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < piece.length(); j++) {
                int digit = Character.digit(piece.charAt(j), 16);
                if (digit < 0) {
                    return null;
                }
                value = value * 16 + digit;
            }
            values[i] = value;
        }
        return values;
    }
}
