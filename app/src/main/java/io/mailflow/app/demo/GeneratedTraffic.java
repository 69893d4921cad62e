package io.mailflow.app.demo;

import io.mailflow.ingest.generate.GenerationSummary;
import io.mailflow.ingest.generate.GeneratorSettings;
import io.mailflow.ingest.generate.Incident;
import io.mailflow.ingest.generate.TrafficGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the demo's generated maillog to a file and turns the generator's ground truth into expected incidents. */
final class GeneratedTraffic {

    private GeneratedTraffic() {
    }

    /**
     * Generates the traffic into {@code file}, one line per maillog line in event-time order, and
     * returns the input of the run with the generator's host inventory and incidents.
     */
    static SessionInput write(GeneratorSettings settings, Path file) throws IOException {
        TrafficGenerator generator = new TrafficGenerator(settings);
        GenerationSummary summary;
        try (Writer writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            summary = generator.generate((line, host) -> {
                try {
                    writer.append(line).append('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        String description = String.format("generated traffic: seed %d, %d hosts, %s of event time, %.0f messages/s, %d incidents",
                settings.seed(), settings.hosts(), settings.duration().toString().substring(2).toLowerCase(java.util.Locale.ROOT),
                settings.messagesPerSecond(), summary.incidents().size());
        return new SessionInput(description, List.of(file), generator.inventory(), expected(summary.incidents()));
    }

    static List<ExpectedIncident> expected(List<Incident> incidents) {
        return incidents.stream()
                .map(incident -> new ExpectedIncident(incident.id(), incident.alertType().name(), incident.host(),
                        incident.sendingIp(), incident.provider(), incident.category(), incident.saslUsername(),
                        incident.start(), incident.end()))
                .toList();
    }
}
