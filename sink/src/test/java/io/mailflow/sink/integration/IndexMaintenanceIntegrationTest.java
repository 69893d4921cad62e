package io.mailflow.sink.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.elasticsearch.client.Request;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mailflow.embedded.LocalElasticsearch;
import io.mailflow.embedded.junit.EmbeddedServicesExtension;
import io.mailflow.sink.ElasticsearchConnection;
import io.mailflow.sink.IndexRetention;
import io.mailflow.sink.IndexTemplateInstaller;
import io.mailflow.sink.SinkSettings;

@Tag("integration")
@ExtendWith(EmbeddedServicesExtension.class)
class IndexMaintenanceIntegrationTest {

    @Test
    void installingTwiceChangesNothingAndRestoresAMissingAlias(LocalElasticsearch elasticsearch) throws Exception {
        try (ElasticsearchConnection connection = connect(elasticsearch)) {
            IndexTemplateInstaller installer = new IndexTemplateInstaller(connection);
            installer.install();
            put(connection, "/mailflow-stats-sender-2020.02.01");
            perform(connection, "POST", "/_aliases",
                    "{\"actions\":[{\"remove\":{\"index\":\"mailflow-stats-sender-2020.02.01\",\"alias\":\"mailflow-stats-sender\"}}]}");

            installer.install();

            Map<String, List<String>> aliases = connection.indexAliases("mailflow-stats-sender-2020.02.01");
            assertThat(aliases).containsEntry("mailflow-stats-sender-2020.02.01", List.of("mailflow-stats-sender"));
            assertThat(connection.indexAliases("mailflow-alerts")).containsKey("mailflow-alerts");
        }
    }

    @Test
    void retentionDeletesOnlyDailyIndicesBeforeTheCutoff(LocalElasticsearch elasticsearch) throws Exception {
        try (ElasticsearchConnection connection = connect(elasticsearch)) {
            new IndexTemplateInstaller(connection).install();
            put(connection, "/mailflow-deliveries-2019.12.30");
            put(connection, "/mailflow-alert-events-2019.12.31");
            put(connection, "/mailflow-deliveries-2020.01.01");

            List<String> deleted = new IndexRetention(connection).deleteBefore(LocalDate.of(2020, 1, 1));

            assertThat(deleted).containsExactly("mailflow-alert-events-2019.12.31", "mailflow-deliveries-2019.12.30");
            assertThat(connection.indexAliases("mailflow-deliveries-2020.01.01")).containsKey("mailflow-deliveries-2020.01.01");
            assertThat(connection.indexAliases("mailflow-alerts")).containsKey("mailflow-alerts");
        }
    }

    private static ElasticsearchConnection connect(LocalElasticsearch elasticsearch) {
        return ElasticsearchConnection.open(SinkSettings.fromMap(Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:9092",
                "elasticsearch.urls", elasticsearch.httpUrl())));
    }

    private static void put(ElasticsearchConnection connection, String endpoint) throws Exception {
        connection.restClient().performRequest(new Request("PUT", endpoint));
    }

    private static void perform(ElasticsearchConnection connection, String method, String endpoint, String body) throws Exception {
        Request request = new Request(method, endpoint);
        request.setJsonEntity(body);
        connection.restClient().performRequest(request);
    }

}
