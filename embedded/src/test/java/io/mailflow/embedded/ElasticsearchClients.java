package io.mailflow.embedded;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/** Connects the Elasticsearch Java client to a {@link LocalElasticsearch}. */
final class ElasticsearchClients {

    private ElasticsearchClients() {
    }

    /** Returns a client; close it with {@code client._transport().close()}. */
    static ElasticsearchClient connect(LocalElasticsearch elasticsearch) {
        RestClient restClient = RestClient.builder(HttpHost.create(elasticsearch.httpUrl())).build();
        return new ElasticsearchClient(new RestClientTransport(restClient, new Jackson3JsonpMapper()));
    }
}
