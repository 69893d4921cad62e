package io.mailflow.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of the benchmark harness. Each subcommand measures one thing and prints its figures
 * as {@code RESULT name value unit} lines on standard output, which {@code bench/run.sh} collects.
 */
@Command(
        name = "mailflow-bench",
        mixinStandardHelpOptions = true,
        description = "Measures mailflow side by side with Kafka and pflogsumm on this machine.",
        subcommands = {
            CommandLine.HelpCommand.class,
            GenerateCommand.class,
            JfrSummaryCommand.class,
            ReportCommand.class,
            StreamingCommand.class,
        })
public final class BenchMain implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
