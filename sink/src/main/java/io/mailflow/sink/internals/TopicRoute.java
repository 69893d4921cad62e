package io.mailflow.sink.internals;

import java.util.List;

import org.apache.kafka.common.serialization.Deserializer;

import io.mailflow.sink.mapping.DocumentMapper;
import io.mailflow.sink.mapping.SinkDocument;
import io.mailflow.sink.mapping.UnmappableRecordException;

/**
 * How the records of one topic become documents: the value deserializer and the mapper. Never throws
 * on bad input: a value that cannot be decoded or mapped gives a {@link Conversion.Failed}.
 *
 * @param <T> the Avro record type of the topic
 */
public final class TopicRoute<T> {

    public static final String REASON_EMPTY_VALUE = "empty-value";
    public static final String REASON_DECODE_FAILED = "decode-failed";
    public static final String REASON_UNMAPPABLE = "unmappable-record";

    private final String topic;
    private final Deserializer<T> deserializer;
    private final DocumentMapper<T> mapper;

    public TopicRoute(String topic, Deserializer<T> deserializer, DocumentMapper<T> mapper) {
        this.topic = topic;
        this.deserializer = deserializer;
        this.mapper = mapper;
    }

    public String topic() {
        return topic;
    }

    /** Decodes and maps one record value. */
    public Conversion convert(byte[] value) {
        if (value == null || value.length == 0) {
            return new Conversion.Failed(REASON_EMPTY_VALUE, "record value is null or empty");
        }

        T record;
        try {
            record = deserializer.deserialize(topic, value);
        } catch (RuntimeException e) {
            return new Conversion.Failed(REASON_DECODE_FAILED, String.valueOf(e.getMessage()));
        }

        try {
            List<SinkDocument> documents = mapper.map(record);
            return new Conversion.Documents(documents);
        } catch (UnmappableRecordException e) {
            return new Conversion.Failed(REASON_UNMAPPABLE, e.getMessage());
        } catch (RuntimeException e) {
            // A record can break the schema's promises, such as a required field left null by a
            // writer that bypassed the serde. It must not stop the sink, so it is dead-lettered.
            return new Conversion.Failed(REASON_UNMAPPABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
