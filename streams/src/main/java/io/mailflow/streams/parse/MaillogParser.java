package io.mailflow.streams.parse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one raw maillog line (from a file or a Kafka record) into a typed {@link MaillogRecord}, an
 * {@link ParseResult.Ignored} line or a {@link ParseResult.Failed} line with a reason. The format is
 * detected per line: RFC 3164 (with or without host, localized month names), RFC 5424, ISO-8601
 * prefixes, journald {@code short-iso}, Docker Compose prefixes, Exim main log and JSON envelopes.
 * Common Postfix lines are read by hand-written scanning, without regular expressions; JSON is only
 * parsed for lines that start with '{'.
 *
 * <p>Never throws on any input. Not thread-safe: it keeps the year of the previous line, a timestamp
 * cache and its counters, so use one parser per thread or stream task.
 */
public final class MaillogParser {

    private static final Logger LOG = LoggerFactory.getLogger(MaillogParser.class);
    private static final String WATERMARK_PREFIX = "#mailflow-watermark";
    private static final ParseResult WATERMARK = new ParseResult.Ignored(IgnoreReasons.WATERMARK);
    private static final ParseResult OTHER_PROGRAM = new ParseResult.Ignored(IgnoreReasons.OTHER_PROGRAM);
    private static final ParseResult JOURNAL_BANNER = new ParseResult.Ignored(IgnoreReasons.JOURNAL_BANNER);
    private static final int MAX_DETAIL_LENGTH = 200;

    private final ParserSettings settings;
    private final Timestamps timestamps;
    private final SyslogHeaderParser headerParser;
    private final JsonEnvelopeParser jsonParser;
    private final PostfixMessageParser postfix = new PostfixMessageParser();
    private final SendmailMessageParser sendmail = new SendmailMessageParser();
    private final EximMessageParser exim = new EximMessageParser();
    private final LineHeader header = new LineHeader();
    private final ParseCounters counters = new ParseCounters();
    private final RecordSink postfixSink = body -> record(body, Mta.POSTFIX);
    private final RecordSink sendmailSink = body -> record(body, Mta.SENDMAIL);
    private final RecordSink eximSink = body -> record(body, Mta.EXIM);
    private long parserErrors;

    public MaillogParser(ParserSettings settings) {
        this.settings = settings;
        this.timestamps = new Timestamps(settings);
        this.headerParser = new SyslogHeaderParser(timestamps);
        this.jsonParser = new JsonEnvelopeParser(timestamps);
    }

    public ParserSettings settings() {
        return settings;
    }

    /** Counts of all lines this parser has seen. */
    public ParseCounters counters() {
        return counters;
    }

    /** Parses one line without its line terminator. Unexpected runtime errors become {@link ParseFailureReason#PARSER_ERROR} failures, so bad input never throws. */
    public ParseResult parse(String rawLine) {
        ParseResult result;
        try {
            result = parseLine(rawLine);
        } catch (RuntimeException e) {
            parserErrors++;
            if (parserErrors <= 10 || parserErrors % 10_000 == 0) {
                LOG.warn("Parser error count={} line={}", parserErrors, cut(rawLine), e);
            }
            result = new ParseResult.Failed(ParseFailureReason.PARSER_ERROR, String.valueOf(e));
        }
        count(result);
        return result;
    }

    private void count(ParseResult result) {
        if (result instanceof ParseResult.Parsed parsed) {
            counters.countParsed(parsed.record().body());
        } else if (result instanceof ParseResult.Ignored ignored) {
            counters.countIgnored(ignored.reason());
        } else if (result instanceof ParseResult.Failed failed) {
            counters.countFailed(failed.reason());
        }
    }

    private ParseResult parseLine(String rawLine) {
        if (rawLine == null) {
            return new ParseResult.Failed(ParseFailureReason.EMPTY, "no line");
        }
        if (rawLine.length() > settings.maxLineLength()) {
            return new ParseResult.Failed(ParseFailureReason.TOO_LONG,
                    rawLine.length() + " characters, limit " + settings.maxLineLength());
        }
        String line = rawLine;
        int end = Chars.trimEnd(line, 0, line.length());
        int start = 0;
        while (start < end && (line.charAt(start) == ' ' || line.charAt(start) == '\t' || line.charAt(start) == '\uFEFF')) {
            start++;
        }
        if (start >= end) {
            return new ParseResult.Failed(ParseFailureReason.EMPTY, "blank line");
        }
        char first = line.charAt(start);
        if (first == '#' && line.startsWith(WATERMARK_PREFIX, start)) {
            return watermark(line, start + WATERMARK_PREFIX.length(), end);
        }
        if (first == '-' && line.startsWith("-- ", start)) {
            return JOURNAL_BANNER;
        }
        if (first == '{') {
            return refine(line, parseJson(line.substring(start, end)));
        }
        ParseResult result = parseSyslog(line, start, Long.MIN_VALUE);
        if (result instanceof ParseResult.Failed && line.indexOf('\u001b') >= 0) {
            // docker compose logs without --no-color wraps the service prefix in ANSI colour codes.
            String plain = withoutAnsiEscapes(line);
            result = parseSyslog(plain, Chars.skipSpaces(plain, 0), Long.MIN_VALUE);
        }
        return refine(line, result);
    }

    /** Removes ANSI CSI escape sequences such as {@code ESC[36m}. */
    private static String withoutAnsiEscapes(String line) {
        StringBuilder plain = new StringBuilder(line.length());
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\u001b' && i + 1 < line.length() && line.charAt(i + 1) == '[') {
                i += 2;
                while (i < line.length() && (line.charAt(i) < '@' || line.charAt(i) > '~')) {
                    i++;
                }
                i++;
            } else {
                plain.append(c);
                i++;
            }
        }
        return plain.toString();
    }

    /**
     * Returns the epoch milliseconds of a {@code #mailflow-watermark <epoch-ms>} line, or -1 when the
     * line is not a valid watermark. The topology uses it to advance stream time at the end of input.
     */
    public static long watermarkMillis(String rawLine) {
        if (rawLine == null) {
            return -1;
        }
        int end = Chars.trimEnd(rawLine, 0, rawLine.length());
        int start = Chars.skipSpaces(rawLine, 0);
        if (!rawLine.startsWith(WATERMARK_PREFIX, start)) {
            return -1;
        }
        int valueStart = Chars.skipSpaces(rawLine, start + WATERMARK_PREFIX.length());
        if (valueStart == start + WATERMARK_PREFIX.length()) {
            return -1;
        }
        return Chars.longDigits(rawLine, valueStart, end);
    }

    private static ParseResult watermark(String line, int valueStart, int end) {
        int start = Chars.skipSpaces(line, valueStart);
        if (start == valueStart || Chars.longDigits(line, start, end) < 0) {
            return new ParseResult.Failed(ParseFailureReason.INVALID_WATERMARK, cut(line));
        }
        return WATERMARK;
    }

    /** Parses a line with a syslog, ISO-8601 or Exim header, optionally behind a Docker Compose prefix. */
    private ParseResult parseSyslog(String line, int start, long referenceMillis) {
        int status = headerParser.parse(line, start, referenceMillis, header);
        if (status == SyslogHeaderParser.NOT_A_HEADER) {
            int afterPrefix = dockerComposePrefixEnd(line, start);
            if (afterPrefix > 0) {
                status = headerParser.parse(line, afterPrefix, referenceMillis, header);
            }
        }
        if (status == SyslogHeaderParser.INVALID_TIMESTAMP) {
            return new ParseResult.Failed(ParseFailureReason.INVALID_TIMESTAMP, cut(line));
        }
        if (status != SyslogHeaderParser.OK) {
            return new ParseResult.Failed(ParseFailureReason.UNKNOWN_FORMAT, cut(line));
        }
        return parseMessage(line, header.messageStart);
    }

    /**
     * End of a Docker Compose prefix such as {@code postfix-mailcow-1  | }, or -1 when the line has
     * none. The service name is letters, digits, '.', '_' and '-', padded with spaces before '|'.
     */
    private static int dockerComposePrefixEnd(String line, int start) {
        int i = start;
        int length = line.length();
        while (i < length && (Chars.isAlphanumeric(line.charAt(i)) || line.charAt(i) == '-' || line.charAt(i) == '_' || line.charAt(i) == '.')) {
            i++;
        }
        if (i == start || i >= length || line.charAt(i) != ' ') {
            return -1;
        }
        i = Chars.skipSpaces(line, i);
        if (i + 1 >= length || line.charAt(i) != '|') {
            return -1;
        }
        return line.charAt(i + 1) == ' ' ? i + 2 : i + 1;
    }

    /** Dispatches the program's message to the parser of its MTA. */
    private ParseResult parseMessage(String line, int messageStart) {
        if (header.eximMainLog) {
            return exim.parse(line, messageStart, eximSink);
        }
        String program = header.program;
        if (program.indexOf('/') > 0 || program.equals("postfix")) {
            if (program.startsWith("exim")) {
                return exim.parse(line, messageStart, eximSink);
            }
            return postfix.parse(line, messageStart, program, postfixSink);
        }
        if (program.startsWith("sm-") || program.equals("sendmail")) {
            return sendmail.parse(line, messageStart, sendmailSink);
        }
        if (program.startsWith("exim")) {
            return exim.parse(line, messageStart, eximSink);
        }
        return OTHER_PROGRAM;
    }

    private ParseResult record(MaillogBody body, Mta mta) {
        String program = header.program;
        String instance = null;
        if (mta == Mta.POSTFIX) {
            int slash = program.indexOf('/');
            if (slash > 0 && !program.startsWith("postfix/")) {
                instance = program.substring(0, slash);
            }
        }
        return new ParseResult.Parsed(new MaillogRecord(
                header.eventTime, header.timestamp, header.host, program, header.pid, instance, mta, body, null));
    }

    private ParseResult parseJson(String line) {
        JsonEnvelopeParser.Envelope envelope = jsonParser.read(line);
        if (envelope.failure() != null) {
            return envelope.failure();
        }
        String message = envelope.message();
        if (message == null) {
            return new ParseResult.Failed(ParseFailureReason.MISSING_FIELD, "JSON record without message, msg, log or MESSAGE");
        }

        long reference = envelope.hasTime() ? envelope.epochMillis() : Long.MIN_VALUE;
        int status = headerParser.parse(message, 0, reference, header);
        if (status == SyslogHeaderParser.OK) {
            if (header.host == null && !header.eximMainLog) {
                header.host = envelope.host();
            }
            return parseMessage(message, header.messageStart);
        }

        // Only the program's message: the envelope supplies time, host and program.
        header.reset();
        if (!envelope.hasTime()) {
            return new ParseResult.Failed(ParseFailureReason.MISSING_FIELD, "JSON record without a time field");
        }
        header.eventTime = envelope.epochMillis();
        header.timestamp = envelope.timestampText();
        header.host = envelope.host();
        header.program = envelope.program();
        header.pid = envelope.pid();
        int messageStart = 0;
        if (header.program == null) {
            messageStart = readLeadingTag(message);
            if (messageStart < 0) {
                return new ParseResult.Failed(ParseFailureReason.MISSING_FIELD, "JSON record without a program field");
            }
        }
        return parseMessage(message, messageStart);
    }

    /** Reads a {@code program[pid]: } tag at the start of a message into the header; -1 when there is none. */
    private int readLeadingTag(String message) {
        int space = message.indexOf(' ');
        if (space < 2 || message.charAt(space - 1) != ':') {
            return -1;
        }
        int bracket = message.indexOf('[');
        if (bracket > 0 && bracket < space) {
            header.program = message.substring(0, bracket);
            int pid = Chars.digits(message, bracket + 1, space - 2);
            header.pid = pid < 0 ? MaillogRecord.NO_PID : pid;
        } else {
            header.program = message.substring(0, space - 1);
        }
        return space + 1;
    }

    /** Names the cause of a failure more precisely when the line contains binary data or invalid UTF-8. */
    private static ParseResult refine(String line, ParseResult result) {
        if (!(result instanceof ParseResult.Failed failed)
                || failed.reason() == ParseFailureReason.TOO_LONG || failed.reason() == ParseFailureReason.PARSER_ERROR) {
            return result;
        }
        int controls = 0;
        boolean replacement = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == 0 || (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != 0x1b) || c == 0x7f) {
                controls++;
            } else if (c == '\uFFFD') {
                replacement = true;
            }
        }
        if (controls > 0) {
            return new ParseResult.Failed(ParseFailureReason.BINARY, controls + " control characters; " + failed.detail());
        }
        if (replacement) {
            return new ParseResult.Failed(ParseFailureReason.INVALID_UTF8, "invalid UTF-8; " + failed.detail());
        }
        return result;
    }

    private static String cut(String line) {
        if (line == null) {
            return "null";
        }
        return line.length() <= MAX_DETAIL_LENGTH ? line : line.substring(0, MAX_DETAIL_LENGTH) + "...";
    }
}
