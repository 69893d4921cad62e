package io.mailflow.sink.mapping;

import java.util.Map;
import java.util.Objects;

/**
 * One Elasticsearch document that the sink writes: the concrete index, a deterministic id and the
 * source as nested maps of strings, numbers, booleans and lists.
 *
 * <p>The id is derived from the record alone, so writing the same record twice replaces the document
 * instead of adding a second one. That is what makes retries and topic replays idempotent.
 */
public record SinkDocument(String index, String id, Map<String, Object> source) {

    public SinkDocument {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        if (index.isEmpty() || id.isEmpty()) {
            throw new IllegalArgumentException("index and id must not be empty: index=" + index + " id=" + id);
        }
    }
}
