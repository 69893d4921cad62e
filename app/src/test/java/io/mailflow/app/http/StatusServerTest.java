package io.mailflow.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.app.run.ComponentState;
import io.mailflow.app.run.ComponentStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusServerTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicReference<List<ComponentStatus>> statuses = new AtomicReference<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private StatusServer server;

    @BeforeEach
    void startServer() {
        server = StatusServer.start("127.0.0.1", 0, statuses::get, registry);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void healthIs200WhenEveryComponentRuns() throws Exception {
        statuses.set(List.of(
                new ComponentStatus("sink", ComponentState.RUNNING, null),
                new ComponentStatus("streams", ComponentState.RUNNING, "2 tasks")));

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body().trim()).isEqualTo(
                "{\"status\":\"UP\",\"components\":{\"sink\":{\"state\":\"RUNNING\"},\"streams\":{\"state\":\"RUNNING\",\"detail\":\"2 tasks\"}}}");
    }

    @Test
    void healthIs503WhenOneComponentIsNotRunning() throws Exception {
        statuses.set(List.of(
                new ComponentStatus("sink", ComponentState.RUNNING, null),
                new ComponentStatus("streams", ComponentState.REBALANCING, null)));

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"status\":\"DOWN\"").contains("\"state\":\"REBALANCING\"");
    }

    @Test
    void healthIs503WithoutComponents() throws Exception {
        statuses.set(List.of());

        assertThat(get("/health").statusCode()).isEqualTo(503);
    }

    @Test
    void metricsServePrometheusText() throws Exception {
        statuses.set(List.of());
        registry.counter("mailflow.lines.parsed").increment(3);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(response.body()).contains("mailflow_lines_parsed_total 3.0");
    }

    @Test
    void otherPathsAndMethodsAreRejected() throws Exception {
        statuses.set(List.of());

        assertThat(get("/").statusCode()).isEqualTo(404);
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri("/health"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void takenPortNamesAddressAndSetting() {
        try {
            StatusServer.start("127.0.0.1", server.port(), statuses::get, registry).close();
            throw new AssertionError("Expected the second bind to fail");
        } catch (RuntimeException e) {
            assertThat(e).hasMessageContaining("127.0.0.1:" + server.port()).hasMessageContaining("http.port");
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
