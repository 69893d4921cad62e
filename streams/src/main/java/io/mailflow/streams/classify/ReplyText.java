package io.mailflow.streams.classify;

/**
 * Reads the status text of a delivery attempt: the remote SMTP reply code, the enhanced status code,
 * the remote host it names, and a normalised form for matching.
 *
 * <p>Postfix logs a multi-line SMTP reply as one string in which every line keeps its
 * {@code NNN-X.Y.Z} prefix, so a phrase can be split by a repeated {@code 550-5.7.1}. The normalised
 * form keeps the first reply code and enhanced status code, drops the repeated line prefixes and
 * collapses whitespace runs into one space. All methods accept null and never throw.
 */
public final class ReplyText {

    private ReplyText() {
    }

    /**
     * Returns the status text with the repeated continuation prefixes of a multi-line reply removed
     * and whitespace collapsed; the empty string for null.
     */
    public static String normalize(String statusText) {
        if (statusText == null || statusText.isEmpty()) {
            return "";
        }
        int codeAt = replyCodeIndex(statusText);
        boolean multiLine = codeAt >= 0 && codeAt + 3 < statusText.length() && statusText.charAt(codeAt + 3) == '-';
        if (!multiLine && !needsWhitespaceCollapse(statusText)) {
            return statusText;
        }

        StringBuilder normalized = new StringBuilder(statusText.length());
        boolean pendingSpace = false;
        int length = statusText.length();
        int i = 0;
        while (i < length) {
            char c = statusText.charAt(i);
            if (Character.isWhitespace(c)) {
                pendingSpace = normalized.length() > 0;
                i++;
            } else if (pendingSpace && i > codeAt && codeAt >= 0
                    && isContinuationPrefix(statusText, i, codeAt, multiLine)) {
                i = skipContinuationPrefix(statusText, i);
                pendingSpace = normalized.length() > 0;
            } else if (i == codeAt && multiLine) {
                appendPendingSpace(normalized, pendingSpace);
                normalized.append(statusText, i, i + 3).append(' ');
                pendingSpace = false;
                i += 4;
            } else {
                appendPendingSpace(normalized, pendingSpace);
                pendingSpace = false;
                normalized.append(c);
                i++;
            }
        }
        return normalized.toString().trim();
    }

    /** Returns the three-digit SMTP reply code quoted in the status text, or null when it has none. */
    public static Integer replyCode(String statusText) {
        int at = replyCodeIndex(statusText);
        return at < 0 ? null : Integer.valueOf(threeDigits(statusText, at));
    }

    /**
     * Returns the enhanced status code that follows the reply code ({@code 550 5.7.1},
     * {@code 550 #5.1.0}), or null.
     */
    public static String enhancedStatusCode(String statusText) {
        int at = replyCodeIndex(statusText);
        if (at < 0) {
            return null;
        }
        int start = at + 4;
        if (start < statusText.length() && statusText.charAt(start) == '#') {
            start++;
        }
        int end = enhancedCodeEnd(statusText, start);
        return end < 0 ? null : statusText.substring(start, end);
    }

    /**
     * Returns the first remote host the status text names with an address in brackets, as in
     * {@code host mx.example.com[192.0.2.1] said}, {@code connect to mx.example.com[192.0.2.1]:25} or
     * Exim's {@code H=mx.example.com [192.0.2.1]}, or null.
     */
    public static String replyHost(String statusText) {
        if (statusText == null) {
            return null;
        }
        int bracket = statusText.indexOf('[');
        while (bracket > 0) {
            int start = ReplyAddresses.hostTokenStart(statusText, bracket);
            if (start < bracket) {
                return statusText.substring(start, bracket).trim();
            }
            bracket = statusText.indexOf('[', bracket + 1);
        }
        return null;
    }

    /**
     * Returns the index of the first reply code: three digits starting with 2, 4 or 5 at the start of
     * the text or after a space, parenthesis or colon, followed by a space, a hyphen or the end.
     */
    static int replyCodeIndex(String text) {
        if (text == null) {
            return -1;
        }
        int limit = text.length() - 3;
        for (int i = 0; i <= limit; i++) {
            char first = text.charAt(i);
            if ((first == '2' || first == '4' || first == '5')
                    && isDigit(text.charAt(i + 1))
                    && isDigit(text.charAt(i + 2))
                    && (i == 0 || isCodeLeader(text.charAt(i - 1)))
                    && (i + 3 == text.length() || text.charAt(i + 3) == ' ' || text.charAt(i + 3) == '-')) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Returns the end of an enhanced status code {@code C.S.D} starting at {@code start}, or -1. The
     * code must be followed by a space, a closing parenthesis, a semicolon or the end of the text.
     */
    static int enhancedCodeEnd(String text, int start) {
        int length = text.length();
        if (start + 5 > length) {
            return -1;
        }
        char codeClass = text.charAt(start);
        if ((codeClass != '2' && codeClass != '4' && codeClass != '5') || text.charAt(start + 1) != '.') {
            return -1;
        }

        int i = start + 2;
        int subjectDigits = 0;
        while (i < length && isDigit(text.charAt(i)) && subjectDigits < 4) {
            i++;
            subjectDigits++;
        }
        if (subjectDigits == 0 || subjectDigits > 3 || i >= length || text.charAt(i) != '.') {
            return -1;
        }
        i++;

        int detailDigits = 0;
        while (i < length && isDigit(text.charAt(i)) && detailDigits < 4) {
            i++;
            detailDigits++;
        }
        if (detailDigits == 0 || detailDigits > 3) {
            return -1;
        }

        if (i < length) {
            char next = text.charAt(i);
            if (next != ' ' && next != ')' && next != ';' && next != ',' && !Character.isWhitespace(next)) {
                return -1;
            }
        }
        return i;
    }

    /** Packs an enhanced status code as {@code class * 1_000_000 + subject * 1_000 + detail}, or -1. */
    static int packStatusCode(String code) {
        if (code == null) {
            return -1;
        }
        String trimmed = code.trim();
        if (trimmed.startsWith("#")) {
            trimmed = trimmed.substring(1);
        }
        int end = enhancedCodeEnd(trimmed, 0);
        if (end != trimmed.length()) {
            return -1;
        }
        int firstDot = trimmed.indexOf('.');
        int secondDot = trimmed.indexOf('.', firstDot + 1);
        int codeClass = trimmed.charAt(0) - '0';
        int subject = Integer.parseInt(trimmed, firstDot + 1, secondDot, 10);
        int detail = Integer.parseInt(trimmed, secondDot + 1, trimmed.length(), 10);
        return codeClass * 1_000_000 + subject * 1_000 + detail;
    }

    static int threeDigits(String text, int at) {
        return (text.charAt(at) - '0') * 100 + (text.charAt(at + 1) - '0') * 10 + (text.charAt(at + 2) - '0');
    }

    private static boolean isContinuationPrefix(String text, int i, int codeAt, boolean multiLine) {
        if (!Character.isWhitespace(text.charAt(i - 1)) || i + 3 >= text.length()
                || !text.regionMatches(i, text, codeAt, 3)) {
            return false;
        }
        char separator = text.charAt(i + 3);
        if (separator == '-') {
            return true;
        }
        return separator == ' ' && (multiLine || enhancedCodeEnd(text, i + 4) > 0);
    }

    /**
     * Skips {@code NNN-} and the enhanced status code after it. A masked code such as
     * {@code x.x.xx}, as pasted logs often have, counts as one too.
     */
    private static int skipContinuationPrefix(String text, int i) {
        int next = i + 4;
        int codeEnd = enhancedCodeEnd(text, next);
        if (codeEnd > 0) {
            return codeEnd;
        }
        int end = next;
        boolean dot = false;
        while (end < text.length() && (text.charAt(end) == '.' || text.charAt(end) == 'x' || text.charAt(end) == 'X'
                || isDigit(text.charAt(end)))) {
            dot |= text.charAt(end) == '.';
            end++;
        }
        boolean masked = dot && end - next >= 5 && (end == text.length() || Character.isWhitespace(text.charAt(end)));
        return masked ? end : next;
    }

    private static boolean needsWhitespaceCollapse(String text) {
        int length = text.length();
        if (length > 0 && (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(length - 1)))) {
            return true;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c != ' ' && Character.isWhitespace(c)) {
                return true;
            }
            if (c == ' ' && i + 1 < length && Character.isWhitespace(text.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private static void appendPendingSpace(StringBuilder builder, boolean pendingSpace) {
        if (pendingSpace) {
            builder.append(' ');
        }
    }

    private static boolean isCodeLeader(char c) {
        return c == ' ' || c == '(' || c == ':' || c == '\t' || c == '"' || c == '\'';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
