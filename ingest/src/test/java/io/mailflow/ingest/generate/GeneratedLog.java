package io.mailflow.ingest.generate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A generated run kept in memory, with each line split into its syslog fields for assertions. */
final class GeneratedLog {

    private static final Pattern RFC3164 = Pattern.compile("^(\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d) (\\S+) (\\S+)\\[(\\d+)\\]: (.*)$");
    private static final Pattern RFC3339 = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\S+) (\\S+) (\\S+)\\[(\\d+)\\]: (.*)$");
    private static final Pattern QUEUE_ID = Pattern.compile("^([0-9A-Za-z]{10,20}): (.*)$");
    private static final DateTimeFormatter SYSLOG_TIME = DateTimeFormatter.ofPattern("yyyy MMM ppd HH:mm:ss", Locale.ROOT);

    /** One line split into header fields; {@code queueId} is null for lines without one. */
    record Line(String raw, Instant time, String host, String program, int pid, String queueId, String message) {

        boolean isDelivery() {
            return queueId != null && message.startsWith("to=<") && message.contains(", status=");
        }

        String status() {
            int at = message.indexOf(", status=");
            int end = message.indexOf(' ', at + 9);
            return message.substring(at + 9, end < 0 ? message.length() : end);
        }

        String field(String name) {
            int at = message.indexOf(name + "=");
            if (at < 0) {
                return null;
            }
            int start = at + name.length() + 1;
            int end = message.indexOf(", ", start);
            return message.substring(start, end < 0 ? message.length() : end);
        }
    }

    final TrafficGenerator generator;
    final GenerationSummary summary;
    final List<String> raw;
    final List<Line> lines;

    private GeneratedLog(TrafficGenerator generator, GenerationSummary summary, List<String> raw, List<Line> lines) {
        this.generator = generator;
        this.summary = summary;
        this.raw = raw;
        this.lines = lines;
    }

    static GeneratedLog generate(GeneratorSettings settings) {
        TrafficGenerator generator = new TrafficGenerator(settings);
        List<String> raw = new ArrayList<>();
        GenerationSummary summary = generator.generate((line, host) -> raw.add(line.toString()));
        int year = LocalDateTime.ofInstant(settings.start(), ZoneOffset.UTC).getYear();
        List<Line> lines = new ArrayList<>(raw.size());
        for (String line : raw) {
            lines.add(parse(line, settings.isoTimestamps(), year));
        }
        return new GeneratedLog(generator, summary, raw, lines);
    }

    static Line parse(String raw, boolean iso, int year) {
        Matcher header = (iso ? RFC3339 : RFC3164).matcher(raw);
        if (!header.matches()) {
            throw new AssertionError("line does not have a syslog header: " + raw);
        }
        Instant time = iso
                ? java.time.OffsetDateTime.parse(header.group(1)).toInstant()
                : LocalDateTime.parse(year + " " + header.group(1), SYSLOG_TIME).toInstant(ZoneOffset.UTC);
        String message = header.group(5);
        String queueId = null;
        Matcher withQueueId = QUEUE_ID.matcher(message);
        if (withQueueId.matches() && !message.startsWith("connect ") && !message.startsWith("disconnect ")) {
            queueId = withQueueId.group(1);
            message = withQueueId.group(2);
        }
        return new Line(raw, time, header.group(2), header.group(3), Integer.parseInt(header.group(4)), queueId, message);
    }

    List<Line> deliveries() {
        List<Line> deliveries = new ArrayList<>();
        for (Line line : lines) {
            if (line.isDelivery()) {
                deliveries.add(line);
            }
        }
        return deliveries;
    }

    List<Line> containing(String text) {
        List<Line> matching = new ArrayList<>();
        for (Line line : lines) {
            if (line.raw().contains(text)) {
                matching.add(line);
            }
        }
        return matching;
    }
}
