package io.mailflow.sink.internals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bulk sender that keeps indexed documents in a map. Each document id may have scripted results
 * (status codes) that are used up one per attempt; without a script a document is indexed (201).
 */
final class FakeBulkSender implements BulkSender {

    final Map<String, String> indexed = new LinkedHashMap<>();
    final List<List<String>> requests = new ArrayList<>();
    private final Map<String, Deque<Integer>> scripts = new HashMap<>();
    private final Map<String, Integer> always = new HashMap<>();
    boolean unavailable;

    /** Scripts the statuses of the next attempts for this id, in order. */
    void script(String id, Integer... statuses) {
        scripts.computeIfAbsent(id, key -> new ArrayDeque<>()).addAll(List.of(statuses));
    }

    /** Makes every attempt for this id get this status. */
    void always(String id, int status) {
        always.put(id, status);
    }

    @Override
    public List<ItemResult> send(List<PendingDocument> documents) throws ElasticsearchUnavailableException {
        if (unavailable) {
            throw new ElasticsearchUnavailableException("connection refused", null);
        }
        requests.add(documents.stream().map(PendingDocument::id).toList());
        List<ItemResult> results = new ArrayList<>();
        for (PendingDocument document : documents) {
            int status = statusFor(document.id());
            if (status >= 200 && status < 300) {
                indexed.put(document.index() + "/" + document.id(), new String(document.json(), StandardCharsets.UTF_8));
                results.add(ItemResult.ok(status));
            } else if (status == 400) {
                results.add(new ItemResult(400, "document_parsing_exception",
                        "[1:520] failed to parse field [destination.ip] of type [ip]"));
            } else {
                results.add(new ItemResult(status, status == 429 ? "es_rejected_execution_exception" : "unavailable_shards_exception",
                        "rejected"));
            }
        }
        return results;
    }

    private int statusFor(String id) {
        if (always.containsKey(id)) {
            return always.get(id);
        }
        Deque<Integer> script = scripts.get(id);
        if (script != null && !script.isEmpty()) {
            return script.removeFirst();
        }
        return 201;
    }
}
