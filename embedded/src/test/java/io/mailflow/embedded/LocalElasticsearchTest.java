package io.mailflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.mailflow.embedded.junit.EmbeddedServicesExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@ExtendWith(EmbeddedServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalElasticsearchTest {

    private static final List<String> PROVIDERS = List.of("gmail", "microsoft", "yahoo", "gmx", "other");
    private static final List<String> STATUSES = List.of("sent", "deferred", "bounced");
    private static final int DOCUMENT_COUNT = 2_000;

    private ElasticsearchClient client;

    /** One delivery attempt as the sink would index it. */
    record Delivery(String queueId, String provider, String status, long sizeBytes) {
    }

    @BeforeAll
    void connect(LocalElasticsearch elasticsearch) {
        client = ElasticsearchClients.connect(elasticsearch);
    }

    @AfterAll
    void disconnect() throws Exception {
        client._transport().close();
    }

    @Test
    void httpUrlIsLoopback(LocalElasticsearch elasticsearch) {
        assertThat(elasticsearch.httpUrl()).isEqualTo("http://127.0.0.1:" + elasticsearch.httpPort());
        assertThat(ProcessHandle.of(elasticsearch.pid())).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());
    }

    @Test
    void clusterHasOneHealthyNode() throws Exception {
        var health = client.cluster().health();

        assertThat(health.numberOfNodes()).isEqualTo(1);
        assertThat(health.status()).isIn(HealthStatus.Green, HealthStatus.Yellow);
    }

    @Test
    void bulkIndexedDocumentsAggregateByProvider() throws Exception {
        String index = "deliveries-aggregation-test";
        client.indices().create(request -> request
                .index(index)
                .settings(settings -> settings.numberOfShards("2").numberOfReplicas("0"))
                .mappings(mappings -> mappings
                        .properties("queueId", property -> property.keyword(keyword -> keyword))
                        .properties("provider", property -> property.keyword(keyword -> keyword))
                        .properties("status", property -> property.keyword(keyword -> keyword))
                        .properties("sizeBytes", property -> property.long_(number -> number))));

        BulkRequest.Builder bulk = new BulkRequest.Builder();
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        for (int i = 0; i < DOCUMENT_COUNT; i++) {
            Delivery delivery = new Delivery(String.format("Q%05X", i), PROVIDERS.get(i % PROVIDERS.size()),
                    STATUSES.get(i % 7 % STATUSES.size()), 1_000L + i);
            bulk.operations(operation -> operation.index(indexing -> indexing
                    .index(index)
                    .id(delivery.queueId())
                    .document(delivery)));
            expected.computeIfAbsent(delivery.provider(), provider -> new TreeMap<>())
                    .merge(delivery.status(), 1L, Long::sum);
        }
        BulkResponse response = client.bulk(bulk.build());
        client.indices().refresh(request -> request.index(index));

        SearchResponse<Void> search = client.search(request -> request
                .index(index)
                .size(0)
                .aggregations("by_provider", provider -> provider
                        .terms(terms -> terms.field("provider").size(10))
                        .aggregations("by_status", status -> status.terms(terms -> terms.field("status").size(10)))
                        .aggregations("bytes", bytes -> bytes.sum(sum -> sum.field("sizeBytes")))),
                Void.class);

        assertThat(response.errors()).as("bulk errors").isFalse();
        assertThat(response.items()).hasSize(DOCUMENT_COUNT);
        assertThat(search.hits().total().value()).isEqualTo(DOCUMENT_COUNT);
        Map<String, Map<String, Long>> actual = new TreeMap<>();
        double totalBytes = 0;
        for (StringTermsBucket providerBucket : search.aggregations().get("by_provider").sterms().buckets().array()) {
            Map<String, Long> byStatus = new HashMap<>();
            for (StringTermsBucket statusBucket : providerBucket.aggregations().get("by_status").sterms().buckets().array()) {
                byStatus.put(statusBucket.key().stringValue(), statusBucket.docCount());
            }
            actual.put(providerBucket.key().stringValue(), new TreeMap<>(byStatus));
            totalBytes += providerBucket.aggregations().get("bytes").sum().value();
        }
        assertThat(actual).isEqualTo(expected);
        long expectedBytes = 1_000L * DOCUMENT_COUNT + (long) DOCUMENT_COUNT * (DOCUMENT_COUNT - 1) / 2;
        assertThat(totalBytes).isEqualTo((double) expectedBytes);
    }
}
