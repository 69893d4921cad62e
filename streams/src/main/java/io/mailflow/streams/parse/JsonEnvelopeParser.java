package io.mailflow.streams.parse;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the log shipper JSON envelopes a line may arrive in. Accepted shapes (first field found wins):
 * <ul>
 *   <li>message: {@code MESSAGE} (journald; a byte array when not UTF-8), {@code message},
 *       {@code msg}, {@code log} (Fluent Bit)</li>
 *   <li>host: {@code _HOSTNAME}, {@code host.name} (Filebeat), {@code hostname}, {@code host}
 *       (Vector, Fluent Bit), {@code fromhost}</li>
 *   <li>program: {@code SYSLOG_IDENTIFIER}, {@code programname} (rsyslog), {@code appname},
 *       {@code app_name}, {@code ident}, {@code process.name}, {@code program}, or a
 *       {@code syslogtag} such as {@code postfix/smtp[123]:}</li>
 *   <li>pid: {@code _PID}, {@code SYSLOG_PID}, {@code procid}, {@code pid}, {@code process.pid}</li>
 *   <li>time: {@code __REALTIME_TIMESTAMP} or {@code _SOURCE_REALTIME_TIMESTAMP} (microseconds),
 *       {@code @timestamp}, {@code timestamp},
 *       {@code time}, {@code date} (epoch seconds, Fluent Bit)</li>
 * </ul>
 * The message may be a full syslog line (its own header then wins, and the envelope's time only
 * helps to infer an RFC 3164 year) or only the program's message, which then needs the program and
 * time fields. The rsyslog omkafka template this accepts is
 * {@code {"timestamp":"%timereported:::date-rfc3339%","host":"%hostname%","programname":"%programname%","procid":"%procid%","msg":"%msg:::json%"}}.
 */
final class JsonEnvelopeParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Fields of one envelope, or the failure of a line that is not a JSON object. The message is
     * null when the record had none; {@code epochMillis} is {@link Long#MIN_VALUE} without a time.
     */
    record Envelope(
            ParseResult.Failed failure, String message, String host, String program, int pid, String timestampText,
            long epochMillis) {

        static Envelope failed(String detail) {
            return new Envelope(new ParseResult.Failed(ParseFailureReason.INVALID_JSON, detail), null, null, null,
                    MaillogRecord.NO_PID, null, Long.MIN_VALUE);
        }

        boolean hasTime() {
            return epochMillis != Long.MIN_VALUE;
        }
    }

    private final Timestamps timestamps;
    private final long[] parsedMillis = new long[1];

    JsonEnvelopeParser(Timestamps timestamps) {
        this.timestamps = timestamps;
    }

    /** Reads the envelope; its {@code failure} is set for text that is not a JSON object. */
    Envelope read(String line) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return Envelope.failed(e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return Envelope.failed("not a JSON object");
        }

        String message = message(root);
        String host = text(root, "_HOSTNAME", "hostname", "fromhost");
        if (host == null) {
            JsonNode hostNode = root.get("host");
            host = hostNode == null ? null : hostNode.isObject() ? text(hostNode, "name", "hostname") : scalar(hostNode);
        }
        String program = text(root, "SYSLOG_IDENTIFIER", "programname", "appname", "app_name", "ident", "program");
        if (program == null) {
            program = nested(root, "process", "name");
        }
        String pidText = text(root, "_PID", "SYSLOG_PID", "procid", "pid");
        if (pidText == null) {
            pidText = nested(root, "process", "pid");
        }
        int pid = pidText == null ? MaillogRecord.NO_PID : Math.max(Chars.digits(pidText, 0, pidText.length()), MaillogRecord.NO_PID);
        String syslogTag = text(root, "syslogtag");
        if (program == null && syslogTag != null) {
            int bracket = syslogTag.indexOf('[');
            int end = bracket > 0 ? bracket : syslogTag.endsWith(":") ? syslogTag.length() - 1 : syslogTag.length();
            program = end > 0 ? syslogTag.substring(0, end) : null;
            if (bracket > 0 && pid == MaillogRecord.NO_PID) {
                int close = syslogTag.indexOf(']', bracket);
                pid = close > bracket ? Math.max(Chars.digits(syslogTag, bracket + 1, close), MaillogRecord.NO_PID) : pid;
            }
        }

        String timestampText = null;
        long epochMillis = Long.MIN_VALUE;
        String realtime = text(root, "__REALTIME_TIMESTAMP", "_SOURCE_REALTIME_TIMESTAMP");
        if (realtime != null) {
            long micros = Chars.longDigits(realtime, 0, realtime.length());
            if (micros >= 0) {
                epochMillis = micros / 1000L;
                timestampText = timestamps.renderInstant(epochMillis);
            }
        }
        if (epochMillis == Long.MIN_VALUE) {
            String iso = text(root, "@timestamp", "timestamp", "time");
            if (iso != null && timestamps.parseIso(iso, 0, true, parsedMillis) == iso.length()) {
                epochMillis = parsedMillis[0];
                timestampText = iso;
            } else {
                JsonNode epoch = firstNumber(root, "date", "timestamp", "time");
                if (epoch != null) {
                    epochMillis = new BigDecimal(epoch.asText()).movePointRight(3).longValue();
                    timestampText = timestamps.renderInstant(epochMillis);
                }
            }
        }
        return new Envelope(null, message, host, program, pid, timestampText, epochMillis);
    }

    private static String message(JsonNode root) {
        for (String name : new String[] {"MESSAGE", "message", "msg", "log"}) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                continue;
            }
            if (node.isArray()) {
                // journald exports a message that is not valid UTF-8 as an array of byte values.
                byte[] bytes = new byte[node.size()];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) node.get(i).asInt();
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
            if (node.isValueNode()) {
                return stripNewline(node.asText());
            }
        }
        return null;
    }

    private static String stripNewline(String message) {
        int end = message.length();
        while (end > 0 && (message.charAt(end - 1) == '\n' || message.charAt(end - 1) == '\r')) {
            end--;
        }
        return end == message.length() ? message : message.substring(0, end);
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            String value = scalar(node.get(name));
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    private static String nested(JsonNode root, String parent, String child) {
        JsonNode parentNode = root.get(parent);
        return parentNode != null && parentNode.isObject() ? scalar(parentNode.get(child)) : null;
    }

    private static String scalar(JsonNode node) {
        return node == null || !node.isValueNode() || node.isNull() ? null : node.asText();
    }

    private static JsonNode firstNumber(JsonNode root, String... names) {
        for (String name : names) {
            JsonNode node = root.get(name);
            if (node != null && node.isNumber()) {
                return node;
            }
        }
        return null;
    }
}
