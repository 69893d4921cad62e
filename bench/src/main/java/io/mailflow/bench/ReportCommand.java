package io.mailflow.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code report}: turns the {@code RESULT}, {@code MACHINE} and {@code LOAD} lines that
 * {@code bench/run.sh} collected into a Markdown summary with the ratios and the targets. A missing
 * figure is shown as "-", and a target without its figures as "not measured".
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print a Markdown summary of a results file written by bench/run.sh.")
final class ReportCommand implements Callable<Integer> {

    private static final String JMH = "jmh.";

    /** The targets, for a 2-core machine: ratios, so that they hold on other hardware too. */
    static final double PARSE_LINES_PER_CORE = 2_000_000;
    static final double SUMMARY_TIMES_PFLOGSUMM = 20;
    static final double PIPELINE_SHARE_OF_KAFKA_PER_CORE = 0.25;
    static final double FRESHNESS_P99_MS = 2_000;
    static final double ALERT_P99_MS = 10_000;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "results.txt written by bench/run.sh.")
    private Path resultsFile;

    private final Map<String, Double> values = new LinkedHashMap<>();
    private final Map<String, String> machine = new LinkedHashMap<>();
    private final List<String> loads = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        read(Files.readAllLines(resultsFile, StandardCharsets.UTF_8));
        PrintWriter out = spec.commandLine().getOut();
        out.println("# mailflow benchmark summary");
        out.println();
        machine(out);
        microbenchmarks(out);
        summaryComparison(out);
        streaming(out);
        targets(out);
        profileNotes(out);
        out.flush();
        return 0;
    }

    void read(List<String> lines) {
        for (String line : lines) {
            String[] fields = line.split(" ", 4);
            if (fields[0].equals("RESULT") && fields.length >= 3) {
                try {
                    values.put(fields[1], Double.parseDouble(fields[2]));
                } catch (NumberFormatException e) {
                    notes.add("unreadable result: " + line);
                }
            } else if (fields[0].equals("MACHINE") && fields.length >= 3) {
                machine.put(fields[1], line.substring("MACHINE ".length() + fields[1].length() + 1));
            } else if (fields[0].equals("LOAD")) {
                loads.add(line.substring("LOAD ".length()));
            } else if (fields[0].equals("NOTE")) {
                notes.add(line.substring("NOTE ".length()));
            }
        }
    }

    private void machine(PrintWriter out) {
        out.println("## Machine");
        out.println();
        machine.forEach((key, value) -> out.println("- " + key + ": " + value));
        if (!loads.isEmpty()) {
            out.println("- load average (1, 5, 15 min) before each step: " + String.join("; ", loads));
        }
        out.println();
    }

    private void microbenchmarks(PrintWriter out) {
        out.println("## Single thread (JMH, lines/s unless stated)");
        out.println();
        out.println("| benchmark | score | error (99.9%) |");
        out.println("|---|---:|---:|");
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            String name = entry.getKey();
            if (name.startsWith(JMH) && !name.endsWith(".error")) {
                String shortName = name.substring(JMH.length());
                String unit = shortName.startsWith("ClassifierBenchmark") ? " attempts/s" : "";
                out.printf(Locale.ROOT, "| %s | %s%s | %s |%n", shortName, number(entry.getValue()), unit,
                        number(values.get(name + ".error")));
            }
        }
        out.println();
    }

    private void summaryComparison(PrintWriter out) {
        Double lines = values.get("summary.file_lines");
        out.println("## mailflow parse --summary against pflogsumm (same file, one after the other)");
        out.println();
        if (lines == null) {
            out.println("not measured");
            out.println();
            return;
        }
        out.printf(Locale.ROOT, "File: %s lines, %s MB.%n%n", number(lines),
                number(values.getOrDefault("summary.file_bytes", Double.NaN) / 1e6));
        out.println("| tool | wall s | CPU s | lines/s (wall) | lines per CPU s | peak RSS MiB |");
        out.println("|---|---:|---:|---:|---:|---:|");
        summaryRow(out, "pflogsumm", "pflogsumm", lines);
        summaryRow(out, "mailflow parse --summary", "mailflow_summary", lines);
        out.println();
    }

    private void summaryRow(PrintWriter out, String label, String name, double lines) {
        Double wall = values.get(name + ".wall");
        Double cpu = values.get(name + ".cpu");
        out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", label, number(wall), number(cpu),
                number(wall == null ? null : lines / wall), number(cpu == null ? null : lines / cpu),
                number(values.get(name + ".max_rss")));
    }

    private void streaming(PrintWriter out) {
        out.println("## Kafka and the full pipeline (one broker, one run)");
        out.println();
        out.println("| measurement | lines | wall s | lines/s | cores used | lines/s per core |");
        out.println("|---|---:|---:|---:|---:|---:|");
        streamingRow(out, "Kafka produce + consume (K)", "kafka.concurrent");
        streamingRow(out, "Kafka produce only", "kafka.produce");
        streamingRow(out, "Kafka consume only", "kafka.consume");
        streamingRow(out, "ship -> streams -> stats and alerts", "pipeline");
        out.println();
        out.printf(Locale.ROOT, "Cores used by the pipeline: streams %s, ship %s, broker and harness %s.%n%n",
                number(values.get("pipeline.cores.streams")), number(values.get("pipeline.cores.ship")),
                number(values.get("pipeline.cores.broker_and_harness")));
        out.printf(Locale.ROOT, "Latency phase: background load %s lines/s (target %s).%n%n",
                number(values.get("latency.load_rate")), number(values.get("latency.load_target")));
        out.println("| latency | p50 ms | p99 ms | max ms | samples | not seen |");
        out.println("|---|---:|---:|---:|---:|---:|");
        latencyRow(out, "freshness: line appended to a shipped file -> aggregate in stats topic", "freshness");
        latencyRow(out, "freshness: line produced to the raw topic -> aggregate in stats topic", "freshness_produced");
        latencyRow(out, "hop: line appended -> delivery event in deliveries topic", "freshness.to_deliveries");
        latencyRow(out, "hop: line produced -> delivery event in deliveries topic", "freshness_produced.to_deliveries");
        latencyRow(out, "alert: causing line appended -> alert in alerts topic", "alert_topic");
        latencyRow(out, "alert: causing line appended -> alert document searchable in Elasticsearch", "alert");
        out.println();
    }

    private void streamingRow(PrintWriter out, String label, String name) {
        out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", label, number(values.get(name + ".lines")),
                number(values.get(name + ".wall")), number(values.get(name + ".rate")),
                number(values.get(name + ".cores")), number(values.get(name + ".rate_per_core")));
    }

    private void latencyRow(PrintWriter out, String label, String name) {
        out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", label, number(values.get(name + ".p50")),
                number(values.get(name + ".p99")), number(values.get(name + ".max")),
                number(values.get(name + ".samples")), number(values.get(name + ".not_seen")));
    }

    private void targets(PrintWriter out) {
        out.println("## Targets");
        out.println();
        out.println("| target | measured | verdict |");
        out.println("|---|---:|---|");
        Double parse = values.get(JMH + "ParserBenchmark.parse");
        target(out, "parser alone >= 2,000,000 lines/s per core", parse, parse == null ? null : parse >= PARSE_LINES_PER_CORE);

        Double ratio = summaryRatio("wall");
        target(out, "parse --summary >= 20x pflogsumm (wall time)", ratio, ratio == null ? null : ratio >= SUMMARY_TIMES_PFLOGSUMM);
        Double cpuRatio = summaryRatio("cpu");
        target(out, "parse --summary >= 20x pflogsumm (per CPU second)", cpuRatio,
                cpuRatio == null ? null : cpuRatio >= SUMMARY_TIMES_PFLOGSUMM);

        Double kafka = values.get("kafka.concurrent.rate_per_core");
        Double pipeline = values.get("pipeline.rate_per_core");
        Double share = kafka == null || pipeline == null ? null : pipeline / kafka;
        target(out, "pipeline >= 0.25 K per core", share, share == null ? null : share >= PIPELINE_SHARE_OF_KAFKA_PER_CORE);

        Double freshness = values.get("freshness.p99");
        target(out, "freshness p99 <= 2,000 ms", freshness, freshness == null ? null : freshness <= FRESHNESS_P99_MS);
        Double alert = values.get("alert.p99");
        target(out, "alert latency p99 <= 10,000 ms", alert, alert == null ? null : alert <= ALERT_P99_MS);
        out.println();
    }

    /** Returns how many times faster than pflogsumm mailflow was, by wall or CPU time, or null when either is missing. */
    Double summaryRatio(String clock) {
        Double pflogsumm = values.get("pflogsumm." + clock);
        Double mailflow = values.get("mailflow_summary." + clock);
        if (pflogsumm == null || mailflow == null || mailflow == 0) {
            return null;
        }
        return pflogsumm / mailflow;
    }

    private static void target(PrintWriter out, String label, Double measured, Boolean met) {
        String verdict = "not measured";
        if (met != null) {
            verdict = met ? "met" : "missed";
        }
        out.printf(Locale.ROOT, "| %s | %s | %s |%n", label, number(measured), verdict);
    }

    private void profileNotes(PrintWriter out) {
        List<String> stageLines = new ArrayList<>();
        values.forEach((name, value) -> {
            if (name.contains(".profile.stage.") || name.contains(".profile.group.")) {
                stageLines.add(String.format(Locale.ROOT, "- %s: %.1f%%", name, value));
            }
        });
        if (stageLines.isEmpty() && notes.isEmpty()) {
            return;
        }
        out.println("## Where the time goes (flight recorder samples)");
        out.println();
        stageLines.forEach(out::println);
        out.println();
        notes.forEach(note -> out.println("- " + note));
        out.println();
    }

    static String number(Double value) {
        if (value == null || value.isNaN()) {
            return "-";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
