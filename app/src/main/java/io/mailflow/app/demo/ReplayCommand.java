package io.mailflow.app.demo;

import io.mailflow.app.config.ConfigOptions;
import io.mailflow.app.config.Configuration;
import io.mailflow.app.demo.PipelineSession.ServerChoice;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailflow replay FILE...}: the pipeline on the operator's own maillog files. */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the pipeline on your own maillog files: ships them (oldest first) through the streams application "
                    + "and the sink, indexes one delivery document per delivery attempt, waits until everything is "
                    + "indexed and prints the report.",
            "Uses --kafka and --elasticsearch when given, else kafka.bootstrap.servers and elasticsearch.urls when "
                    + "they are configured, else an embedded Kafka broker and a local Elasticsearch."
        })
public final class ReplayCommand implements Callable<Integer> {

    @Mixin
    private ConfigOptions configOptions;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Maillog files (plain text or gzip).")
    private List<Path> files;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Uses this Kafka.")
    private String kafka;

    @Option(names = "--elasticsearch", paramLabel = "URL", description = "Uses this Elasticsearch.")
    private String elasticsearch;

    @Option(names = "--keep-running", description = "Keeps the stack up after the report, until Ctrl-C.")
    private boolean keepRunning;

    @Option(names = "--timeout", defaultValue = "30m",
            description = "How long to wait for the pipeline to index everything (default ${DEFAULT-VALUE}).")
    private String timeout;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Configuration configuration = configOptions.load();
        PrintWriter out = spec.commandLine().getOut();
        if (configOptions.printConfig()) {
            configuration.describe().forEach(out::println);
            out.flush();
            return 0;
        }
        String description = files.size() == 1 ? files.get(0).toString() : files.size() + " files";
        return SessionRunner.run(configuration, new ServerChoice(kafka, elasticsearch),
                workDir -> fileInput(description, files, workDir), keepRunning,
                CommandDurations.parse("--timeout", timeout), out, System.err);
    }

    /**
     * Returns the input of a run on existing files. Gzip files are decompressed into the working folder
     * first, because the shipper sends the bytes of a file as they are.
     *
     * @throws NoSuchFileException naming the first file that is missing or not a regular file
     */
    static SessionInput fileInput(String description, List<Path> files, Path workDir) throws IOException {
        List<Path> plain = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new NoSuchFileException(file.toString(), null, "not a readable file");
            }
            plain.add(isGzip(file) ? gunzip(file, workDir.resolve("input").resolve(plain.size() + "-" + stripGz(file))) : file);
        }
        return new SessionInput(description, plain, List.of(), List.of());
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static Path gunzip(Path file, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            Files.copy(in, target);
        }
        return target;
    }

    private static String stripGz(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}
