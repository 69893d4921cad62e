package io.mailflow.embedded.internals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Starting and ending child processes that must not outlive this JVM. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * Starts {@code builder} from a new daemon thread that lives until the process exits.
     *
     * <p>Linux sends a parent-death signal (set with {@code prctl(PR_SET_PDEATHSIG)}, for example by
     * {@code setpriv --pdeathsig}) when the <em>thread</em> that forked the child ends, not only when the
     * JVM ends. Starting from a caller's thread, such as a short-lived JUnit or executor thread, would
     * therefore kill the child as soon as that thread finishes.
     */
    public static Process startFromDedicatedThread(ProcessBuilder builder, String threadName) throws IOException {
        CompletableFuture<Process> started = new CompletableFuture<>();
        Thread launcher = new Thread(() -> runUntilExit(builder, started), threadName);
        launcher.setDaemon(true);
        launcher.start();

        try {
            return started.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("Failed to start " + builder.command(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while starting " + builder.command(), e);
        }
    }

    /** Returns the first executable named {@code program} on the {@code PATH}. */
    public static Optional<Path> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            Path candidate = Path.of(folder, program);
            if (!folder.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Returns the process and all its descendants, parents first, as they are at this moment. */
    public static List<ProcessHandle> tree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        tree.addAll(root.descendants().collect(Collectors.toList()));
        return tree;
    }

    /**
     * Waits until every process has exited.
     *
     * @return whether all exited within the timeout
     */
    public static boolean awaitExit(List<ProcessHandle> processes, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (ProcessHandle process : processes) {
            long remaining = deadline - System.nanoTime();
            try {
                process.onExit().get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException("Failed to wait for process " + process.pid(), e.getCause());
            }
        }
        return true;
    }

    /** Sends SIGKILL to every process of the list that is still alive. */
    public static void killAll(List<ProcessHandle> processes) {
        for (ProcessHandle process : processes) {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static void runUntilExit(ProcessBuilder builder, CompletableFuture<Process> started) {
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            started.completeExceptionally(e);
            return;
        }
        started.complete(process);

        while (process.isAlive()) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                // Keep waiting, because ending this thread would send the parent-death signal.
            }
        }
    }
}
