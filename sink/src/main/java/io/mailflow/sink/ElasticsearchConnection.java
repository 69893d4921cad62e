package io.mailflow.sink;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.GetAliasResponse;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;

/**
 * A connection to an Elasticsearch cluster: the low-level REST client, which sends the template files
 * as they are, and the typed client on top of it, which sends bulk requests. Thread-safe.
 */
public final class ElasticsearchConnection implements Closeable {

    private final RestClient restClient;
    private final ElasticsearchClient client;

    private ElasticsearchConnection(RestClient restClient) {
        this.restClient = restClient;
        this.client = new ElasticsearchClient(new RestClientTransport(restClient, new Jackson3JsonpMapper()));
    }

    /**
     * Opens a connection with the URLs, credentials, CA file and timeouts of the settings.
     *
     * @throws IllegalArgumentException when the CA file cannot be read as PEM certificates
     */
    public static ElasticsearchConnection open(SinkSettings settings) {
        HttpHost[] hosts = settings.elasticsearchUrls().stream()
                .map(ElasticsearchConnection::host)
                .toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(hosts);
        String pathPrefix = settings.elasticsearchUrls().get(0).getPath();
        if (pathPrefix != null && !pathPrefix.isEmpty() && !pathPrefix.equals("/")) {
            builder.setPathPrefix(pathPrefix);
        }
        builder.setRequestConfigCallback(request -> request
                        .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                        .setSocketTimeout(Math.toIntExact(settings.socketTimeout().toMillis())));

        if (settings.apiKey() != null) {
            builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + settings.apiKey())});
        }
        SSLContext sslContext = settings.caFile() == null ? null : sslContext(settings);
        BasicCredentialsProvider credentials = null;
        if (settings.username() != null) {
            credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY,
                    new UsernamePasswordCredentials(settings.username(), settings.password()));
        }
        BasicCredentialsProvider basicAuth = credentials;
        builder.setHttpClientConfigCallback(http -> {
            if (sslContext != null) {
                http.setSSLContext(sslContext);
            }
            if (basicAuth != null) {
                http.setDefaultCredentialsProvider(basicAuth);
            }
            return http;
        });
        return new ElasticsearchConnection(builder.build());
    }

    /** Wraps an existing REST client; closing the connection closes it. */
    public static ElasticsearchConnection of(RestClient restClient) {
        return new ElasticsearchConnection(restClient);
    }

    public RestClient restClient() {
        return restClient;
    }

    public ElasticsearchClient client() {
        return client;
    }

    /**
     * Checks that the cluster responds to {@code GET /_cluster/health}, which every distribution serves
     * (the root endpoint {@code GET /} is not available everywhere).
     *
     * @throws IOException when the cluster does not respond or responds with an error status
     */
    public void checkHealth() throws IOException {
        Response response = restClient.performRequest(new Request("GET", "/_cluster/health"));
        int status = response.getStatusLine().getStatusCode();
        if (status != 200) {
            throw new IOException("GET /_cluster/health returned status " + status);
        }
    }

    /**
     * Returns the indices that match a pattern such as {@code mailflow-deliveries-*}, each with the
     * names of its aliases, sorted by index name; empty when none matches.
     */
    public Map<String, List<String>> indexAliases(String pattern) throws IOException {
        GetAliasResponse response = client.indices().getAlias(request -> request
                .index(pattern)
                .allowNoIndices(true)
                .ignoreUnavailable(true));
        Map<String, List<String>> result = new TreeMap<>();
        response.result().forEach((index, aliases) -> result.put(index, List.copyOf(aliases.aliases().keySet())));
        return result;
    }

    @Override
    public void close() throws IOException {
        restClient.close();
    }

    private static HttpHost host(URI url) {
        int port = url.getPort() != -1 ? url.getPort() : 9200;
        return new HttpHost(url.getHost(), port, url.getScheme());
    }

    /** Builds a TLS context that trusts the certificate authorities in the PEM file, and only those. */
    static SSLContext sslContext(SinkSettings settings) {
        try (InputStream pem = Files.newInputStream(settings.caFile())) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(pem);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("No certificate in " + settings.caFile()
                        + " (" + SinkSettings.ELASTICSEARCH_CA_FILE.name() + ")");
            }
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            int index = 0;
            for (Certificate certificate : List.copyOf(certificates)) {
                trustStore.setCertificateEntry("mailflow-ca-" + index++, certificate);
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Failed to read certificates from " + settings.caFile() + " ("
                    + SinkSettings.ELASTICSEARCH_CA_FILE.name() + "): " + e.getMessage(), e);
        }
    }
}
