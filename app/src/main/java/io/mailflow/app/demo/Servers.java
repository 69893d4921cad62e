package io.mailflow.app.demo;

import io.mailflow.embedded.EmbeddedKafka;
import io.mailflow.embedded.LocalElasticsearch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka and Elasticsearch of a demo or replay run: the ones given on the command line, or an
 * embedded KRaft broker and a local Elasticsearch node on 127.0.0.1, started in parallel because
 * Elasticsearch takes several seconds. Closing stops only the servers this class started.
 */
final class Servers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Servers.class);

    private final String bootstrapServers;
    private final String elasticsearchUrl;
    private final EmbeddedKafka kafka;
    private final LocalElasticsearch elasticsearch;

    private Servers(String bootstrapServers, String elasticsearchUrl, EmbeddedKafka kafka, LocalElasticsearch elasticsearch) {
        this.bootstrapServers = bootstrapServers;
        this.elasticsearchUrl = elasticsearchUrl;
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
    }

    /**
     * Uses the given servers or starts embedded ones.
     *
     * @param givenKafka bootstrap servers to use, or null to start an embedded broker
     * @param givenElasticsearch Elasticsearch URL to use, or null to start a local node
     * @throws IllegalStateException when an embedded server fails to start; the other is stopped
     */
    static Servers startOrUse(String givenKafka, String givenElasticsearch) {
        CompletableFuture<LocalElasticsearch> elasticsearch = givenElasticsearch != null
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(Servers::startElasticsearch);
        EmbeddedKafka kafka = null;
        try {
            if (givenKafka == null) {
                kafka = EmbeddedKafka.start();
                log.info("Started embedded Kafka bootstrap={}", kafka.bootstrapServers());
            }
            LocalElasticsearch node = elasticsearch.join();
            return new Servers(
                    kafka != null ? kafka.bootstrapServers() : givenKafka,
                    node != null ? node.httpUrl() : givenElasticsearch,
                    kafka, node);
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            }
            elasticsearch.thenAccept(node -> {
                if (node != null) {
                    node.close();
                }
            });
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String elasticsearchUrl() {
        return elasticsearchUrl;
    }

    boolean embeddedKafka() {
        return kafka != null;
    }

    boolean embeddedElasticsearch() {
        return elasticsearch != null;
    }

    @Override
    public void close() {
        if (kafka != null) {
            kafka.close();
        }
        if (elasticsearch != null) {
            elasticsearch.close();
        }
    }

    private static LocalElasticsearch startElasticsearch() {
        LocalElasticsearch node = LocalElasticsearch.start();
        log.info("Started local Elasticsearch url={}", node.httpUrl());
        return node;
    }
}
