package io.mailflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves that Elasticsearch does not outlive a JVM killed with SIGKILL, which runs no shutdown hook. */
@Tag("integration")
class ParentDeathTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void elasticsearchDiesWithKilledJvm(@TempDir Path nodeFolder) throws Exception {
        Process child = new ProcessBuilder(javaCommand(nodeFolder)).redirectErrorStream(true).start();
        StringBuffer childOutput = new StringBuffer();
        CompletableFuture<Long> elasticsearchPid = readPid(child, childOutput);
        List<ProcessHandle> elasticsearchProcesses = List.of();
        try {
            long pid = elasticsearchPid.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            elasticsearchProcesses = child.descendants().collect(Collectors.toList());
            assertThat(elasticsearchProcesses).extracting(ProcessHandle::pid).as("processes below the child JVM").contains(pid);

            // destroyForcibly() sends SIGKILL on Unix, exactly what kill -9 does.
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child JVM exited").isTrue();
            List<Long> survivors = awaitExit(elasticsearchProcesses);

            assertThat(child.exitValue()).as("exit code of the child JVM").isEqualTo(128 + 9);
            assertThat(survivors).as("Elasticsearch processes alive %d s after SIGKILL of the JVM", EXIT_TIMEOUT.toSeconds())
                    .isEmpty();
        } catch (TimeoutException e) {
            throw new AssertionError("Child JVM printed no Elasticsearch pid within " + START_TIMEOUT.toSeconds()
                    + " s. Its output:\n" + childOutput, e);
        } finally {
            child.destroyForcibly();
            elasticsearchProcesses.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static List<String> javaCommand(Path nodeFolder) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", classPath,
                ElasticsearchChildMain.class.getName(), nodeFolder.toString());
    }

    /** Reads the child's output on a thread of its own, completing with the pid it prints. */
    private static CompletableFuture<Long> readPid(Process child, StringBuffer output) {
        CompletableFuture<Long> pid = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.startsWith(ElasticsearchChildMain.PID_PREFIX)) {
                        pid.complete(Long.parseLong(line.substring(ElasticsearchChildMain.PID_PREFIX.length()).trim()));
                    }
                }
                pid.completeExceptionally(new IllegalStateException("Child JVM ended without a pid. Its output:\n" + output));
            } catch (Exception e) {
                pid.completeExceptionally(e);
            }
        }, "elasticsearch-child-output");
        reader.setDaemon(true);
        reader.start();
        return pid;
    }

    /** Polls until every process has exited; returns the pids still alive at the deadline. */
    private static List<Long> awaitExit(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + EXIT_TIMEOUT.toNanos();
        List<Long> alive = alivePids(processes);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
            alive = alivePids(processes);
        }
        return alive;
    }

    private static List<Long> alivePids(List<ProcessHandle> processes) {
        return processes.stream()
                .filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid)
                .collect(Collectors.toList());
    }
}
