package io.mailflow.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailflow.app.elasticsearch.ElasticsearchHttp;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The Elasticsearch queries behind the demo report and its completion checks. The same query bodies
 * appear in the report as curl commands, so an operator can run them again.
 */
public final class ReportQueries {

    public static final String DELIVERIES = "mailflow-deliveries";
    public static final String IP_PROVIDER_STATS = "mailflow-stats-ip-provider";
    public static final String SENDER_STATS = "mailflow-stats-sender";
    public static final String ALERTS = "mailflow-alerts";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE_SIZE = 500;
    private static final int MAX_ALERTS = 1000;

    /** Attempts per sending IP and provider with status counts and the top reason categories. */
    static final String PAIRS_QUERY = """
            {"size":0,"aggs":{"pairs":{"composite":{"size":%d,"sources":[\
            {"sending_ip":{"terms":{"field":"source.address"}}},\
            {"provider":{"terms":{"field":"mailflow.provider"}}}]},\
            "aggs":{"status":{"terms":{"field":"mailflow.status","size":10}},\
            "categories":{"terms":{"field":"mailflow.category","size":3}}}}}}""";

    static final String ALERTS_QUERY = """
            {"size":%d,"sort":[{"mailflow.alert.first_seen":"asc"},{"mailflow.alert.id":"asc"}]}""";

    static final String LATEST_WINDOW_QUERY = """
            {"size":0,"aggs":{"latest_window_end":{"max":{"field":"mailflow.window.end"}}}}""";

    private final ElasticsearchHttp elasticsearch;

    public ReportQueries(ElasticsearchHttp elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    public ElasticsearchHttp elasticsearch() {
        return elasticsearch;
    }

    /** Makes every mailflow index's recent writes searchable. */
    public void refreshAll() throws IOException, InterruptedException {
        elasticsearch.refresh("mailflow-*");
    }

    public long deliveries() throws IOException, InterruptedException {
        return elasticsearch.count(DELIVERIES);
    }

    public long windows() throws IOException, InterruptedException {
        return elasticsearch.count(IP_PROVIDER_STATS) + elasticsearch.count(SENDER_STATS);
    }

    public long alerts() throws IOException, InterruptedException {
        return elasticsearch.count(ALERTS);
    }

    /** Returns the latest window end of the per-IP-and-provider aggregates in epoch ms, or empty when none is indexed. */
    public OptionalLong latestWindowEnd() throws IOException, InterruptedException {
        JsonNode response = elasticsearch.search(IP_PROVIDER_STATS, LATEST_WINDOW_QUERY);
        if (response == null) {
            return OptionalLong.empty();
        }
        JsonNode value = response.at("/aggregations/latest_window_end/value");
        return value.isNumber() ? OptionalLong.of(value.asLong()) : OptionalLong.empty();
    }

    /** Returns every sending IP and provider pair with its counts, most attempts first. */
    public List<IndexedPair> pairs() throws IOException, InterruptedException {
        List<IndexedPair> pairs = new ArrayList<>();
        JsonNode after = null;
        while (true) {
            ObjectNode body = (ObjectNode) JSON.readTree(String.format(PAIRS_QUERY, PAGE_SIZE));
            if (after != null) {
                ((ObjectNode) body.at("/aggs/pairs/composite")).set("after", after);
            }
            JsonNode response = elasticsearch.search(DELIVERIES, body.toString());
            if (response == null) {
                break;
            }
            JsonNode buckets = response.at("/aggregations/pairs/buckets");
            for (JsonNode bucket : buckets) {
                pairs.add(pair(bucket));
            }
            after = response.at("/aggregations/pairs/after_key");
            if (buckets.size() < PAGE_SIZE || after.isMissingNode()) {
                break;
            }
        }
        pairs.sort((a, b) -> Long.compare(b.attempts(), a.attempts()));
        return pairs;
    }

    /** Returns every incident, earliest first. */
    public List<IndexedAlert> incidents() throws IOException, InterruptedException {
        JsonNode response = elasticsearch.search(ALERTS, String.format(ALERTS_QUERY, MAX_ALERTS));
        if (response == null) {
            return List.of();
        }
        List<IndexedAlert> alerts = new ArrayList<>();
        for (JsonNode hit : response.at("/hits/hits")) {
            alerts.add(alert(hit.path("_source")));
        }
        return alerts;
    }

    private static IndexedPair pair(JsonNode bucket) {
        Map<String, Long> statuses = new LinkedHashMap<>();
        for (JsonNode status : bucket.at("/status/buckets")) {
            statuses.put(status.path("key").asText(), status.path("doc_count").asLong());
        }
        Map<String, Long> categories = new LinkedHashMap<>();
        for (JsonNode category : bucket.at("/categories/buckets")) {
            categories.put(category.path("key").asText(), category.path("doc_count").asLong());
        }
        return new IndexedPair(
                bucket.at("/key/sending_ip").asText(),
                bucket.at("/key/provider").asText(),
                bucket.path("doc_count").asLong(),
                statuses.getOrDefault("sent", 0L),
                statuses.getOrDefault("deferred", 0L),
                statuses.getOrDefault("bounced", 0L),
                statuses.getOrDefault("expired", 0L),
                categories);
    }

    private static IndexedAlert alert(JsonNode source) {
        JsonNode alert = source.at("/mailflow/alert");
        List<IndexedAlert.Sample> samples = new ArrayList<>();
        JsonNode replies = source.at("/mailflow/sample_replies");
        if (replies instanceof ArrayNode array) {
            for (JsonNode reply : array) {
                samples.add(new IndexedAlert.Sample(
                        reply.path("count").asLong(1),
                        reply.hasNonNull("reply_code") ? reply.path("reply_code").asInt() : null,
                        text(reply, "enhanced_status_code"),
                        text(reply, "text"),
                        text(reply, "recipient_domain")));
            }
        }
        return new IndexedAlert(
                text(alert, "id"),
                text(alert, "type"),
                text(alert, "severity"),
                text(alert, "state"),
                text(source.path("source"), "address"),
                text(source.path("mailflow"), "provider"),
                text(source.path("host"), "name"),
                text(source.path("mailflow"), "identity"),
                text(source.path("mailflow"), "category"),
                text(source, "message"),
                instant(alert, "first_seen"),
                instant(alert, "last_seen"),
                alert.hasNonNull("duration_ms") ? alert.path("duration_ms").asLong() : null,
                alert.path("attempts").asLong(),
                alert.path("matching").asLong(),
                alert.path("rate").asDouble(),
                alert.path("baseline").asDouble(),
                samples,
                text(source.at("/mailflow/remediation"), "next_step"),
                text(source.at("/mailflow/remediation"), "url"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }
}
