package io.mailflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    @Test
    void helpListsUsageAndExitsZero() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out));

        int exitCode = commandLine.execute("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("Usage: mailflow");
    }

    @Test
    void unknownOptionExitsWithUsageError() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setErr(new PrintWriter(new StringWriter()));

        assertThat(commandLine.execute("--no-such-option")).isEqualTo(CommandLine.ExitCode.USAGE);
    }
}
