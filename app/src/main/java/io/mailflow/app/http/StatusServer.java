package io.mailflow.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mailflow.app.run.ComponentStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /health} (JSON with each component's state; 200 when every component runs, 503
 * otherwise) and {@code GET /metrics} (Prometheus text format) on one address and port. Any other
 * path gets 404, any other method 405.
 */
public final class StatusServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<List<ComponentStatus>> components;
    private final PrometheusMeterRegistry metrics;

    private StatusServer(HttpServer server, ExecutorService executor, Supplier<List<ComponentStatus>> components,
            PrometheusMeterRegistry metrics) {
        this.server = server;
        this.executor = executor;
        this.components = components;
        this.metrics = metrics;
    }

    /**
     * Binds the address and port and starts serving.
     *
     * @param port the port, or 0 for a free one (see {@link #port()})
     * @throws UncheckedIOException if the port is taken or the address is not local, naming both
     */
    public static StatusServer start(String address, int port, Supplier<List<ComponentStatus>> components,
            PrometheusMeterRegistry metrics) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to listen on " + address + ":" + port
                    + " for /health and /metrics (" + e.getMessage() + "); set http.port to a free port or http.address to a local address", e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mailflow-http");
            thread.setDaemon(true);
            return thread;
        });
        StatusServer statusServer = new StatusServer(server, executor, components, metrics);
        server.createContext("/health", statusServer::serveHealth);
        server.createContext("/metrics", statusServer::serveMetrics);
        server.createContext("/", exchange -> respond(exchange, 404, "text/plain; charset=utf-8", "Not found; try /health or /metrics\n"));
        server.setExecutor(executor);
        server.start();
        log.info("Serving /health and /metrics address={} port={}", address, statusServer.port());
        return statusServer;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        log.info("Stopped serving /health and /metrics port={}", port());
    }

    /** Renders the health document: {@code {"status":"UP"|"DOWN","components":{name:{"state":..,"detail":..}}}}. */
    static String healthJson(List<ComponentStatus> statuses) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", allHealthy(statuses) ? "UP" : "DOWN");
        ObjectNode components = root.putObject("components");
        for (ComponentStatus status : statuses) {
            ObjectNode component = components.putObject(status.name());
            component.put("state", status.state().name());
            if (status.detail() != null) {
                component.put("detail", status.detail());
            }
        }
        return root.toString();
    }

    static boolean allHealthy(List<ComponentStatus> statuses) {
        return !statuses.isEmpty() && statuses.stream().allMatch(status -> status.state().isHealthy());
    }

    private void serveHealth(HttpExchange exchange) throws IOException {
        if (!allowGet(exchange)) {
            return;
        }
        List<ComponentStatus> statuses = components.get();
        int code = allHealthy(statuses) ? 200 : 503;
        respond(exchange, code, "application/json", healthJson(statuses) + "\n");
    }

    private void serveMetrics(HttpExchange exchange) throws IOException {
        if (!allowGet(exchange)) {
            return;
        }
        respond(exchange, 200, PROMETHEUS_CONTENT_TYPE, metrics.scrape());
    }

    private static boolean allowGet(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, "text/plain; charset=utf-8", "Method " + method + " not allowed\n");
        return false;
    }

    private static void respond(HttpExchange exchange, int code, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }
}
