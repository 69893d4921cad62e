package io.mailflow.streams.parse;

/**
 * Reads the header of a maillog line: RFC 3164 (with or without host, English or localized month,
 * optional fraction), RFC 5424, ISO-8601 / RFC 3339 prefixes (rsyslog high precision, journald
 * {@code short-iso}), {@code YYYY Mon DD HH:MM:SS} and Exim main-log stamps, each with an optional
 * {@code <PRI>}. Not thread-safe: it shares the parser's {@link Timestamps}.
 */
final class SyslogHeaderParser {

    /** Result codes of {@link #parse}. */
    static final int OK = 0;
    static final int NOT_A_HEADER = 1;
    static final int INVALID_TIMESTAMP = 2;

    private final Timestamps timestamps;
    private final long[] epochMillis = new long[1];

    SyslogHeaderParser(Timestamps timestamps) {
        this.timestamps = timestamps;
    }

    /**
     * Parses the header that starts at {@code start}; {@code referenceMillis} (or
     * {@link Long#MIN_VALUE}) is a dated envelope's time used to infer the year of an RFC 3164 stamp.
     */
    int parse(String line, int start, long referenceMillis, LineHeader header) {
        header.reset();
        int length = line.length();
        int i = Chars.skipSpaces(line, start);
        if (i >= length) {
            return NOT_A_HEADER;
        }

        if (line.charAt(i) == '<') {
            int close = line.indexOf('>', i);
            if (close < 0 || close - i > 4 || Chars.digits(line, i + 1, close) < 0) {
                return NOT_A_HEADER;
            }
            i = close + 1;
            if (line.startsWith("1 ", i)) {
                return parseRfc5424(line, i + 2, header);
            }
        }

        char first = line.charAt(i);
        if (Chars.isDigit(first)) {
            return parseNumericStamp(line, i, header);
        }
        return parseRfc3164(line, i, referenceMillis, header);
    }

    private int parseRfc3164(String line, int start, long referenceMillis, LineHeader header) {
        int monthEnd = line.indexOf(' ', start);
        if (monthEnd < 0) {
            return NOT_A_HEADER;
        }
        int month = MonthNames.month(line, start, monthEnd);
        if (month == 0) {
            return NOT_A_HEADER;
        }
        return parseDayAndTime(line, monthEnd, month, -1, referenceMillis, header);
    }

    /** Parses {@code " DD HH:MM:SS[.fff]"} after the month; {@code year} is -1 when the line has none. */
    private int parseDayAndTime(String line, int afterMonth, int month, int year, long referenceMillis, LineHeader header) {
        int length = line.length();
        int i = Chars.skipSpaces(line, afterMonth);
        int dayStart = i;
        while (i < length && Chars.isDigit(line.charAt(i))) {
            i++;
        }
        int day = Chars.digits(line, dayStart, i);
        if (day < 0 || i - dayStart > 2 || i >= length || line.charAt(i) != ' ') {
            return NOT_A_HEADER;
        }
        i++;
        if (i + 8 > length || line.charAt(i + 2) != ':' || line.charAt(i + 5) != ':') {
            return NOT_A_HEADER;
        }
        int hour = Chars.twoDigits(line, i);
        int minute = Chars.twoDigits(line, i + 3);
        int second = Chars.twoDigits(line, i + 6);
        if (hour < 0 || minute < 0 || second < 0) {
            return NOT_A_HEADER;
        }
        i += 8;
        int millis = 0;
        if (i < length && line.charAt(i) == '.') {
            int fractionStart = ++i;
            while (i < length && Chars.isDigit(line.charAt(i))) {
                i++;
            }
            millis = Timestamps.fractionMillis(line, fractionStart, i);
        }
        if (hour > 23 || minute > 59 || second > 60 || day < 1 || day > 31) {
            return INVALID_TIMESTAMP;
        }

        int secondOfDay = hour * 3600 + minute * 60 + Math.min(second, 59);
        int resolvedYear = year;
        if (resolvedYear < 0) {
            resolvedYear = referenceMillis != Long.MIN_VALUE && !timestamps.hasConstantYear()
                    ? timestamps.yearNear(month, day, referenceMillis)
                    : timestamps.inferYear(month, day, secondOfDay);
        }
        long eventTime = timestamps.localToEpochMillis(resolvedYear, month, day, secondOfDay, millis);
        if (eventTime == Long.MIN_VALUE) {
            return INVALID_TIMESTAMP;
        }
        header.eventTime = eventTime;
        header.timestamp = timestamps.renderedText();
        return parseHostAndTag(line, i, header);
    }

    /** ISO-8601 ({@code 2021-10-28T09:26:02.090209+00:00}), Exim ({@code 2024-01-15 10:00:00}) or {@code 2026 Jun 10 ...}. */
    private int parseNumericStamp(String line, int start, LineHeader header) {
        int length = line.length();
        if (start + 5 < length && line.charAt(start + 4) == ' ' && Chars.digits(line, start, start + 4) >= 0) {
            int monthStart = start + 5;
            int monthEnd = line.indexOf(' ', monthStart);
            int month = monthEnd < 0 ? 0 : MonthNames.month(line, monthStart, monthEnd);
            if (month == 0) {
                return NOT_A_HEADER;
            }
            return parseDayAndTime(line, monthEnd, month, Chars.digits(line, start, start + 4), Long.MIN_VALUE, header);
        }

        int end = timestamps.parseIso(line, start, true, epochMillis);
        if (end == -1) {
            return NOT_A_HEADER;
        }
        if (end == -2) {
            return INVALID_TIMESTAMP;
        }
        header.eventTime = epochMillis[0];
        if (line.charAt(start + 10) == 'T') {
            header.timestamp = line.substring(start, end);
            return parseHostAndTag(line, end, header);
        }

        // "YYYY-MM-DD HH:MM:SS": rendered to the second, not copied. Exim may log its zone as
        // " +0100" after the stamp (log_timezone); that offset then replaces the configured zone.
        boolean offsetWritten = false;
        for (int k = start + 19; k < end; k++) {
            char c = line.charAt(k);
            offsetWritten |= c == '+' || c == '-' || c == 'Z' || c == 'z';
        }
        header.timestamp = offsetWritten ? timestamps.renderInstant(header.eventTime) : timestamps.renderedText();
        int afterStamp = end;
        int offsetSeconds = eximZoneOffset(line, end);
        if (offsetSeconds != Integer.MIN_VALUE) {
            long localSeconds = Timestamps.epochDay(
                    Chars.digits(line, start, start + 4), Chars.twoDigits(line, start + 5), Chars.twoDigits(line, start + 8))
                    * 86_400L
                    + Chars.twoDigits(line, start + 11) * 3600L + Chars.twoDigits(line, start + 14) * 60L
                    + Math.min(Chars.twoDigits(line, start + 17), 59);
            header.eventTime = (localSeconds - offsetSeconds) * 1000L + Math.floorMod(header.eventTime, 1000L);
            header.timestamp = line.substring(start, start + 10) + 'T' + line.substring(start + 11, start + 19)
                    + line.substring(end + 1, end + 4) + ':' + line.substring(end + 4, end + 6);
            afterStamp = end + 6;
        }
        if (looksLikeEximMessage(line, afterStamp)) {
            header.eximMainLog = true;
            header.program = "exim";
            int i = Chars.skipSpaces(line, afterStamp);
            if (i < length && line.charAt(i) == '[') {
                int close = line.indexOf(']', i);
                int pid = close < 0 ? -1 : Chars.digits(line, i + 1, close);
                if (pid >= 0) {
                    header.pid = pid;
                    i = Chars.skipSpaces(line, close + 1);
                }
            }
            header.messageStart = i;
            return OK;
        }
        return parseHostAndTag(line, afterStamp, header);
    }

    /** Offset in seconds of a {@code " +HHMM"} zone at {@code at}, or {@link Integer#MIN_VALUE} when there is none. */
    private static int eximZoneOffset(String line, int at) {
        if (at + 6 > line.length() || line.charAt(at) != ' ') {
            return Integer.MIN_VALUE;
        }
        char sign = line.charAt(at + 1);
        int hours = Chars.twoDigits(line, at + 2);
        int minutes = Chars.twoDigits(line, at + 4);
        if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || hours > 18 || minutes > 59
                || (at + 6 < line.length() && line.charAt(at + 6) != ' ')) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '+' ? seconds : -seconds;
    }

    /** Returns true for an Exim main-log line, which has a [pid], a message id or Exim's own text after the stamp instead of a host and tag. */
    private static boolean looksLikeEximMessage(String line, int afterStamp) {
        int i = Chars.skipSpaces(line, afterStamp);
        int length = line.length();
        if (i >= length) {
            return true;
        }
        if (line.charAt(i) == '[') {
            return true;
        }
        int tokenEnd = Chars.nextSpace(line, i);
        if (EximMessageParser.isMessageId(line, i, tokenEnd)) {
            return true;
        }
        // A syslog line has "host tag:" or "tag:" here.
        if (line.charAt(tokenEnd - 1) == ':' && tokenEnd - i > 1) {
            return false;
        }
        int second = Chars.skipSpaces(line, tokenEnd);
        int secondEnd = Chars.nextSpace(line, second);
        return !(secondEnd > second && line.charAt(secondEnd - 1) == ':');
    }

    /**
     * Reads {@code [host] tag:} after the stamp. A token that ends with ':' is the tag, so a line
     * without a host field is recognized. One extra token between host and tag, such as the
     * facility.level field some daemons add, is skipped.
     */
    private int parseHostAndTag(String line, int afterStamp, LineHeader header) {
        int length = line.length();
        int i = Chars.skipSpaces(line, afterStamp);
        if (i >= length) {
            return NOT_A_HEADER;
        }
        int firstEnd = Chars.nextSpace(line, i);
        if (isTag(line, i, firstEnd)) {
            return readTag(line, i, firstEnd, header);
        }
        header.host = line.substring(i, firstEnd);
        int tagStart = Chars.skipSpaces(line, firstEnd);
        if (tagStart >= length) {
            return NOT_A_HEADER;
        }
        int tagEnd = Chars.nextSpace(line, tagStart);
        if (isTag(line, tagStart, tagEnd)) {
            return readTag(line, tagStart, tagEnd, header);
        }
        int nextStart = Chars.skipSpaces(line, tagEnd);
        int nextEnd = Chars.nextSpace(line, nextStart);
        if (nextStart < length && isTag(line, nextStart, nextEnd)) {
            return readTag(line, nextStart, nextEnd, header);
        }
        return NOT_A_HEADER;
    }

    private static boolean isTag(String line, int start, int end) {
        return end - start >= 2 && line.charAt(end - 1) == ':' && line.charAt(start) != '[';
    }

    /** Reads {@code program[pid]:} or {@code program:} in {@code line[start, end)}. */
    private static int readTag(String line, int start, int end, LineHeader header) {
        int tagEnd = end - 1;
        int bracket = line.indexOf('[', start);
        if (bracket > start && bracket < tagEnd && line.charAt(tagEnd - 1) == ']') {
            header.program = line.substring(start, bracket);
            int pid = Chars.digits(line, bracket + 1, tagEnd - 1);
            header.pid = pid < 0 ? MaillogRecord.NO_PID : pid;
        } else {
            header.program = line.substring(start, tagEnd);
        }
        header.messageStart = end < line.length() ? end + 1 : end;
        return OK;
    }

    /**
     * RFC 5424: {@code VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD [SP MSG]},
     * where "-" is the nil value. The timestamp is copied as written.
     */
    private int parseRfc5424(String line, int start, LineHeader header) {
        int length = line.length();
        int timestampEnd = Chars.nextSpace(line, start);
        if (timestampEnd - start == 1 && line.charAt(start) == '-') {
            return INVALID_TIMESTAMP;
        }
        int end = timestamps.parseIso(line, start, false, epochMillis);
        if (end == -1) {
            return NOT_A_HEADER;
        }
        if (end == -2 || end != timestampEnd) {
            return INVALID_TIMESTAMP;
        }
        header.eventTime = epochMillis[0];
        header.timestamp = line.substring(start, end);

        int hostStart = end + 1;
        int hostEnd = Chars.nextSpace(line, hostStart);
        int appStart = hostEnd + 1;
        int appEnd = Chars.nextSpace(line, Math.min(appStart, length));
        int procStart = appEnd + 1;
        int procEnd = Chars.nextSpace(line, Math.min(procStart, length));
        int msgIdStart = procEnd + 1;
        int msgIdEnd = Chars.nextSpace(line, Math.min(msgIdStart, length));
        int sdStart = msgIdEnd + 1;
        if (sdStart > length) {
            return NOT_A_HEADER;
        }
        header.host = nil(line, hostStart, hostEnd);
        header.program = nil(line, appStart, appEnd);
        String procId = nil(line, procStart, procEnd);
        int pid = procId == null ? -1 : Chars.digits(procId, 0, procId.length());
        header.pid = pid < 0 ? MaillogRecord.NO_PID : pid;

        int messageStart = skipStructuredData(line, sdStart);
        if (messageStart < 0) {
            return NOT_A_HEADER;
        }
        if (messageStart < length && line.charAt(messageStart) == ' ') {
            messageStart++;
        }
        if (messageStart < length && line.charAt(messageStart) == '\uFEFF') {
            messageStart++;
        }
        header.messageStart = messageStart;
        return header.program == null ? NOT_A_HEADER : OK;
    }

    private static String nil(String line, int start, int end) {
        if (start >= end || (end - start == 1 && line.charAt(start) == '-')) {
            return null;
        }
        return line.substring(start, end);
    }

    /** Returns the index after the structured data at {@code start}, or -1 when it is malformed. */
    private static int skipStructuredData(String line, int start) {
        int length = line.length();
        if (start >= length) {
            return length;
        }
        if (line.charAt(start) == '-') {
            return start + 1;
        }
        int i = start;
        while (i < length && line.charAt(i) == '[') {
            i++;
            boolean quoted = false;
            while (i < length) {
                char c = line.charAt(i);
                if (c == '\\' && quoted) {
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ']' && !quoted) {
                    break;
                }
                i++;
            }
            if (i >= length) {
                return -1;
            }
            i++;
        }
        return i == start ? -1 : i;
    }
}
