package io.mailflow.app;

import io.mailflow.app.config.InvalidConfigurationException;
import io.mailflow.app.demo.DemoCommand;
import io.mailflow.app.demo.ReplayCommand;
import io.mailflow.app.run.RunCommand;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** Entry point of the {@code mailflow} command. */
@Command(
        name = "mailflow",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Event-streaming mail-flow analytics: maillog lines in, delivery analytics and alerts out.",
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            RunCommand.class,
            ShipCommand.class,
            ReplayCommand.class,
            ParseCommand.class,
            GenerateCommand.class,
        })
public final class Main implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code, without exiting the JVM; tests call this. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Returns the command line with its error handling, for callers that set their own output streams. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(Main::handleFailure);
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Prints a failure as one clear message instead of a stack trace: invalid settings and options exit
     * with the usage code 2, anything else with 1. The stack trace goes to the debug log.
     */
    private static int handleFailure(Exception e, CommandLine commandLine, ParseResult parseResult) {
        if (e instanceof InvalidConfigurationException invalid) {
            commandLine.getErr().println("mailflow: invalid configuration:");
            invalid.problems().forEach(problem -> commandLine.getErr().println("  " + problem));
            commandLine.getErr().flush();
            return CommandLine.ExitCode.USAGE;
        }
        if (e instanceof IllegalArgumentException) {
            commandLine.getErr().println("mailflow: " + e.getMessage());
            commandLine.getErr().flush();
            return CommandLine.ExitCode.USAGE;
        }
        if (e instanceof NoSuchFileException missing) {
            commandLine.getErr().println("mailflow: file not found: " + missing.getFile()
                    + (missing.getReason() == null ? "" : " (" + missing.getReason() + ")"));
            commandLine.getErr().flush();
            return CommandLine.ExitCode.USAGE;
        }
        log.debug("Command failed", e);
        String message = e instanceof IOException ? e.toString() : e.getMessage();
        commandLine.getErr().println("mailflow: " + (message == null ? e.toString() : message));
        commandLine.getErr().println("Run with MAILFLOW_LOG_LEVEL=DEBUG for the stack trace; see the README's troubleshooting section.");
        commandLine.getErr().flush();
        return CommandLine.ExitCode.SOFTWARE;
    }
}
