package io.mailflow.sink.internals;

import java.io.ByteArrayOutputStream;
import java.util.Map;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import jakarta.json.stream.JsonGenerator;

/**
 * Writes a document source to JSON bytes once, when it enters the buffer, so that the size of each
 * bulk request is known before it is sent. Thread-safe.
 */
public final class DocumentSerializer {

    private final JsonpMapper mapper;

    public DocumentSerializer() {
        this(new Jackson3JsonpMapper());
    }

    public DocumentSerializer(JsonpMapper mapper) {
        this.mapper = mapper;
    }

    /** Returns the UTF-8 JSON of a source made of maps, lists, strings, numbers and booleans. */
    public byte[] toJson(Map<String, Object> source) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator generator = mapper.jsonProvider().createGenerator(bytes)) {
            mapper.serialize(source, generator);
        }
        return bytes.toByteArray();
    }
}
