package io.mailflow.streams.parse;

/**
 * Facts read from a status text: the SMTP reply code of the remote reply it quotes, the RFC 3463
 * enhanced status code after it, and the MX host it names.
 */
final class ReplyTexts {

    private ReplyTexts() {
    }

    /**
     * Index of the three-digit SMTP reply code quoted in {@code text}, or -1. A reply code starts the
     * text ({@code 250 2.0.0 OK}) or follows ": " ({@code said: 550-5.7.1},
     * {@code refused to talk to me: 421}, {@code delivery temporarily suspended: host X said: 450},
     * {@code Deferred: 451}, Exim's {@code after RCPT TO:<x>: 550}); it is 2xx to 5xx and is followed
     * by a space, a dash or the end. Connection, DNS, TLS and local texts quote none.
     */
    static int replyCodeIndex(String text) {
        if (text == null) {
            return -1;
        }
        if (isReplyCodeAt(text, 0)) {
            return 0;
        }
        int from = 0;
        while (true) {
            int colon = text.indexOf(": ", from);
            if (colon < 0) {
                return -1;
            }
            if (isReplyCodeAt(text, colon + 2)) {
                return colon + 2;
            }
            from = colon + 2;
        }
    }

    /** Returns the reply code at {@code index} as a number. */
    static int replyCodeAt(String text, int index) {
        return (text.charAt(index) - '0') * 100 + (text.charAt(index + 1) - '0') * 10 + (text.charAt(index + 2) - '0');
    }

    private static boolean isReplyCodeAt(String text, int at) {
        if (at + 3 > text.length()) {
            return false;
        }
        char first = text.charAt(at);
        if (first < '2' || first > '5' || !Chars.isDigit(text.charAt(at + 1)) || !Chars.isDigit(text.charAt(at + 2))) {
            return false;
        }
        if (at + 3 == text.length()) {
            return true;
        }
        char after = text.charAt(at + 3);
        return after == ' ' || after == '-';
    }

    /**
     * Returns the enhanced status code ({@code 5.7.1}) right after the reply code at {@code codeIndex}, also
     * written with a leading '#', or null when the reply quotes none.
     */
    static String enhancedStatusCode(String text, int codeIndex) {
        int i = codeIndex + 4;
        int length = text.length();
        if (i < length && text.charAt(i) == '#') {
            i++;
        }
        if (i + 5 > length) {
            return null;
        }
        char status = text.charAt(i);
        if ((status != '2' && status != '4' && status != '5') || text.charAt(i + 1) != '.') {
            return null;
        }
        int subjectStart = i + 2;
        int j = subjectStart;
        while (j < length && Chars.isDigit(text.charAt(j))) {
            j++;
        }
        if (j == subjectStart || j - subjectStart > 3 || j >= length || text.charAt(j) != '.') {
            return null;
        }
        int detailStart = j + 1;
        int k = detailStart;
        while (k < length && Chars.isDigit(text.charAt(k))) {
            k++;
        }
        if (k == detailStart || k - detailStart > 3 || (k < length && (Chars.isDigit(text.charAt(k)) || text.charAt(k) == '.'))) {
            return null;
        }
        return text.substring(i, k);
    }

    /**
     * Returns the MX host a status text names: {@code host X[ip] said}, {@code connect to X[ip]},
     * {@code lost connection with X[ip]}, {@code offered by host X[ip]}. Null when it names none.
     */
    static String replyHost(String text) {
        if (text == null) {
            return null;
        }
        int bracket = text.indexOf('[');
        while (bracket > 0) {
            int tokenStart = text.lastIndexOf(' ', bracket - 1) + 1;
            if (tokenStart > 1 && bracket > tokenStart && isHostName(text, tokenStart, bracket)) {
                int wordEnd = tokenStart - 1;
                int wordStart = text.lastIndexOf(' ', wordEnd - 1) + 1;
                if (isLeadWord(text, wordStart, wordEnd)) {
                    return text.substring(tokenStart, bracket);
                }
            }
            bracket = text.indexOf('[', bracket + 1);
        }
        return null;
    }

    private static boolean isLeadWord(String text, int start, int end) {
        int length = end - start;
        return (length == 4 && text.startsWith("host", start))
                || (length == 2 && text.startsWith("to", start))
                || (length == 4 && text.startsWith("with", start));
    }

    private static boolean isHostName(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!(Chars.isAlphanumeric(c) || c == '.' || c == '-' || c == '_' || c == ':')) {
                return false;
            }
        }
        return true;
    }
}
