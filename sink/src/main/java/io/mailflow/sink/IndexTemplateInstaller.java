package io.mailflow.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import io.mailflow.sink.mapping.IndexNames;

/**
 * Installs the component and index templates, creates the incident index, and attaches the read
 * aliases to daily indices that lack them (indices created before the templates existed). Every
 * step is idempotent, so the sink runs it on each start. Needs neither ILM nor data streams.
 */
public final class IndexTemplateInstaller {

    private static final Logger log = LoggerFactory.getLogger(IndexTemplateInstaller.class);

    private final ElasticsearchConnection connection;
    private final RestClient restClient;

    public IndexTemplateInstaller(ElasticsearchConnection connection) {
        this.connection = connection;
        this.restClient = connection.restClient();
    }

    /**
     * Installs everything.
     *
     * @throws IOException when Elasticsearch cannot be reached or rejects a template; a
     *         {@link ResponseException} with a 4xx status means the template itself is at fault
     */
    public void install() throws IOException {
        for (String name : IndexTemplates.COMPONENT_TEMPLATES) {
            put("/_component_template/" + name, IndexTemplates.componentTemplate(name));
        }
        for (String name : IndexTemplates.INDEX_TEMPLATES) {
            put("/_index_template/" + name, IndexTemplates.indexTemplate(name));
        }
        createIncidentIndex();
        int aliased = attachMissingAliases();
        log.info("Installed templates componentTemplates={} indexTemplates={} aliasesAdded={}",
                IndexTemplates.COMPONENT_TEMPLATES.size(), IndexTemplates.INDEX_TEMPLATES.size(), aliased);
    }

    private void put(String endpoint, byte[] body) throws IOException {
        Request request = new Request("PUT", endpoint);
        request.setEntity(new NByteArrayEntity(body, ContentType.APPLICATION_JSON));
        restClient.performRequest(request);
    }

    /** Creates {@code mailflow-alerts} up front, so that its data view has an index before the first alert. */
    private void createIncidentIndex() throws IOException {
        try {
            restClient.performRequest(new Request("PUT", "/" + IndexNames.ALERTS));
            log.info("Created index index={}", IndexNames.ALERTS);
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() != 400 || !e.getMessage().contains("resource_already_exists_exception")) {
                throw e;
            }
        }
    }

    /** Adds each daily family's read alias to its existing indices that lack it; returns how many it added. */
    private int attachMissingAliases() throws IOException {
        List<Action> actions = new ArrayList<>();
        for (String family : IndexNames.DAILY_FAMILIES) {
            for (Map.Entry<String, List<String>> index : connection.indexAliases(IndexNames.dailyPattern(family)).entrySet()) {
                if (IndexNames.dayOf(family, index.getKey()) != null && !index.getValue().contains(family)) {
                    actions.add(Action.of(action -> action.add(add -> add.index(index.getKey()).alias(family))));
                    log.info("Adding missing alias alias={} index={}", family, index.getKey());
                }
            }
        }
        if (!actions.isEmpty()) {
            connection.client().indices().updateAliases(request -> request.actions(actions));
        }
        return actions.size();
    }
}
