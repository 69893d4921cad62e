package io.mailflow.streams.parse;

/** Allocation-free scanning helpers over a region of a line. */
final class Chars {

    private Chars() {
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isAlphanumeric(char c) {
        return isDigit(c) || isAsciiLetter(c);
    }

    static boolean isHexUpper(char c) {
        return isDigit(c) || (c >= 'A' && c <= 'F');
    }

    /** Parses the unsigned decimal number in {@code s[from, to)}; -1 when it is empty, not digits or too big. */
    static int digits(String s, int from, int to) {
        if (from >= to || to - from > 9) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Parses an unsigned decimal number of up to 18 digits; -1 when it is not one. */
    static long longDigits(String s, int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Two digits at {@code s[at]}; -1 when they are not. */
    static int twoDigits(String s, int at) {
        if (at + 2 > s.length()) {
            return -1;
        }
        char a = s.charAt(at);
        char b = s.charAt(at + 1);
        if (!isDigit(a) || !isDigit(b)) {
            return -1;
        }
        return (a - '0') * 10 + (b - '0');
    }

    /** Index of the first non-space character at or after {@code from}. */
    static int skipSpaces(String s, int from) {
        int i = from;
        int length = s.length();
        while (i < length && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Index of the next space at or after {@code from}, or the line length. */
    static int nextSpace(String s, int from) {
        int i = s.indexOf(' ', from);
        return i < 0 ? s.length() : i;
    }

    /** True when {@code s} contains {@code prefix} at {@code at}. */
    static boolean startsWith(String s, int at, String prefix) {
        return s.startsWith(prefix, at);
    }

    /** Index of {@code end} trimmed of trailing spaces, tabs and carriage returns, not below {@code start}. */
    static int trimEnd(String s, int start, int end) {
        int i = end;
        while (i > start) {
            char c = s.charAt(i - 1);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                break;
            }
            i--;
        }
        return i;
    }

    /** True when {@code s[from, to)} is a dotted IPv4 address or an IPv6 address (optionally "IPv6:"-prefixed). */
    static boolean isIpAddress(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        int start = s.startsWith("IPv6:", from) ? from + 5 : from;
        boolean colon = false;
        boolean dot = false;
        for (int i = start; i < to; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (c == '.') {
                dot = true;
            } else if (!(isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        if (colon) {
            return true;
        }
        if (!dot) {
            return false;
        }
        for (int i = start; i < to; i++) {
            if (!isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }

    /** Strips one pair of surrounding angle brackets from {@code s[from, to)}. */
    static String unbracket(String s, int from, int to) {
        if (to - from >= 2 && s.charAt(from) == '<' && s.charAt(to - 1) == '>') {
            return s.substring(from + 1, to - 1);
        }
        return s.substring(from, to);
    }

    /** Lower-cased domain after the last '@' of an address, or null when it has none. */
    static String domainOf(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            return null;
        }
        String domain = address.substring(at + 1);
        for (int i = 0; i < domain.length(); i++) {
            char c = domain.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 127) {
                return domain.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return domain;
    }

    /**
     * Parses a non-negative decimal such as {@code 0.76} or {@code 235502} in {@code s[from, to)};
     * NaN when it is not one.
     */
    static double decimal(String s, int from, int to) {
        if (from >= to || to - from > 24) {
            return Double.NaN;
        }
        long whole = 0;
        long fraction = 0;
        long scale = 1;
        boolean dot = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.' && !dot) {
                dot = true;
            } else if (isDigit(c)) {
                if (dot) {
                    if (scale < 1_000_000_000L) {
                        fraction = fraction * 10 + (c - '0');
                        scale *= 10;
                    }
                } else {
                    whole = whole * 10 + (c - '0');
                }
            } else {
                return Double.NaN;
            }
        }
        return whole + (double) fraction / scale;
    }

    /**
     * True when {@code s[from, to)} is a Postfix queue id: short form (5 to 20 upper-case hex
     * characters, such as {@code 2ECF9C2C110}) or long form (10 to 24 letters and digits with at
     * least one digit, such as {@code 4JgyGN3kgGzMCn}).
     */
    static boolean isPostfixQueueId(String s, int from, int to) {
        int length = to - from;
        if (length < 5 || length > 24) {
            return false;
        }
        boolean hex = true;
        boolean digit = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isAlphanumeric(c)) {
                return false;
            }
            hex &= isHexUpper(c);
            digit |= isDigit(c);
        }
        return (hex && length <= 20) || (length >= 10 && digit);
    }
}
