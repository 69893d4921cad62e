package io.mailflow.app.demo;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.SourceCoordinates;
import io.mailflow.streams.correlate.AttemptClassifier;
import io.mailflow.streams.correlate.CorrelationSettings;
import io.mailflow.streams.correlate.MaillogPipeline;
import io.mailflow.streams.parse.MaillogLineReader;
import io.mailflow.streams.parse.ParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the input files once with the offline pipeline, which has the same parser, correlator and
 * classifier as the topology. The result tells what the streaming run must produce: the number of
 * delivery attempts, their hosts and their span of event time.
 */
final class OfflinePass {

    /**
     * Findings of the offline pipeline.
     *
     * @param lines lines read
     * @param deliveries delivery attempts found
     * @param hosts distinct syslog hosts of the attempts
     * @param firstAttempt event time of the earliest attempt, or null when there is none
     * @param lastAttempt event time of the latest attempt, or null when there is none
     * @param firstAttemptByFile event time of each file's earliest attempt; absent for a file without attempts
     */
    record Result(long lines, long deliveries, Set<String> hosts, Instant firstAttempt, Instant lastAttempt,
            Map<Path, Instant> firstAttemptByFile) {
    }

    private OfflinePass() {
    }

    /**
     * Reads the files in the given order, as one stream, and returns what it found.
     *
     * @throws IOException when a file cannot be read
     */
    static Result scan(List<Path> files, ZoneId zone, AttemptClassifier classifier) throws IOException {
        ParserSettings parserSettings = ParserSettings.builder().zone(zone).build();
        MaillogPipeline pipeline = new MaillogPipeline(parserSettings, CorrelationSettings.streaming(), classifier);
        Counts counts = new Counts();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file);
                    MaillogLineReader reader = new MaillogLineReader(in, ParserSettings.DEFAULT_MAX_LINE_LENGTH)) {
                long lineNumber = 0;
                String line;
                while ((line = reader.readLine()) != null) {
                    lineNumber++;
                    SourceCoordinates source = SourceCoordinates.newBuilder()
                            .setFile(file.toString())
                            .setLineNumber(lineNumber)
                            .build();
                    counts.add(file, pipeline.accept(line, source));
                }
                counts.lines += lineNumber;
            }
        }
        counts.add(null, pipeline.finish());
        return new Result(counts.lines, counts.deliveries, Set.copyOf(counts.hosts), counts.first, counts.last,
                Map.copyOf(counts.firstByFile));
    }

    private static final class Counts {
        private long lines;
        private long deliveries;
        private final Set<String> hosts = new HashSet<>();
        private Instant first;
        private Instant last;
        private final Map<Path, Instant> firstByFile = new LinkedHashMap<>();

        void add(Path file, List<DeliveryEvent> events) {
            for (DeliveryEvent event : events) {
                deliveries++;
                if (event.getHost() != null) {
                    hosts.add(event.getHost());
                }
                Instant time = Instant.ofEpochMilli(event.getEventTime());
                first = first == null || time.isBefore(first) ? time : first;
                last = last == null || time.isAfter(last) ? time : last;
                if (file != null) {
                    firstByFile.merge(file, time, (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        }
    }
}
