package io.mailflow.app;

import io.mailflow.ingest.generate.AsciiLineWriter;
import io.mailflow.ingest.generate.GenerationSummary;
import io.mailflow.ingest.generate.GeneratorSettings;
import io.mailflow.ingest.generate.GroundTruthJson;
import io.mailflow.ingest.generate.IncidentKind;
import io.mailflow.ingest.generate.TrafficGenerator;
import io.mailflow.schemas.HostInventoryEntry;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mailflow generate}: writes seeded, reproducible Postfix maillog traffic of a fleet with
 * injected incidents, and optionally the host inventory and the ground truth of the incidents.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Writes realistic Postfix maillog lines of a fleet of sending hosts, in event-time order, with"
                + " baseline noise and injected incidents (spam run, Gmail rate limit and block, Microsoft block list,"
                + " IronPort reputation, Comcast DNSBL). The same options and seed give identical output.")
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the random stream behind every choice (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--start", defaultValue = "2026-06-10T08:00:00Z", paramLabel = "INSTANT",
            description = "Event time of the first line, as an ISO-8601 instant (default: ${DEFAULT-VALUE}).")
    private String start;

    @Option(names = "--duration", defaultValue = "2h", paramLabel = "DURATION",
            description = "Event time the run covers, such as 2h, 90m, 45s or PT2H (default: ${DEFAULT-VALUE}).")
    private String duration;

    @Option(names = "--rate", defaultValue = "20", paramLabel = "MSG/S",
            description = "Normal submissions in messages per second of event time; the spam run comes on top"
                    + " (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--lines", defaultValue = "0", paramLabel = "N",
            description = "Stop after N lines even if the duration is not over; 0 for no limit. The run also ends at"
                    + " --duration, so raise it or --rate for large N (default: ${DEFAULT-VALUE}).")
    private long lines;

    @Option(names = "--hosts", defaultValue = "6", paramLabel = "N",
            description = "Number of sending hosts, from 1 to 64 (default: ${DEFAULT-VALUE}).")
    private int hosts;

    @Option(names = "--no-incidents", description = "Inject no incident: baseline traffic and noise only.")
    private boolean noIncidents;

    @Option(names = "--incidents", split = ",", paramLabel = "NAME",
            description = "Incidents to inject, comma-separated: spam-run, gmail-rate-limit, microsoft-blocklist,"
                    + " ironport-reputation, comcast-dnsbl, or their first words (default: all).")
    private List<String> incidents;

    @Option(names = "--greylisting-storm",
            description = "Let one provider (free.fr) greylist most first attempts for a while; it must not alert.")
    private boolean greylistingStorm;

    @Option(names = "--diurnal", description = "Vary the submission rate with the time of day (UTC) instead of keeping it flat.")
    private boolean diurnal;

    @Option(names = "--iso-timestamps",
            description = "Write RFC 3339 timestamps with microseconds (2026-06-10T08:00:00.123456+00:00) instead of"
                    + " RFC 3164 ones (Jun 10 08:00:00).")
    private boolean isoTimestamps;

    @Option(names = "--long-queue-ids", description = "Write Postfix long queue ids instead of short hex ones.")
    private boolean longQueueIds;

    @Option(names = "--queue-lifetime", defaultValue = "1h", paramLabel = "DURATION",
            description = "How long deferred mail is retried before it expires and returns to its sender"
                    + " (default: ${DEFAULT-VALUE}).")
    private String queueLifetime;

    @Option(names = {"-o", "--output"}, defaultValue = "-", paramLabel = "FILE",
            description = "File to write the lines to, or - for standard output (default: ${DEFAULT-VALUE}).")
    private String output;

    @Option(names = "--gzip", description = "Compress the lines with gzip.")
    private boolean gzip;

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "Also write the host inventory (hosts, sending IPs, tenants) as JSON lines to FILE.")
    private Path inventory;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "Also write the ground truth (incidents, noise episodes, clean periods) as JSON to FILE.")
    private Path manifest;

    @Override
    public Integer call() {
        GeneratorSettings settings = settings();
        TrafficGenerator generator;
        try {
            generator = new TrafficGenerator(settings);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }

        GenerationSummary summary;
        try (AsciiLineWriter writer = new AsciiLineWriter(openOutput())) {
            summary = generator.generate(writer);
        } catch (IOException | UncheckedIOException e) {
            spec.commandLine().getErr().println("mailflow generate: writing " + outputName() + " failed: " + e.getMessage());
            return 1;
        }

        try {
            if (inventory != null) {
                writeInventory(generator.inventory());
            }
            if (manifest != null) {
                Files.writeString(manifest, GroundTruthJson.manifest(settings, summary) + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            spec.commandLine().getErr().println("mailflow generate: writing the ground truth failed: " + e.getMessage());
            return 1;
        }

        PrintWriter err = spec.commandLine().getErr();
        if (lines > 0 && summary.lines() < lines) {
            err.println("mailflow generate: the run reached the end of --duration after " + summary.lines()
                    + " of the " + lines + " lines requested; raise --duration or --rate to get them all");
        }
        err.println("mailflow generate: wrote " + summary.lines() + " lines (" + summary.messagesSubmitted()
                + " messages, " + summary.incidents().size() + " incidents) from " + summary.firstEventTime()
                + " to " + summary.lastEventTime() + " to " + outputName());
        err.flush();
        return 0;
    }

    private GeneratorSettings settings() {
        if (noIncidents && incidents != null) {
            throw new ParameterException(spec.commandLine(), "--no-incidents and --incidents exclude each other; use one");
        }
        GeneratorSettings.Builder builder = GeneratorSettings.builder()
                .seed(seed)
                .start(parseInstant("--start", start))
                .duration(parseDuration("--duration", duration))
                .messagesPerSecond(rate)
                .maxLines(lines)
                .hosts(hosts)
                .greylistingStorm(greylistingStorm)
                .diurnal(diurnal)
                .isoTimestamps(isoTimestamps)
                .longQueueIds(longQueueIds)
                .queueLifetime(parseDuration("--queue-lifetime", queueLifetime));
        if (noIncidents) {
            builder.noIncidents();
        } else if (incidents != null) {
            List<IncidentKind> kinds = new ArrayList<>();
            for (String name : incidents) {
                try {
                    kinds.add(IncidentKind.parse(name));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "invalid --incidents value: " + e.getMessage(), e);
                }
            }
            builder.incidents(kinds);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid option value: " + e.getMessage(), e);
        }
    }

    private OutputStream openOutput() throws IOException {
        OutputStream out = output.equals("-") ? new KeepOpenStream(System.out) : Files.newOutputStream(Path.of(output));
        return gzip ? new FastGzipStream(out) : out;
    }

    private String outputName() {
        return output.equals("-") ? "standard output" : output;
    }

    private void writeInventory(List<HostInventoryEntry> entries) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(inventory, StandardCharsets.UTF_8)) {
            for (HostInventoryEntry entry : entries) {
                writer.write(GroundTruthJson.inventoryLine(entry));
                writer.write('\n');
            }
        }
    }

    private Instant parseInstant(String option, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(),
                    "invalid " + option + " '" + value + "': expected an ISO-8601 instant such as 2026-06-10T08:00:00Z", e);
        }
    }

    /** Parses 2h, 90m, 45s, 500ms, 1d or an ISO-8601 duration such as PT2H. */
    Duration parseDuration(String option, String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("p")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException("unknown unit");
            };
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "invalid " + option + " '" + value
                    + "': expected a duration such as 2h, 90m, 45s, 500ms or PT2H", e);
        }
    }

    /** Gzip at the fastest level: compression, not generation, would otherwise bound the run's speed. */
    private static final class FastGzipStream extends GZIPOutputStream {

        FastGzipStream(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** Standard output stays open after the command, so that picocli and the JVM can still write to it. */
    private static final class KeepOpenStream extends FilterOutputStream {

        KeepOpenStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
