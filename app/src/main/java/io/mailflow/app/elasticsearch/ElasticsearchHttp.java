package io.mailflow.app.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailflow.app.config.Configuration;
import io.mailflow.app.config.MailflowSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A small JSON-over-HTTP client for the read-only queries of the demo report and the completion
 * checks: search, count, refresh and cluster health. Writing is the sink's job, through the official
 * client. Tries the configured URLs in order until one responds. Thread-safe.
 */
public final class ElasticsearchHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final List<String> urls;
    private final String authorization;
    private final AuthKind authKind;
    private final HttpClient client;

    /** Authentication of the requests, so that printed curl commands can refer to the same credentials. */
    public enum AuthKind {
        NONE,
        API_KEY,
        BASIC
    }

    private ElasticsearchHttp(List<String> urls, String authorization, AuthKind authKind, HttpClient client) {
        this.urls = List.copyOf(urls);
        this.authorization = authorization;
        this.authKind = authKind;
        this.client = client;
    }

    /**
     * Creates a client for the configured URLs, credentials and certificate authority.
     *
     * @throws IllegalStateException if the CA file cannot be read
     */
    public static ElasticsearchHttp from(Configuration configuration) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        Path caFile = configuration.get(MailflowSettings.ELASTICSEARCH_CA_FILE);
        if (caFile != null) {
            builder.sslContext(trusting(caFile));
        }

        String apiKey = configuration.get(MailflowSettings.ELASTICSEARCH_API_KEY);
        String username = configuration.get(MailflowSettings.ELASTICSEARCH_USERNAME);
        if (apiKey != null) {
            return new ElasticsearchHttp(configuration.get(MailflowSettings.ELASTICSEARCH_URLS), "ApiKey " + apiKey,
                    AuthKind.API_KEY, builder.build());
        }
        if (username != null) {
            String password = configuration.get(MailflowSettings.ELASTICSEARCH_PASSWORD);
            String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            return new ElasticsearchHttp(configuration.get(MailflowSettings.ELASTICSEARCH_URLS), "Basic " + token,
                    AuthKind.BASIC, builder.build());
        }
        return new ElasticsearchHttp(configuration.get(MailflowSettings.ELASTICSEARCH_URLS), null, AuthKind.NONE,
                builder.build());
    }

    /** Returns the first configured URL, which printed curl commands use. */
    public String baseUrl() {
        return urls.get(0);
    }

    public AuthKind authKind() {
        return authKind;
    }

    public JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        return send("GET", pathAndQuery, null);
    }

    public JsonNode post(String pathAndQuery, String jsonBody) throws IOException, InterruptedException {
        return send("POST", pathAndQuery, jsonBody);
    }

    /**
     * Returns the number of documents in an index or alias, or 0 when it does not exist yet.
     */
    public long count(String index) throws IOException, InterruptedException {
        JsonNode response = sendAllowingMissing("GET", "/" + index + "/_count", null);
        return response == null ? 0 : response.path("count").asLong();
    }

    /** Makes recent writes to an index or alias visible to search; does nothing when it does not exist yet. */
    public void refresh(String index) throws IOException, InterruptedException {
        sendAllowingMissing("POST", "/" + index + "/_refresh", null);
    }

    /** Runs a search and returns the response, or null when the index or alias does not exist yet. */
    public JsonNode search(String index, String jsonBody) throws IOException, InterruptedException {
        return sendAllowingMissing("POST", "/" + index + "/_search", jsonBody);
    }

    private JsonNode send(String method, String pathAndQuery, String body) throws IOException, InterruptedException {
        JsonNode response = sendAllowingMissing(method, pathAndQuery, body);
        if (response == null) {
            throw new IOException("Elasticsearch at " + baseUrl() + " returned 404 for " + method + " " + pathAndQuery);
        }
        return response;
    }

    private JsonNode sendAllowingMissing(String method, String pathAndQuery, String body)
            throws IOException, InterruptedException {
        IOException lastFailure = null;
        for (String url : urls) {
            HttpRequest request = request(url + pathAndQuery, method, body);
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                lastFailure = new IOException("Failed to reach Elasticsearch at " + url + ": " + e.getMessage(), e);
                continue;
            }
            try (InputStream stream = response.body()) {
                byte[] bytes = stream.readAllBytes();
                if (response.statusCode() == 404) {
                    return null;
                }
                if (response.statusCode() >= 300) {
                    throw new IOException("Elasticsearch at " + url + " returned " + response.statusCode() + " for "
                            + method + " " + pathAndQuery + ": " + abbreviate(new String(bytes, StandardCharsets.UTF_8)));
                }
                return JSON.readTree(bytes);
            }
        }
        throw lastFailure;
    }

    private HttpRequest request(String uri, String method, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri)).timeout(REQUEST_TIMEOUT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return builder.build();
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            List<Certificate> certificates = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certificates.isEmpty()) {
                throw new IllegalStateException("elasticsearch.ca-file " + caFile + " contains no PEM certificate");
            }
            for (int i = 0; i < certificates.size(); i++) {
                trustStore.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Failed to read elasticsearch.ca-file " + caFile + ": " + e.getMessage(), e);
        }
    }
}
