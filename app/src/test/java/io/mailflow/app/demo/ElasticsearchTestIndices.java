package io.mailflow.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Deletes the mailflow indices of the Elasticsearch node that all tests of a run share, so that each
 * end-to-end test sees only its own documents. Elasticsearch refuses wildcard deletes by default, so
 * the indices are listed and deleted by name.
 */
final class ElasticsearchTestIndices {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ElasticsearchTestIndices() {
    }

    static void deleteMailflowIndices(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> listing = CLIENT.send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/_cat/indices/mailflow-*?format=json&h=index&expand_wildcards=all")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (listing.statusCode() != 200) {
            throw new IOException("Listing indices failed with " + listing.statusCode() + ": " + listing.body());
        }
        for (JsonNode index : JSON.readTree(listing.body())) {
            HttpResponse<String> deleted = CLIENT.send(HttpRequest.newBuilder(
                            URI.create(baseUrl + "/" + index.path("index").asText())).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (deleted.statusCode() != 200 && deleted.statusCode() != 404) {
                throw new IOException("Deleting " + index + " failed with " + deleted.statusCode() + ": " + deleted.body());
            }
        }
    }
}
