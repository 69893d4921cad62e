package io.mailflow.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printConfigMasksSecretsAndExitsZero() {
        int exitCode = execute("run", "--print-config", "--set", "elasticsearch.username=mailflow",
                "--set", "elasticsearch.password=hunter2", "--set", "http.address=0.0.0.0");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).doesNotContain("hunter2");
        assertThat(out.toString()).containsPattern("elasticsearch\\.password +=  ?\\*{8}  \\(--set\\)");
        assertThat(out.toString()).containsPattern("http\\.address +=  ?0\\.0\\.0\\.0  \\(--set\\)");
        assertThat(out.toString()).containsPattern("window\\.grace +=  ?30s  \\(default\\)");
    }

    @Test
    void invalidSettingExitsWithUsageCodeAndNamesTheKey() {
        int exitCode = execute("run", "--set", "http.port=http", "--set", "componets=streams");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("mailflow: invalid configuration:");
        assertThat(err.toString()).contains("Invalid value for http.port (from --set): 'http' is not an integer; "
                + "expected integer from 0 to 65535");
        assertThat(err.toString()).contains("Unknown setting 'componets' in --set; did you mean components?");
    }

    @Test
    void missingConfigFileExitsWithUsageCode() {
        int exitCode = execute("run", "--config", "/nonexistent/mailflow.properties");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Configuration file /nonexistent/mailflow.properties not found");
    }

    private int execute(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
