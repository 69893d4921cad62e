package io.mailflow.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of the {@code mailflow} command. */
@Command(
        name = "mailflow",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Event-streaming mail-flow analytics: maillog lines in, delivery analytics and alerts out.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ParseCommand.class,
            ShipCommand.class,
        })
public final class Main implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code, without exiting the JVM; tests call this. */
    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
