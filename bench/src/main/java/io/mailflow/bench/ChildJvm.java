package io.mailflow.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code mailflow} command run as its own JVM, as it runs in production, with its output in a log
 * file. Its CPU time is read from the operating system, so a measurement can add it to the cores
 * used. {@link #close()} stops it with SIGTERM and, after a grace period, kills it.
 */
final class ChildJvm implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Process process;

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * Starts {@code java <jvmOptions> -jar <appJar> <arguments>} with standard output and error
     * going to {@code logFile}.
     */
    static ChildJvm start(String name, Path appJar, List<String> jvmOptions, List<String> arguments, Path logFile)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(appJar.toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        LOG.info("Started child JVM name={} pid={} log={} command={}", name, process.pid(), logFile, command);
        return new ChildJvm(name, process);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** CPU seconds of the process so far, user and system. */
    double cpuSeconds() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") has exited with code "
                    + process.exitValue() + "; see its log");
        }
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("the OS does not report CPU time of pid " + process.pid()))
                .toNanos() / 1e9;
    }

    /** Fails when the process has exited, naming its exit code. */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") exited with code "
                    + process.exitValue() + "; see its log");
        }
    }

    /** Stops the process; an interrupt while waiting kills it at once and keeps the interrupt flag. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Child JVM did not stop within {} s, killing it: name={} pid={}",
                        STOP_GRACE.toSeconds(), name, process.pid());
                process.destroyForcibly();
                process.waitFor();
            }
            LOG.info("Stopped child JVM name={} pid={} exitCode={}", name, process.pid(), process.exitValue());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
