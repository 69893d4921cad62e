package io.mailflow.app;

import io.mailflow.ingest.Shipper;
import io.mailflow.ingest.ShipperSettings;
import io.mailflow.ingest.send.SenderSettings;
import io.mailflow.ingest.syslog.ListenAddress;
import io.mailflow.ingest.syslog.SyslogSettings;
import io.mailflow.ingest.tail.TailSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailflow ship}: follows maillog files, standard input and syslog listeners into the raw topic. */
@Command(
        name = "ship",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Ships maillog lines into Kafka, keyed by host, without losing or repeating a line.",
            "Follows FILEs across rotation (rename and copytruncate), reads .gz files once, saves positions only "
                    + "after Kafka acknowledged the lines. '-' reads standard input (journalctl -o json -f | "
                    + "mailflow ship -). Runs until stopped, or with --once until every file is read.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every line was acknowledged (finite runs) or the run was stopped",
            "1:a line was rejected by Kafka or a source failed; positions stop before it",
            "2:invalid options",
        })
public final class ShipCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ShipCommand.class);

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Maillog files to follow; '-' reads standard input.")
    private List<String> inputs = new ArrayList<>();

    @Option(names = "--host", paramLabel = "NAME",
            description = "Record key of lines from files and of standard input lines that are not journald JSON "
                    + "(default: this machine's host name).")
    private String host;

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:MAILFLOW_KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (default: $MAILFLOW_KAFKA_BOOTSTRAP_SERVERS or ${DEFAULT-VALUE}).")
    private String bootstrapServers;

    @Option(names = "--topic", defaultValue = SenderSettings.DEFAULT_TOPIC,
            description = "Topic of raw maillog lines (default: ${DEFAULT-VALUE}).")
    private String topic;

    @Option(names = "--glob", paramLabel = "PATTERN",
            description = "Also ship files matching PATTERN, wildcards in the file name only, such as "
                    + "'/var/log/mail.log.*.gz'; checked again every few seconds. Repeatable.")
    private List<String> globs = new ArrayList<>();

    @Option(names = "--state", paramLabel = "FILE",
            description = "Where file positions are saved (default: $XDG_STATE_HOME/mailflow/ship.state, else "
                    + "~/.local/state/mailflow/ship.state). One shipper per state file.")
    private Path stateFile;

    @Option(names = "--start-at", paramLabel = "end|beginning",
            description = "Where to start in a file without a saved position (default: end, or beginning with "
                    + "--once). Files that appear while running, and new files at a rotated path, start at the "
                    + "beginning.")
    private String startAt;

    @Option(names = "--from-beginning",
            description = "Ignore saved positions and read every file from its first byte (replay or backfill).")
    private boolean fromBeginning;

    @Option(names = "--once",
            description = "Read every file to its end, wait until Kafka acknowledged every line, then exit.")
    private boolean once;

    @Option(names = "--watermark", paramLabel = "EPOCH_MS", arity = "0..1", fallbackValue = "now",
            description = "At the end of a finite run, send '#mailflow-watermark <epoch-ms>' to every partition so "
                    + "the topology closes its last windows (default value: the time the run ends).")
    private String watermark;

    @Option(names = "--syslog-udp", paramLabel = "HOST:PORT",
            description = "Receive syslog (RFC 5424 or RFC 3164) over UDP on this address; the host is required.")
    private String syslogUdp;

    @Option(names = "--syslog-tcp", paramLabel = "HOST:PORT",
            description = "Receive syslog over TCP (octet-counted or newline framing) on this address; the host is "
                    + "required.")
    private String syslogTcp;

    @Option(names = "--syslog-max-connections", defaultValue = "64", paramLabel = "N",
            description = "TCP syslog connections open at once; more are closed (default: ${DEFAULT-VALUE}).")
    private int syslogMaxConnections;

    @Option(names = "--max-line-bytes", defaultValue = "65536", paramLabel = "BYTES",
            description = "Longer lines are cut and get the header mailflow.truncated=<original length> "
                    + "(default: ${DEFAULT-VALUE}).")
    private int maxLineBytes;

    @Option(names = "--buffer-bytes", defaultValue = "16777216", paramLabel = "BYTES",
            description = "Unacknowledged bytes kept while Kafka is slow or away before readers block "
                    + "(default: ${DEFAULT-VALUE}).")
    private long bufferBytes;

    @Option(names = "--linger-ms", defaultValue = "50", paramLabel = "MS",
            description = "Producer batching delay, 0 to 5000 ms (default: ${DEFAULT-VALUE}).")
    private long lingerMs;

    @Option(names = "--compression", defaultValue = "zstd", paramLabel = "zstd|lz4|gzip|snappy|none",
            description = "Producer compression (default: ${DEFAULT-VALUE}).")
    private String compression;

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE",
            description = "Extra Kafka producer property, such as security.protocol=SSL. Repeatable. "
                    + "Idempotence and acks=all cannot be changed.")
    private Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(names = "--poll-interval-ms", defaultValue = "250", paramLabel = "MS",
            description = "Pause between reads of a file that has no new lines (default: ${DEFAULT-VALUE}).")
    private long pollIntervalMs;

    @Option(names = "--stats-interval-seconds", defaultValue = "60", paramLabel = "SECONDS",
            description = "How often the counters are logged (default: ${DEFAULT-VALUE}).")
    private long statsIntervalSeconds;

    @Option(names = "--stop-timeout-seconds", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long a stop waits for Kafka to acknowledge lines in flight (default: "
                    + "${DEFAULT-VALUE}).")
    private long stopTimeoutSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ShipperSettings settings = settings();
        Shipper shipper = Shipper.start(settings, System.in, Clock.systemUTC());
        Thread stopOnSignal = new Thread(shipper::stop, "ship-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);

        if (settings.finite()) {
            boolean acknowledged = shipper.awaitCompletion();
            shipper.stop();
            removeHook(stopOnSignal);
            return acknowledged ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
        }
        Throwable failure = shipper.awaitFailure();
        log.error("Shipper stopping after a failure: error={}", failure.toString());
        shipper.stop();
        removeHook(stopOnSignal);
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** Builds the run's settings from the options; invalid combinations are usage errors. */
    ShipperSettings settings() {
        try {
            return buildSettings();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private ShipperSettings buildSettings() {
        String keyHost = host != null ? host : localHostName();
        boolean stdin = inputs.contains("-");
        List<Path> files = inputs.stream().filter(input -> !"-".equals(input)).map(Path::of).toList();
        if (once && (syslogUdp != null || syslogTcp != null)) {
            throw new IllegalArgumentException("--once reads files to their end and exits; it cannot be combined with "
                    + "--syslog-udp or --syslog-tcp");
        }

        SenderSettings sender = new SenderSettings(bootstrapServers, topic, compression, Duration.ofMillis(lingerMs),
                bufferBytes, Duration.ofSeconds(1), Duration.ofSeconds(10), producerProperties);
        TailSettings tail = null;
        if (!files.isEmpty() || !globs.isEmpty()) {
            tail = TailSettings.of(files, globs, stateFile != null ? stateFile : defaultStateFile(), keyHost,
                    startPosition(), fromBeginning, once)
                    .withMaxLineBytes(maxLineBytes)
                    .withIntervals(Duration.ofMillis(pollIntervalMs), Duration.ofSeconds(5), Duration.ofSeconds(1));
        } else if (once) {
            throw new IllegalArgumentException("--once needs at least one FILE or --glob");
        }

        return new ShipperSettings(sender, tail, stdin,
                syslogUdp == null ? null : ListenAddress.parse(syslogUdp),
                syslogTcp == null ? null : ListenAddress.parse(syslogTcp),
                new SyslogSettings(maxLineBytes, syslogMaxConnections), keyHost, maxLineBytes,
                watermark != null, watermarkMs(), Duration.ofSeconds(statsIntervalSeconds),
                Duration.ofSeconds(stopTimeoutSeconds));
    }

    private TailSettings.StartPosition startPosition() {
        if (startAt == null) {
            return once ? TailSettings.StartPosition.BEGINNING : TailSettings.StartPosition.END;
        }
        switch (startAt.toLowerCase(Locale.ROOT)) {
            case "end":
                return TailSettings.StartPosition.END;
            case "beginning":
                return TailSettings.StartPosition.BEGINNING;
            default:
                throw new IllegalArgumentException("invalid --start-at '" + startAt + "', expected end or beginning");
        }
    }

    private Long watermarkMs() {
        if (watermark == null || "now".equals(watermark)) {
            return null;
        }
        try {
            return Long.parseLong(watermark);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid --watermark '" + watermark + "', expected epoch milliseconds");
        }
    }

    private static Path defaultStateFile() {
        String stateHome = System.getenv("XDG_STATE_HOME");
        Path base = stateHome != null && !stateHome.isBlank()
                ? Path.of(stateHome)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("mailflow").resolve("ship.state");
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            if (fromEnvironment == null || fromEnvironment.isBlank()) {
                throw new IllegalArgumentException("this machine's host name cannot be resolved (" + e.getMessage()
                        + "); give it with --host");
            }
            return fromEnvironment;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting and runs the hook; nothing to remove.
        }
    }
}
