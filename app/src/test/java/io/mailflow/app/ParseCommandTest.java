package io.mailflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

class ParseCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FLOW = String.join("\n",
            "Jun 10 07:43:38 gds39d postfix/smtpd[11405]: 2ECF9C2C110: client=app1.example.net[192.0.2.20]",
            "Jun 10 07:43:38 gds39d postfix/qmgr[6273]: 2ECF9C2C110: from=<info@example.org>, size=1862, nrcpt=2 (queue active)",
            "Jun 10 07:43:39 gds39d postfix/smtp[22476]: 2ECF9C2C110: to=<user61@gmail.com>, relay=gmail-smtp-in.l.google.com[173.194.70.27]:25, delay=0.76, delays=0.01/0/0.16/0.6, dsn=2.0.0, status=sent (250 2.0.0 OK 1370843019 l7si764411eey.60 - gsmtp)",
            "Jun 10 07:43:40 gds39d postfix/smtp[22477]: 2ECF9C2C110: to=<bob@example.cz>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.1, status=deferred (connect to mx.example.cz[198.51.100.165]:25: No route to host)",
            "not a log line",
            "") ;

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printsAttemptsInLineOrder() throws IOException {
        Path log = write("mail.log", FLOW);

        int exitCode = run("parse", "--year", "2026", log.toString());

        assertThat(exitCode).isZero();
        List<JsonNode> attempts = jsonLines(out.toString());
        assertThat(attempts).hasSize(2);
        JsonNode sent = attempts.get(0);
        assertThat(sent.get("queue_id").asText()).isEqualTo("2ECF9C2C110");
        assertThat(sent.get("timestamp").asText()).isEqualTo("2026-06-10T07:43:39Z");
        assertThat(sent.get("sender").asText()).isEqualTo("info@example.org");
        assertThat(sent.get("status").asText()).isEqualTo("sent");
        assertThat(sent.get("reply_code").asText()).isEqualTo("250");
        assertThat(sent.get("provider").asText()).isEqualTo("google");
        assertThat(sent.get("client_ip").asText()).isEqualTo("192.0.2.20");
        JsonNode deferred = attempts.get(1);
        assertThat(deferred.get("status").asText()).isEqualTo("deferred");
        assertThat(deferred.get("category").asText()).isEqualTo("connection");
        assertThat(deferred.get("source").get("line").asLong()).isEqualTo(4);
    }

    @Test
    void rejectedLinesCountedAndWritten() throws IOException {
        Path log = write("mail.log", FLOW);
        Path rejected = folder.resolve("rejected.jsonl");

        run("parse", "--year", "2026", "--rejected", rejected.toString(), log.toString());

        assertThat(err.toString()).contains("rejected 1 of 5 lines: unknown_format=1");
        List<JsonNode> lines = jsonLines(Files.readString(rejected));
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.get("reason").asText()).isEqualTo("unknown_format");
            assertThat(line.get("line_number").asLong()).isEqualTo(5);
            assertThat(line.get("line").asText()).isEqualTo("not a log line");
        });
    }

    @Test
    void readsGzipFilesDetectedByMagicBytes() throws IOException {
        Path log = folder.resolve("mail.log.1.gz");
        try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(log))) {
            gzip.write(FLOW.getBytes(StandardCharsets.UTF_8));
        }

        run("parse", "--year", "2026", log.toString());

        assertThat(jsonLines(out.toString())).hasSize(2);
    }

    @Test
    void readsStandardInputForDash() throws IOException {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(FLOW.getBytes(StandardCharsets.UTF_8)));
            run("parse", "--year", "2026", "-");
        } finally {
            System.setIn(stdin);
        }

        assertThat(jsonLines(out.toString())).hasSize(2);
    }

    @Test
    void zoneOptionSetsOffsetOfSyslogTimestamps() throws IOException {
        Path log = write("mail.log", FLOW);

        run("parse", "--year", "2026", "--zone", "Europe/Prague", log.toString());

        assertThat(jsonLines(out.toString()).get(0).get("timestamp").asText()).isEqualTo("2026-06-10T07:43:39+02:00");
    }

    @Test
    void summaryReportsPerHostSendingIpAndProvider() throws IOException {
        Path log = write("mail.log", FLOW);

        int exitCode = run("parse", "--year", "2026", "--summary", log.toString());

        String report = out.toString();
        assertThat(exitCode).isZero();
        assertThat(report).contains("Attempts: 2 (sent 1, deferred 1, bounced 0, expired 0)");
        assertThat(report).contains("Per host", "Per sending IP", "Per provider", "Top reply texts");
        assertThat(report).containsPattern("gds39d\\s+2\\s+1\\s+1\\s+0\\s+0\\s+connection=1");
        assertThat(report).containsPattern("google\\s+1\\s+1\\s+0");
        assertThat(report).contains("No route to host");
        assertThat(report).doesNotContain("{\"queue_id\"");
    }

    @Test
    void referenceTimeDecidesYearOfSyslogLines() throws IOException {
        Path log = write("mail.log", FLOW);

        run("parse", "--reference-time", "2031-01-02T00:00:00Z", log.toString());

        assertThat(jsonLines(out.toString()).get(0).get("timestamp").asText()).isEqualTo("2030-06-10T07:43:39Z");
    }

    @Test
    void yearAndStartYearTogetherExitWithError() {
        int exitCode = run("parse", "--year", "2026", "--start-year", "2026", "-");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("not both");
    }

    @Test
    void missingFileExitsWithError() {
        int exitCode = run("parse", folder.resolve("absent.log").toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("file not found");
    }

    @Test
    void invalidZoneIsUsageError() {
        int exitCode = run("parse", "--zone", "Mars/Olympus", "-");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--zone");
    }

    @Test
    void corpusCasesPrintTheirExpectedAttempts() throws IOException {
        String property = System.getProperty("mailflow.corpus.dir");
        Path corpus = property == null ? null : Path.of(property);
        assumeTrue(corpus != null && Files.isDirectory(corpus), "Corpus folder not found; CLI corpus check skipped");
        List<Path> cases;
        try (Stream<Path> files = Files.list(corpus)) {
            cases = files.filter(file -> file.toString().endsWith(".log")).sorted().toList();
        }

        List<String> mismatches = new ArrayList<>();
        for (Path logFile : cases) {
            out.getBuffer().setLength(0);
            run("parse", "--year", "2026", logFile.toString());
            JsonNode expected = JSON.readTree(logFile.resolveSibling(logFile.getFileName().toString().replace(".log", ".expected.json")).toFile());
            List<JsonNode> actual = jsonLines(out.toString());
            if (actual.size() != expected.size()) {
                mismatches.add(logFile.getFileName() + ": expected " + expected.size() + " attempts, got " + actual.size());
                continue;
            }
            for (int i = 0; i < expected.size(); i++) {
                int index = i;
                expected.get(i).fields().forEachRemaining(field -> {
                    if (!field.getValue().equals(actual.get(index).get(field.getKey()))) {
                        mismatches.add(logFile.getFileName() + " attempt " + index + " " + field.getKey());
                    }
                });
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private Path write(String name, String content) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static List<JsonNode> jsonLines(String text) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }
}
