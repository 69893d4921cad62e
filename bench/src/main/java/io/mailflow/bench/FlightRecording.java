package io.mailflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A flight recording of execution samples in another JVM, started and dumped with {@code jcmd}, so
 * that it covers exactly the measured span and not the process start.
 */
final class FlightRecording {

    private static final String NAME = "mailflow-bench";
    private static final String SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="mailflow-bench" description="Execution samples only">
              <event name="jdk.ExecutionSample">
                <setting name="enabled">true</setting>
                <setting name="period">10 ms</setting>
              </event>
            </configuration>
            """;

    private final long pid;
    private final Path settingsFile;

    private FlightRecording(long pid, Path settingsFile) {
        this.pid = pid;
        this.settingsFile = settingsFile;
    }

    /** Starts sampling every Java thread of {@code pid} every 10 ms. */
    static FlightRecording start(long pid, Path workDirectory) throws IOException, InterruptedException {
        Path settings = workDirectory.resolve("execution-samples.jfc");
        Files.writeString(settings, SETTINGS, StandardCharsets.UTF_8);
        FlightRecording recording = new FlightRecording(pid, settings);
        recording.jcmd("JFR.start", "name=" + NAME, "settings=" + settings);
        return recording;
    }

    /** Writes the samples so far to {@code file} and stops the recording. */
    void dumpAndStop(Path file) throws IOException, InterruptedException {
        jcmd("JFR.dump", "name=" + NAME, "filename=" + file);
        jcmd("JFR.stop", "name=" + NAME);
    }

    private void jcmd(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(String.valueOf(pid));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", arguments) + " failed for pid " + pid + " with settings "
                    + settingsFile + ": " + new String(output, StandardCharsets.UTF_8));
        }
    }
}
