package io.mailflow.embedded.internals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder of one Elasticsearch node: {@code config/} (a copy of the distribution's, plus our
 * {@code elasticsearch.yml} and heap options), {@code data/}, {@code logs/} and {@code tmp/}.
 * Rewriting the settings keeps the data, so a node can be started again from the same folder.
 */
public final class ElasticsearchNodeFolder {

    private static final String CLUSTER_NAME = "mailflow-local";
    private static final String HEAP_OPTIONS_FILE = "mailflow-heap.options";

    private final Path root;

    public ElasticsearchNodeFolder(Path root) {
        this.root = root.toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    public Path config() {
        return root.resolve("config");
    }

    public Path data() {
        return root.resolve("data");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path tmp() {
        return root.resolve("tmp");
    }

    /** Standard output and error of the Elasticsearch process, appended on every start. */
    public Path consoleLog() {
        return logs().resolve("console.log");
    }

    /** File in which Elasticsearch writes the id of its server process. */
    public Path pidFile() {
        return root.resolve("elasticsearch.pid");
    }

    /**
     * Creates the folders, copies the distribution's configuration files that are missing, and writes the
     * node settings and the heap size.
     */
    public void prepare(Path distributionHome, int httpPort, int transportPort, int heapMb) throws IOException {
        for (Path folder : List.of(config(), data(), logs(), tmp(), config().resolve("jvm.options.d"))) {
            Files.createDirectories(folder);
        }
        copyMissingConfigFiles(distributionHome.resolve("config"));

        Files.writeString(config().resolve("elasticsearch.yml"), settings(httpPort, transportPort), StandardCharsets.UTF_8);
        Files.writeString(config().resolve("jvm.options.d").resolve(HEAP_OPTIONS_FILE),
                "-Xms" + heapMb + "m\n-Xmx" + heapMb + "m\n", StandardCharsets.UTF_8);
        if (!Files.exists(consoleLog())) {
            Files.createFile(consoleLog());
        }
    }

    private String settings(int httpPort, int transportPort) {
        return String.join("\n",
                "# Written by mailflow's LocalElasticsearch on every start; edits are lost.",
                "cluster.name: " + CLUSTER_NAME,
                "node.name: " + CLUSTER_NAME + "-1",
                "discovery.type: single-node",
                "network.host: 127.0.0.1",
                "http.port: " + httpPort,
                "transport.port: " + transportPort,
                "path.data: " + quoted(data()),
                "path.logs: " + quoted(logs()),
                "xpack.security.enabled: false",
                // A nearly full test disk would otherwise make indices read-only or leave shards unassigned.
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "");
    }

    private void copyMissingConfigFiles(Path distributionConfig) throws IOException {
        try (Stream<Path> files = Files.list(distributionConfig)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = config().resolve(file.getFileName().toString());
                if (Files.isRegularFile(file) && !Files.exists(copy)) {
                    Files.copy(file, copy);
                }
            }
        }
    }

    private static String quoted(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
