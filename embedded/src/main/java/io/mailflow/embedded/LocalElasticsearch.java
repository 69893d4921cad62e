package io.mailflow.embedded;

import io.mailflow.embedded.internals.ChildProcesses;
import io.mailflow.embedded.internals.Directories;
import io.mailflow.embedded.internals.ElasticsearchDistribution;
import io.mailflow.embedded.internals.ElasticsearchNodeFolder;
import io.mailflow.embedded.internals.FreePorts;
import io.mailflow.embedded.internals.LogFiles;
import io.mailflow.embedded.internals.ServiceUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Elasticsearch, run as a child process of this JVM from the minimal
 * {@code integ-test-zip} distribution (see {@link ElasticsearchDistribution} for where it comes from).
 * It listens on 127.0.0.1 only, with security off, and runs on the JVM of this process
 * ({@code ES_JAVA_HOME} is set to {@code java.home}).
 *
 * <p>When this JVM runs as root, Elasticsearch runs as the system user {@value ServiceUser#NAME}, created
 * on first use, because Elasticsearch does not run as root. Every folder above the distribution and the
 * data folder must then be searchable by that user.
 *
 * <p>Elasticsearch dies with this JVM, also on {@code kill -9}, through a parent-death signal set with
 * {@code setpriv --pdeathsig=TERM}. Without {@code setpriv} on the {@code PATH} it survives a
 * {@code kill -9} of this JVM, and a warning is logged at start. A shutdown hook stops it when this JVM exits normally.
 *
 * <p>{@link #stop()} and {@link #restart()} keep the ports and the data. {@link #close()} stops the node
 * and deletes its folder if this instance created it. All lifecycle methods are thread-safe.
 */
public final class LocalElasticsearch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalElasticsearch.class);

    private static final String LOOPBACK = "127.0.0.1";
    private static final int DEFAULT_HEAP_MB = 384;
    private static final int MIN_HEAP_MB = 128;
    /** A start takes 7 to 10 s on an idle 2-core machine and took 50 s at a load average of 20. */
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int LOG_TAIL_LINES = 40;

    /** Shared by all nodes; its selector thread is a daemon. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private final Path home;
    private final ElasticsearchNodeFolder folder;
    private final boolean ownsFolder;
    private final int httpPort;
    private final int transportPort;
    private final int heapMb;
    private final Duration startTimeout;
    private final ServiceUser serviceUser;
    private final Thread shutdownHook;

    private Process process;
    private long serverPid;
    private boolean closed;

    private LocalElasticsearch(Path home, Path nodeRoot, boolean ownsFolder, int httpPort, int transportPort,
            int heapMb, Duration startTimeout, ServiceUser serviceUser) {
        this.home = home;
        this.folder = new ElasticsearchNodeFolder(nodeRoot);
        this.ownsFolder = ownsFolder;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.heapMb = heapMb;
        this.startTimeout = startTimeout;
        this.serviceUser = serviceUser;
        this.shutdownHook = new Thread(this::closeAtJvmExit, "local-elasticsearch-shutdown-" + httpPort);
    }

    /** Starts a node on free ports with its folder in a new temporary folder. */
    public static LocalElasticsearch start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Returns the base URL of the REST API, {@code http://127.0.0.1:PORT}. */
    public String httpUrl() {
        return "http://" + LOOPBACK + ":" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public int transportPort() {
        return transportPort;
    }

    /** Returns the node's folder with {@code config/}, {@code data/}, {@code logs/} and {@code tmp/}. */
    public Path dataDir() {
        return folder.root();
    }

    /**
     * Returns the id of the Elasticsearch server process, the JVM that serves requests and stores the data.
     * Its parent is the Elasticsearch command-line launcher that this class starts. Both end on {@link #stop()}.
     *
     * @throws IllegalStateException if the node is stopped
     */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("Elasticsearch on " + httpUrl() + " is stopped");
        }
        return serverPid;
    }

    /**
     * Stops the node with SIGTERM and waits until it has shut down, but keeps its ports and data so that
     * {@link #restart()} brings the same node back. After 60 s the processes are killed. Does nothing if
     * the node is already stopped.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        long started = System.nanoTime();
        long pid = serverPid;
        List<ProcessHandle> tree = ChildProcesses.tree(process.toHandle());
        process = null;
        terminate(tree);
        log.info("Stopped Elasticsearch httpUrl={} pid={} in {} ms", httpUrl(), pid, elapsedMillis(started));
    }

    /**
     * Starts the stopped node again on the same ports with the same data and waits until it is ready.
     * Does nothing if it runs.
     *
     * @throws IllegalStateException if it fails to start or is closed. The message ends with the log tail.
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("Elasticsearch on " + httpUrl() + " is closed");
        }
        if (process == null) {
            startProcess();
        }
    }

    /** Stops the node and deletes its folder if this instance created it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            deleteOwnedFolder();
            removeShutdownHook();
        }
    }

    @Override
    public String toString() {
        return "LocalElasticsearch[" + httpUrl() + ", transport port " + transportPort + ", " + folder.root() + "]";
    }

    private void startProcess() {
        long started = System.nanoTime();
        try {
            folder.prepare(home, httpPort, transportPort, heapMb);
            if (serviceUser != null) {
                serviceUser.chownRecursively(folder.root());
                serviceUser.checkTraversable(folder.root());
            }
            Files.deleteIfExists(folder.pidFile());
            process = ChildProcesses.startFromDedicatedThread(processBuilder(), "local-elasticsearch-" + httpPort);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to start Elasticsearch in " + folder.root(), e);
        }

        try {
            awaitReady(process);
            serverPid = readServerPid().orElse(process.pid());
        } catch (RuntimeException e) {
            List<ProcessHandle> tree = ChildProcesses.tree(process.toHandle());
            process = null;
            terminate(tree);
            throw e;
        }
        log.info("Started Elasticsearch {} httpUrl={} transportPort={} pid={} heapMb={} dataDir={} in {} ms",
                ElasticsearchDistribution.version(), httpUrl(), transportPort, serverPid, heapMb, folder.root(),
                elapsedMillis(started));
    }

    private ProcessBuilder processBuilder() {
        List<String> command = new ArrayList<>();
        Optional<Path> setpriv = ChildProcesses.findOnPath("setpriv");
        if (serviceUser != null) {
            command.add(setpriv.orElseThrow(() -> new IllegalStateException(
                    "setpriv (util-linux) is required to run Elasticsearch as " + ServiceUser.NAME + " from a root JVM"))
                    .toString());
            command.addAll(List.of("--reuid=" + ServiceUser.NAME, "--regid=" + ServiceUser.NAME, "--init-groups",
                    "--inh-caps=-all", "--pdeathsig=TERM", "--"));
        } else if (setpriv.isPresent()) {
            command.addAll(List.of(setpriv.get().toString(), "--pdeathsig=TERM", "--"));
        } else {
            log.warn("setpriv not found on PATH: Elasticsearch on {} keeps running if this JVM is killed with SIGKILL",
                    httpUrl());
        }
        command.add(home.resolve("bin/elasticsearch").toString());
        command.addAll(List.of("-p", folder.pidFile().toString()));

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(folder.logs().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.consoleLog().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("ES_JAVA_HOME", System.getProperty("java.home"));
        environment.put("ES_PATH_CONF", folder.config().toString());
        environment.put("ES_TMPDIR", folder.tmp().toString());
        // The heap comes from the jvm.options.d file, and options from the caller's shell would override it.
        environment.remove("ES_JAVA_OPTS");
        return builder;
    }

    /** Waits until the cluster health is at least yellow, which needs the HTTP layer and the cluster state. */
    private void awaitReady(Process starting) {
        URI health = URI.create(httpUrl() + "/_cluster/health?wait_for_status=yellow&timeout=5s");
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).GET().build();
        long deadline = System.nanoTime() + startTimeout.toNanos();

        while (true) {
            if (!starting.isAlive()) {
                throw startFailure("exited with code " + starting.exitValue());
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw startFailure("was interrupted while waiting for it");
            }
            if (System.nanoTime() > deadline) {
                throw startFailure("was not ready (cluster health yellow) after " + startTimeout.toSeconds() + " s");
            }
            sleep(POLL_INTERVAL);
        }
    }

    private IllegalStateException startFailure(String reason) {
        return new IllegalStateException("Elasticsearch on " + httpUrl() + " (transport port " + transportPort
                + ", folder " + folder.root() + ") " + reason + ". Last lines of " + folder.consoleLog() + ":\n"
                + LogFiles.tailWithoutStackFrames(folder.consoleLog(), LOG_TAIL_LINES));
    }

    private Optional<Long> readServerPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(folder.pidFile(), StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            log.warn("Failed to read Elasticsearch pid file path={}, reporting the launcher's pid", folder.pidFile(), e);
            return Optional.empty();
        }
    }

    /**
     * Sends SIGTERM to the launcher, which then stops the server, and waits for both. Kills what is left
     * after the stop timeout.
     */
    private void terminate(List<ProcessHandle> tree) {
        try {
            tree.get(0).destroy();
            if (ChildProcesses.awaitExit(tree, STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            log.warn("Elasticsearch on {} did not stop within {} s, killing pids={}", httpUrl(), STOP_TIMEOUT.toSeconds(),
                    tree.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
            ChildProcesses.killAll(tree);
            if (!ChildProcesses.awaitExit(tree, KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.error("Elasticsearch processes of {} survived SIGKILL pids={}", httpUrl(),
                        tree.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ChildProcesses.killAll(tree);
        }
    }

    private void deleteOwnedFolder() {
        if (!ownsFolder) {
            return;
        }
        try {
            Directories.deleteRecursively(folder.root());
        } catch (IOException e) {
            log.warn("Failed to delete Elasticsearch folder path={}", folder.root(), e);
        }
    }

    private void registerShutdownHook() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down, possibly inside this very hook.
        }
    }

    private synchronized void closeAtJvmExit() {
        if (process != null) {
            log.info("JVM exits, stopping Elasticsearch httpUrl={}", httpUrl());
        }
        close();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Elasticsearch", e);
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /** Settings of a node to start. Every setting is optional. */
    public static final class Builder {

        private Path dataDir;
        private int httpPort;
        private int heapMb = DEFAULT_HEAP_MB;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder() {
        }

        /**
         * Keeps the node's config, data and logs in this folder, which is created if missing and kept on
         * close. A folder used by an earlier node is reused with its indices.
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** Listens for REST requests on this port of 127.0.0.1 instead of a free one. */
        public Builder httpPort(int httpPort) {
            if (httpPort < 1 || httpPort > 65535) {
                throw new IllegalArgumentException("httpPort must be between 1 and 65535, got " + httpPort);
            }
            this.httpPort = httpPort;
            return this;
        }

        /** Sets the heap (-Xms and -Xmx) in MiB; default 384. The process takes about 200 MiB more. */
        public Builder heapMb(int heapMb) {
            if (heapMb < MIN_HEAP_MB) {
                throw new IllegalArgumentException("heapMb must be at least " + MIN_HEAP_MB + ", got " + heapMb);
            }
            this.heapMb = heapMb;
            return this;
        }

        /** Sets how long a start may take until the cluster health is yellow. The default is 3 minutes. */
        public Builder startTimeout(Duration startTimeout) {
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, got " + startTimeout);
            }
            this.startTimeout = startTimeout;
            return this;
        }

        /**
         * Finds the distribution, prepares the node folder, starts Elasticsearch and waits until its
         * cluster health is yellow.
         *
         * @throws IllegalStateException if it fails to start. The message ends with the log tail.
         */
        public LocalElasticsearch start() {
            Path home = ElasticsearchDistribution.locate();
            ServiceUser serviceUser = ServiceUser.currentUserIsRoot() ? ServiceUser.ensureExists() : null;
            if (serviceUser != null) {
                checkTraversable(serviceUser, home.resolve("bin/elasticsearch"));
                checkTraversable(serviceUser, Path.of(System.getProperty("java.home"), "bin/java"));
            }

            boolean ownsFolder = dataDir == null;
            Path root;
            try {
                root = ownsFolder ? Files.createTempDirectory("mailflow-es-") : Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to create the Elasticsearch folder", e);
            }

            int port = httpPort != 0 ? httpPort : FreePorts.loopbackPort();
            int transportPort = FreePorts.loopbackPort();
            while (transportPort == port) {
                transportPort = FreePorts.loopbackPort();
            }
            LocalElasticsearch node = new LocalElasticsearch(home, root, ownsFolder, port, transportPort, heapMb,
                    startTimeout, serviceUser);
            node.registerShutdownHook();
            try {
                node.restart();
            } catch (RuntimeException e) {
                node.close();
                throw e;
            }
            return node;
        }

        private static void checkTraversable(ServiceUser serviceUser, Path path) {
            try {
                serviceUser.checkTraversable(path);
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to check the folders above " + path, e);
            }
        }
    }
}
