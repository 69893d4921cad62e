package io.mailflow.sink.mapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Conversions from record values to the values the index templates expect. */
final class FieldValues {

    private FieldValues() {
    }

    /** Formats epoch milliseconds as an ISO-8601 UTC instant, the format of every date field. */
    static String isoInstant(long epochMs) {
        IndexNames.checkEventTime(epochMs);
        return Instant.ofEpochMilli(epochMs).toString();
    }

    /** Like {@link #isoInstant(long)} but null stays null. */
    static String isoInstant(Long epochMs) {
        return epochMs == null ? null : isoInstant(epochMs.longValue());
    }

    /**
     * Returns the value when it is finite, else null. JSON has no NaN or infinity, and a ratio over a
     * zero baseline can be either, so such a value is left out rather than breaking the document.
     */
    static Double finiteOrNull(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : value;
    }

    /** Returns an enum constant's name in lower case, as keyword values are written, or null. */
    static String lowerCase(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    /** Returns the values that are IP address literals, for fields of type ip. */
    static List<String> ipAddresses(List<String> values) {
        List<String> addresses = new ArrayList<>();
        for (String value : values) {
            if (isIpAddress(value)) {
                addresses.add(value);
            }
        }
        return addresses;
    }

    /**
     * Returns the value when it is an IPv4 or IPv6 address literal, else null. A sending IP may be a
     * host name standing in for an unknown address, and such a value would make Elasticsearch reject
     * the whole document if it went into an ip field.
     */
    static String ipAddressOrNull(String value) {
        return isIpAddress(value) ? value : null;
    }

    /** Checks the text form of an address without any name lookup. */
    static boolean isIpAddress(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return value.indexOf(':') >= 0 ? isIpv6(value) : isIpv4(value);
    }

    private static boolean isIpv4(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!isDecimalOctet(part)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDecimalOctet(String part) {
        if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return Integer.parseInt(part) <= 255;
    }

    private static boolean isIpv6(String value) {
        String address = value;
        int groupsAvailable = 8;
        int lastColon = address.lastIndexOf(':');
        if (address.indexOf('.', lastColon) >= 0) {
            // An embedded IPv4 address such as ::ffff:192.0.2.1 takes the place of two groups.
            if (!isIpv4(address.substring(lastColon + 1))) {
                return false;
            }
            address = address.substring(0, lastColon + 1) + "0";
            groupsAvailable = 7;
        }

        int compression = address.indexOf("::");
        if (compression >= 0 && address.indexOf("::", compression + 1) >= 0) {
            return false;
        }
        if (compression < 0) {
            return hexGroups(address) == groupsAvailable;
        }
        String head = address.substring(0, compression);
        String tail = address.substring(compression + 2);
        int headGroups = head.isEmpty() ? 0 : hexGroups(head);
        int tailGroups = tail.isEmpty() ? 0 : hexGroups(tail);
        return headGroups >= 0 && tailGroups >= 0 && headGroups + tailGroups < groupsAvailable;
    }

    /** Returns the number of colon-separated groups of one to four hex digits, or -1 when one is not. */
    private static int hexGroups(String text) {
        String[] groups = text.split(":", -1);
        for (String group : groups) {
            if (group.isEmpty() || group.length() > 4) {
                return -1;
            }
            for (int i = 0; i < group.length(); i++) {
                if (!isHexDigit(group.charAt(i))) {
                    return -1;
                }
            }
        }
        return groups.length;
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
