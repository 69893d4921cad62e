package io.mailflow.sink.internals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;

/**
 * Sends documents with the Elasticsearch Java client. Each document is an index operation (create or
 * replace) whose source is the JSON the mapper produced, sent as is.
 */
final class ClientBulkSender implements BulkSender {

    private final ElasticsearchClient client;

    ClientBulkSender(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public List<ItemResult> send(List<PendingDocument> documents) throws ElasticsearchUnavailableException {
        BulkRequest.Builder request = new BulkRequest.Builder();
        for (PendingDocument document : documents) {
            BinaryData source = BinaryData.of(document.json(), ContentType.APPLICATION_JSON);
            request.operations(BulkOperation.of(operation -> operation
                    .index(index -> index
                            .index(document.index())
                            .id(document.id())
                            .document(source))));
        }

        BulkResponse response;
        try {
            response = client.bulk(request.build());
        } catch (ElasticsearchException e) {
            // NOTE: every error status of the whole request is retried without limit, 401, 403 and
            // 413 included, because none of them says which document is at fault.
            throw new ElasticsearchUnavailableException(
                    "bulk request failed with status " + e.status() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException("bulk request failed: " + e, e);
        }

        List<BulkResponseItem> items = response.items();
        if (items.size() != documents.size()) {
            throw new ElasticsearchUnavailableException("bulk response has " + items.size()
                    + " items for " + documents.size() + " operations", null);
        }
        List<ItemResult> results = new ArrayList<>(items.size());
        for (BulkResponseItem item : items) {
            results.add(result(item));
        }
        return results;
    }

    private static ItemResult result(BulkResponseItem item) {
        ErrorCause error = item.error();
        if (error == null) {
            return ItemResult.ok(item.status());
        }
        return new ItemResult(item.status(), error.type(), describe(error));
    }

    /** Joins an error's reason with the reasons of its causes, which usually name the field and value. */
    static String describe(ErrorCause error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.reason()));
        ErrorCause cause = error.causedBy();
        int depth = 0;
        while (cause != null && depth < 3) {
            text.append("; caused by ").append(cause.type()).append(": ").append(cause.reason());
            cause = cause.causedBy();
            depth++;
        }
        return text.toString();
    }
}
