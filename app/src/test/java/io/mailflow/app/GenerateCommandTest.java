package io.mailflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {

    @TempDir
    Path directory;

    private final StringWriter err = new StringWriter();

    @Test
    void writesLinesInventoryAndManifest() throws IOException {
        Path log = directory.resolve("maillog");
        Path inventory = directory.resolve("inventory.jsonl");
        Path manifest = directory.resolve("manifest.json");

        int exitCode = run("--seed", "5", "--duration", "30m", "--rate", "4", "--output", log.toString(),
                "--inventory", inventory.toString(), "--manifest", manifest.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.size()).isGreaterThan(20_000);
        assertThat(lines.get(0)).startsWith("Jun 10 08:00:");
        assertThat(Files.readAllLines(inventory)).isNotEmpty()
                .allMatch(line -> line.startsWith("{\"host\":\"mta0") && line.endsWith("}"));
        String json = Files.readString(manifest);
        assertThat(json).contains("\"seed\":5", "\"lines\":" + lines.size(), "\"id\":\"spam-run\"",
                "\"id\":\"comcast-dnsbl\"", "\"alertType\":\"REPUTATION_COLLAPSE\"");
        assertThat(err.toString()).contains("wrote " + lines.size() + " lines");
    }

    @Test
    void sameSeedWritesIdenticalFiles() throws IOException {
        Path first = directory.resolve("first.log");
        Path second = directory.resolve("second.log");

        run("--seed", "9", "--duration", "10m", "--rate", "5", "--iso-timestamps", "--output", first.toString());
        run("--seed", "9", "--duration", "10m", "--rate", "5", "--iso-timestamps", "--output", second.toString());

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(Files.readString(first)).startsWith("2026-06-10T08:00:");
    }

    @Test
    void gzipOutputHoldsTheSameLines() throws IOException {
        Path plain = directory.resolve("plain.log");
        Path compressed = directory.resolve("compressed.log.gz");

        run("--seed", "3", "--lines", "5000", "--output", plain.toString());
        run("--seed", "3", "--lines", "5000", "--gzip", "--output", compressed.toString());

        try (InputStream in = new GZIPInputStream(Files.newInputStream(compressed))) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(plain));
        }
        assertThat(Files.readAllLines(plain)).hasSize(5000);
    }

    @Test
    void shortDurationWarnsAboutMissingLines() {
        int exitCode = run("--duration", "1m", "--rate", "1", "--lines", "1000000",
                "--output", directory.resolve("log").toString());

        assertThat(exitCode).isZero();
        assertThat(err.toString()).contains("of the 1000000 lines requested; raise --duration or --rate");
    }

    @Test
    void selectedIncidentsAreTheOnlyOnes() throws IOException {
        Path manifest = directory.resolve("manifest.json");

        int exitCode = run("--duration", "20m", "--rate", "2", "--incidents", "gmail,comcast-dnsbl",
                "--output", directory.resolve("log").toString(), "--manifest", manifest.toString());

        assertThat(exitCode).isZero();
        String json = Files.readString(manifest);
        assertThat(json).contains("\"id\":\"gmail-rate-limit\"", "\"id\":\"comcast-dnsbl\"");
        assertThat(json).doesNotContain("\"id\":\"spam-run\"", "\"id\":\"microsoft-blocklist\"");
    }

    @Test
    void noIncidentsWritesAnEmptyGroundTruth() throws IOException {
        Path manifest = directory.resolve("manifest.json");

        run("--duration", "5m", "--rate", "2", "--no-incidents", "--output", directory.resolve("log").toString(),
                "--manifest", manifest.toString());

        assertThat(Files.readString(manifest)).contains("\"incidents\":[]");
    }

    @Test
    void invalidOptionsExitWithUsageError() {
        assertThat(run("--duration", "5x")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("invalid --duration '5x'");

        assertThat(run("--incidents", "yahoo")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("unknown incident 'yahoo'");

        assertThat(run("--no-incidents", "--incidents", "gmail")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("--hosts", "0")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("hosts must be from 1 to 64");
        assertThat(run("--start", "yesterday")).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void helpNamesTheUnits() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out));

        int exitCode = commandLine.execute("generate", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("--rate=MSG/S", "Normal submissions in messages per second", "--duration",
                "2h, 90m", "--manifest=FILE", "--inventory=FILE", "--lines=N", "ISO-8601");
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "generate";
        System.arraycopy(args, 0, full, 1, args.length);
        return commandLine.execute(full);
    }

}
