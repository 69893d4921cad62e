package io.mailflow.app;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.SourceCoordinates;
import io.mailflow.streams.classify.ProviderResolver;
import io.mailflow.streams.classify.ReplyClassifier;
import io.mailflow.streams.correlate.CorrelationSettings;
import io.mailflow.streams.correlate.DeliveryEventJson;
import io.mailflow.streams.correlate.MaillogPipeline;
import io.mailflow.streams.parse.MaillogLineReader;
import io.mailflow.streams.parse.ParseCounters;
import io.mailflow.streams.parse.ParseFailureReason;
import io.mailflow.streams.parse.ParserSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailflow parse}: reads maillog files (plain or gzip) or standard input and prints one JSON
 * object per delivery attempt, in line order, or with {@code --summary} a report per host, sending
 * IP and provider. Runs the same parser, correlator and classifier as the Kafka Streams topology.
 */
@Command(
        name = "parse",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Parse maillog files and print one JSON object per delivery attempt, in line order.",
            "Reads Postfix, sendmail and Exim lines in syslog, ISO-8601, journald, Docker Compose and JSON envelope "
                    + "shapes; gzip files are detected by their magic bytes. Lines that cannot be parsed are counted "
                    + "per reason on standard error."
        })
public final class ParseCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Maillog files to read in this order, plain or gzip; '-' or none reads standard input.")
    private List<String> files = new ArrayList<>();

    @Option(names = "--summary", description = "Print a report per host, sending IP and provider instead of JSON lines.")
    private boolean summary;

    @Option(names = "--zone", paramLabel = "ZONE", converter = ZoneConverter.class,
            description = "Time zone of timestamps written without an offset, such as Europe/Berlin (default: UTC).")
    private ZoneId zone = ZoneOffset.UTC;

    @Option(names = "--year", paramLabel = "YEAR",
            description = "Year of every RFC 3164 line (such lines carry none). "
                    + "Default: the latest year that does not put a line more than 7 days after the reference time.")
    private Integer year;

    @Option(names = "--start-year", paramLabel = "YEAR",
            description = "Year of the first RFC 3164 line; later lines move to the next year after December.")
    private Integer startYear;

    @Option(names = "--reference-time", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Reference time for the year of RFC 3164 lines, such as 2027-01-05T00:00:00Z (default: now).")
    private Instant referenceTime;

    @Option(names = "--rejected", paramLabel = "FILE",
            description = "Write each line that cannot be parsed to FILE as JSON with its reason and source.")
    private Path rejectedFile;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Operator rule file (YAML) for reply categories and providers; repeatable, applied in order.")
    private List<Path> ruleFiles = new ArrayList<>();

    @Option(names = "--max-line-length", paramLabel = "CHARS",
            description = "Lines longer than this are rejected as too_long (default: ${DEFAULT-VALUE}).")
    private int maxLineLength = ParserSettings.DEFAULT_MAX_LINE_LENGTH;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        MaillogPipeline pipeline;
        try {
            ParserSettings.Builder settings = ParserSettings.builder().zone(zone).year(year).startYear(startYear).maxLineLength(maxLineLength);
            if (referenceTime != null) {
                settings.clock(Clock.fixed(referenceTime, ZoneOffset.UTC));
            }
            ParserSettings parserSettings = settings.build();
            ProviderResolver providers = ProviderResolver.load(ruleFiles);
            ReplyClassifier classifier = ReplyClassifier.load(ruleFiles, providers);
            pipeline = new MaillogPipeline(parserSettings, CorrelationSettings.offline(), classifier, providers);
        } catch (IllegalArgumentException e) {
            // Also RuleFileException, which names the file, the rule id and the field.
            err.println("mailflow parse: " + e.getMessage());
            return 2;
        }

        DeliverySummary report = summary ? new DeliverySummary() : null;
        try (RejectedLineWriter rejected = RejectedLineWriter.open(rejectedFile)) {
            pipeline.onRejected(rejected::write);
            for (String file : files.isEmpty() ? List.of("-") : files) {
                try (InputStream in = open(file)) {
                    readLines(file, in, pipeline, out, report);
                } catch (NoSuchFileException e) {
                    err.println("mailflow parse: file not found: " + file);
                    return 1;
                } catch (IOException e) {
                    err.println("mailflow parse: failed to read " + file + ": " + e);
                    return 1;
                }
            }
            write(pipeline.finish(), out, report);
        }

        if (report != null) {
            report.print(out, pipeline.counters());
        }
        out.flush();
        printRejections(err, pipeline.counters());
        return 0;
    }

    private InputStream open(String file) throws IOException {
        return file.equals("-") ? System.in : Files.newInputStream(Path.of(file));
    }

    private void readLines(String file, InputStream in, MaillogPipeline pipeline, PrintWriter out, DeliverySummary report)
            throws IOException {
        String sourceName = file.equals("-") ? "-" : file;
        try (MaillogLineReader reader = new MaillogLineReader(in, maxLineLength)) {
            long lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                SourceCoordinates source = new SourceCoordinates(null, null, null, sourceName, lineNumber);
                write(pipeline.accept(line, source), out, report);
            }
        }
    }

    private static void write(List<DeliveryEvent> events, PrintWriter out, DeliverySummary report) {
        for (DeliveryEvent event : events) {
            if (report != null) {
                report.add(event);
            } else {
                out.print(DeliveryEventJson.toCorpusJson(event));
                out.print('\n');
            }
        }
    }

    private static void printRejections(PrintWriter err, ParseCounters counters) {
        if (counters.failed() == 0) {
            return;
        }
        StringBuilder line = new StringBuilder("mailflow parse: rejected ").append(counters.failed()).append(" of ")
                .append(counters.lines()).append(" lines:");
        for (Map.Entry<ParseFailureReason, Long> entry : counters.failedByReason().entrySet()) {
            line.append(' ').append(entry.getKey().code()).append('=').append(entry.getValue());
        }
        err.println(line);
        err.flush();
    }

    /** Writes rejected lines as JSON objects, one per line; does nothing without a file. */
    private static final class RejectedLineWriter implements AutoCloseable {
        private final Path file;
        private final BufferedWriter writer;

        private RejectedLineWriter(Path file, BufferedWriter writer) {
            this.file = file;
            this.writer = writer;
        }

        static RejectedLineWriter open(Path file) throws IOException {
            return new RejectedLineWriter(file, file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        }

        void write(String line, SourceCoordinates source, ParseFailureReason reason, String detail) {
            if (writer == null) {
                return;
            }
            StringBuilder json = new StringBuilder(line.length() + 128);
            json.append("{\"reason\":\"").append(reason.code()).append("\",\"file\":");
            appendString(json, source == null ? null : source.getFile());
            json.append(",\"line_number\":").append(source == null ? null : source.getLineNumber());
            json.append(",\"detail\":");
            appendString(json, detail);
            json.append(",\"line\":");
            appendString(json, line);
            json.append("}\n");
            try {
                writer.write(json.toString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Failed to write rejected line to " + file, e);
            }
        }

        private static void appendString(StringBuilder json, String value) {
            if (value == null) {
                json.append("null");
                return;
            }
            json.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    json.append('\\').append(c);
                } else if (c < 0x20) {
                    json.append(String.format("\\u%04x", (int) c));
                } else {
                    json.append(c);
                }
            }
            json.append('"');
        }

        @Override
        public void close() throws IOException {
            if (writer != null) {
                writer.close();
            }
        }
    }

    /** Converts an ISO-8601 instant such as {@code 2027-01-05T00:00:00Z}. */
    static final class InstantConverter implements picocli.CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return Instant.parse(value);
        }
    }

    /** Converts a zone id such as {@code Europe/Berlin} or {@code +02:00}; picocli reports a bad value with the option name. */
    static final class ZoneConverter implements picocli.CommandLine.ITypeConverter<ZoneId> {
        @Override
        public ZoneId convert(String value) {
            return ZoneId.of(value);
        }
    }
}
