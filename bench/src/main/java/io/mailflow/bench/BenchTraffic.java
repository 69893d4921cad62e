package io.mailflow.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mailflow.ingest.generate.AsciiLineWriter;
import io.mailflow.ingest.generate.GenerationSummary;
import io.mailflow.ingest.generate.GeneratorSettings;
import io.mailflow.ingest.generate.TrafficGenerator;

/**
 * The seeded Postfix traffic that every benchmark reads: a fleet of 8 hosts with the default noise
 * and all five incidents, stopped at a line count. The run's event-time span is sized from the line
 * count so that the incidents fall inside the lines that are written.
 */
public final class BenchTraffic {

    public static final long DEFAULT_SEED = 20_260_610L;
    public static final int HOSTS = 8;
    public static final double MESSAGES_PER_SECOND = 200;

    // Measured with the settings above: about 1,600 lines per second of event time (7.6 lines per
    // submitted message). The span gets 10% more so that the line limit, not the end time, stops
    // the run.
    private static final double LINES_PER_EVENT_SECOND = 1_600;

    private BenchTraffic() {
    }

    /** Settings for a run of {@code lines} lines with the given seed, starting at the generator's fixed date. */
    public static GeneratorSettings settings(long seed, long lines) {
        return settings(seed, lines, GeneratorSettings.DEFAULT_START);
    }

    /** Settings for a run of {@code lines} lines with the given seed and first event time. */
    public static GeneratorSettings settings(long seed, long lines, Instant start) {
        if (lines < 1) {
            throw new IllegalArgumentException("lines must be at least 1, was " + lines);
        }
        return GeneratorSettings.builder()
                .seed(seed)
                .start(start)
                .hosts(HOSTS)
                .messagesPerSecond(MESSAGES_PER_SECOND)
                .duration(eventSpan(lines))
                .maxLines(lines)
                .build();
    }

    /** Event-time span planned for {@code lines} lines; the line limit ends the run a little earlier. */
    public static Duration eventSpan(long lines) {
        return Duration.ofSeconds(Math.max(60, (long) Math.ceil(lines / LINES_PER_EVENT_SECOND * 1.1)));
    }

    /** Generates {@code lines} lines into memory; about 200 bytes of heap per line. */
    public static List<String> lines(long seed, int lines) {
        List<String> out = new ArrayList<>(lines);
        new TrafficGenerator(settings(seed, lines)).generate((line, host) -> out.add(line.toString()));
        return out;
    }

    /** Writes {@code lines} lines to {@code file} and returns what was written. */
    public static GenerationSummary writeFile(long seed, long lines, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
                AsciiLineWriter writer = new AsciiLineWriter(out)) {
            return new TrafficGenerator(settings(seed, lines)).generate(writer);
        }
    }
}
