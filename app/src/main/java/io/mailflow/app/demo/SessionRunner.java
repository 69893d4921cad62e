package io.mailflow.app.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.mailflow.app.config.Configuration;
import io.mailflow.app.config.MailflowSettings;
import io.mailflow.app.demo.PipelineSession.ServerChoice;
import io.mailflow.app.demo.PipelineSession.SessionResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one demo or replay session from the command line: progress on stderr, report on stdout. */
final class SessionRunner {

    private static final Logger log = LoggerFactory.getLogger(SessionRunner.class);

    /** Creates the input of a run inside its working folder. */
    @FunctionalInterface
    interface InputFactory {
        SessionInput create(Path workDir) throws IOException;
    }

    private SessionRunner() {
    }

    /**
     * Runs the session and prints the report.
     *
     * @return 0 when everything was indexed, 1 when the time ran out first (the report shows what was indexed)
     */
    static int run(Configuration configuration, ServerChoice choice, InputFactory inputs, boolean keepRunning,
            Duration timeout, PrintWriter out, PrintStream progress) throws Exception {
        quietLogsUnlessAsked();
        Path workDir = Files.createTempDirectory("mailflow-session-");
        try {
            SessionInput input = inputs.create(workDir);
            try (PipelineSession session = PipelineSession.start(configuration, choice, workDir)) {
                Thread shutdownHook = keepRunning ? closeOnExit(session, workDir) : null;
                SessionResult result = session.process(input, progress, ProgressDisplay.stderrIsTerminal(), timeout);
                DemoReport.print(result.report(), out);
                if (!result.complete()) {
                    progress.println("mailflow: timed out after " + timeout.toSeconds()
                            + " s before everything was indexed; still pending: " + String.join("; ", result.pending()));
                }
                if (keepRunning) {
                    printStack(session, progress);
                    session.awaitInterrupt();
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                }
                return result.complete() ? 0 : 1;
            }
        } finally {
            deleteQuietly(workDir);
        }
    }

    /**
     * Lowers the log level to WARN, so that the progress line on stderr stays readable, unless the
     * operator chose a level with MAILFLOW_LOG_LEVEL. Kafka Streams' warning about a state folder under
     * the temporary folder is expected here, since demo and replay keep their state there on purpose.
     */
    private static void quietLogsUnlessAsked() {
        if (System.getenv("MAILFLOW_LOG_LEVEL") != null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        context.getLogger("org.apache.kafka.streams.processor.internals.StateDirectory").setLevel(Level.ERROR);
    }

    private static void printStack(PipelineSession session, PrintStream progress) {
        Configuration configuration = session.configuration();
        progress.println();
        progress.println("The stack keeps running until Ctrl-C:");
        progress.println("  Kafka:          " + session.bootstrapServers() + " (topics "
                + configuration.get(MailflowSettings.TOPIC_RAW) + ", " + configuration.get(MailflowSettings.TOPIC_ALERTS) + ", ...)");
        progress.println("  Elasticsearch:  " + session.elasticsearchUrl() + " (indices mailflow-*)");
        progress.println("  Health:         http://" + configuration.get(MailflowSettings.HTTP_ADDRESS) + ":" + session.httpPort() + "/health");
        progress.println("  Metrics:        http://" + configuration.get(MailflowSettings.HTTP_ADDRESS) + ":" + session.httpPort() + "/metrics");
        progress.flush();
    }

    /** Stops the session when the JVM exits on Ctrl-C, so that Elasticsearch and the temporary files go too. */
    private static Thread closeOnExit(PipelineSession session, Path workDir) {
        Thread hook = new Thread(() -> {
            log.info("Stopping the demo stack");
            session.close();
            deleteQuietly(workDir);
        }, "mailflow-session-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("Failed to delete temporary folder path={}: {}", folder, e.getMessage());
        }
    }
}
