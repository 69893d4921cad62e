package io.mailflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.GetResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Outage tests: each starts its own servers, because stopping the shared ones would break other tests. */
@Tag("integration")
class RestartTest {

    record Delivery(String provider, String status) {
    }

    @Test
    void kafkaKeepsRecordsAcrossRestart() throws Exception {
        Path dataDir;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            dataDir = kafka.dataDir();
            String bootstrapServers = kafka.bootstrapServers();
            kafka.createTopic("maillog-lines-restart", 2);
            try (KafkaProducer<String, String> producer = EmbeddedKafkaTest.producer(kafka)) {
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("maillog-lines-restart", "queue-" + i, "line-" + i)).get();
                }
            }

            kafka.stop();
            assertThat(acceptsConnections(kafka.brokerPort())).as("broker port open while stopped").isFalse();
            kafka.restart();

            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrapServers);
            Map<String, String> consumed = EmbeddedKafkaTest.consumeAll(kafka, "maillog-lines-restart", 100);
            assertThat(consumed).hasSize(100);
            assertThat(consumed).containsEntry("queue-0", "line-0").containsEntry("queue-99", "line-99");
        }
        assertThat(Files.exists(dataDir)).as("temporary data folder deleted on close").isFalse();
    }

    @Test
    void elasticsearchKeepsDocumentAcrossRestart() throws Exception {
        Path dataDir;
        try (LocalElasticsearch elasticsearch = LocalElasticsearch.builder().heapMb(256).start()) {
            dataDir = elasticsearch.dataDir();
            long firstPid = elasticsearch.pid();
            ElasticsearchClient client = ElasticsearchClients.connect(elasticsearch);
            try {
                client.index(request -> request
                        .index("deliveries-restart")
                        .id("Q1A2B3")
                        .document(new Delivery("gmail", "deferred"))
                        .refresh(Refresh.True));

                elasticsearch.stop();
                assertThat(acceptsConnections(elasticsearch.httpPort())).as("HTTP port open while stopped").isFalse();
                assertThat(ProcessHandle.of(firstPid)).as("server process after stop").isEmpty();
                elasticsearch.restart();

                GetResponse<Delivery> document = client.get(request -> request.index("deliveries-restart").id("Q1A2B3"),
                        Delivery.class);
                assertThat(document.found()).isTrue();
                assertThat(document.source()).isEqualTo(new Delivery("gmail", "deferred"));
                assertThat(elasticsearch.pid()).isNotEqualTo(firstPid);
            } finally {
                client._transport().close();
            }
        }
        assertThat(Files.exists(dataDir)).as("temporary node folder deleted on close").isFalse();
    }

    private static boolean acceptsConnections(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }
}
