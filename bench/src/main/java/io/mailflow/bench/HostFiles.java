package io.mailflow.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mailflow.ingest.generate.AsciiLineWriter;
import io.mailflow.ingest.generate.GenerationSummary;
import io.mailflow.ingest.generate.TrafficGenerator;
import io.mailflow.schemas.HostInventoryEntry;

/**
 * The benchmark traffic split into one maillog file per mail server, {@code <host>.log}.
 *
 * @param directory where the files are
 * @param files file per host, in the order hosts first appear
 * @param lines lines over all files
 * @param summary what the generator wrote, with the incidents
 * @param inventory the fleet's hosts with their sending IPs
 */
record HostFiles(Path directory, Map<String, Path> files, long lines, GenerationSummary summary,
                 List<HostInventoryEntry> inventory) {

    static HostFiles generate(long seed, long lines, Instant start, Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<String, AsciiLineWriter> writers = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        TrafficGenerator generator = new TrafficGenerator(BenchTraffic.settings(seed, lines, start));
        GenerationSummary summary;
        try {
            summary = generator.generate((line, host) -> {
                AsciiLineWriter writer = writers.computeIfAbsent(host, name -> open(directory, name, files));
                writer.accept(line, host);
            });
        } finally {
            closeAll(writers.values());
        }
        return new HostFiles(directory, files, summary.lines(), summary, generator.inventory());
    }

    List<String> hosts() {
        return new ArrayList<>(files.keySet());
    }

    private static AsciiLineWriter open(Path directory, String host, Map<String, Path> files) {
        Path file = directory.resolve(host + ".log");
        files.put(host, file);
        try {
            return new AsciiLineWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 18));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create " + file, e);
        }
    }

    private static void closeAll(Iterable<AsciiLineWriter> writers) throws IOException {
        IOException failure = null;
        for (AsciiLineWriter writer : writers) {
            try {
                writer.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
