package io.mailflow.app.demo;

import io.mailflow.app.config.ConfigOptions;
import io.mailflow.app.config.Configuration;
import io.mailflow.app.demo.PipelineSession.ServerChoice;
import io.mailflow.ingest.generate.GeneratorSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailflow demo}: the main job on generated incident traffic, on embedded or given servers. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole pipeline on a realistic maillog with injected incidents: starts an embedded Kafka "
                    + "broker and a local Elasticsearch (or uses --kafka and --elasticsearch), ships the log through "
                    + "the streams application and the sink, waits until everything is indexed and prints a report "
                    + "with the counts per sending IP and provider, the alerts with their evidence, and curl commands "
                    + "for Elasticsearch.",
            "Progress goes to stderr, the report to stdout."
        })
public final class DemoCommand implements Callable<Integer> {

    static final String DEFAULT_SEED = "42";
    static final String DEFAULT_DURATION = "2h";
    static final String DEFAULT_HOSTS = "5";
    static final String DEFAULT_RATE = "6";

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Uses this Kafka instead of an embedded broker.")
    private String kafka;

    @Option(names = "--elasticsearch", paramLabel = "URL", description = "Uses this Elasticsearch instead of a local node.")
    private String elasticsearch;

    @Option(names = "--input", paramLabel = "FILE", arity = "1..*",
            description = "Runs on these maillog files instead of generated traffic.")
    private List<Path> inputFiles;

    @Option(names = "--keep-running", description = "Keeps the stack up after the report, for exploring with curl, until Ctrl-C.")
    private boolean keepRunning;

    @Option(names = "--seed", defaultValue = DEFAULT_SEED, description = "Seed of the generated traffic (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--duration", defaultValue = DEFAULT_DURATION,
            description = "Event time the generated traffic spans, such as 2h or 90m (default ${DEFAULT-VALUE}).")
    private String duration;

    @Option(names = "--hosts", defaultValue = DEFAULT_HOSTS, description = "Sending hosts of the generated traffic (default ${DEFAULT-VALUE}).")
    private int hosts;

    @Option(names = "--rate", defaultValue = DEFAULT_RATE,
            description = "Messages per second of event time across the generated fleet (default ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--timeout", defaultValue = "10m",
            description = "How long to wait for the pipeline to index everything (default ${DEFAULT-VALUE}).")
    private String timeout;

    @Spec
    private CommandSpec spec;

    /** Returns the settings of the generated traffic: every incident, starting at the generator's fixed date. */
    static GeneratorSettings generatorSettings(long seed, Duration duration, int hosts, double rate) {
        return GeneratorSettings.builder()
                .seed(seed)
                .start(GeneratorSettings.DEFAULT_START)
                .duration(duration)
                .hosts(hosts)
                .messagesPerSecond(rate)
                .build();
    }

    /** Returns the settings of the generated traffic with every option at its default, as the end-to-end test needs them. */
    static GeneratorSettings defaultGeneratorSettings() {
        return generatorSettings(Long.parseLong(DEFAULT_SEED), CommandDurations.parse("--duration", DEFAULT_DURATION),
                Integer.parseInt(DEFAULT_HOSTS), Double.parseDouble(DEFAULT_RATE));
    }

    @Override
    public Integer call() throws Exception {
        Configuration configuration = configOptions.load();
        PrintWriter out = spec.commandLine().getOut();
        if (configOptions.printConfig()) {
            configuration.describe().forEach(out::println);
            out.flush();
            return 0;
        }

        GeneratorSettings generator = generatorSettings(seed, CommandDurations.parse("--duration", duration), hosts, rate);
        SessionRunner.InputFactory inputs = inputFiles != null
                ? workDir -> ReplayCommand.fileInput(inputFiles.size() + " of your files", inputFiles, workDir)
                : workDir -> GeneratedTraffic.write(generator, workDir.resolve("demo-maillog.log"));
        return SessionRunner.run(configuration, new ServerChoice(kafka, elasticsearch), inputs, keepRunning,
                CommandDurations.parse("--timeout", timeout), out, System.err);
    }

}
