package io.mailflow.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.mailflow.ingest.generate.GenerationSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code generate}: writes the benchmark traffic to a file, for the parse and pflogsumm runs. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write seeded benchmark traffic (Postfix maillog lines) to a file.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--lines", required = true, paramLabel = "N", description = "Number of lines to write.")
    private long lines;

    @Option(names = "--seed", paramLabel = "SEED", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    private long seed = BenchTraffic.DEFAULT_SEED;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write; replaced if it exists.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        long started = System.nanoTime();
        GenerationSummary summary = BenchTraffic.writeFile(seed, lines, out);
        double seconds = (System.nanoTime() - started) / 1e9;

        Results results = new Results(stdout);
        results.add("generate.lines", summary.lines(), "lines");
        results.add("generate.bytes", Files.size(out), "bytes");
        results.add("generate.messages", summary.messagesSubmitted(), "messages");
        results.add("generate.event_seconds",
                summary.lastEventTime().getEpochSecond() - summary.firstEventTime().getEpochSecond(), "s");
        results.add("generate.incidents", summary.incidents().size(), "incidents");
        results.add("generate.rate", summary.lines() / seconds, "lines/s");
        return 0;
    }
}
