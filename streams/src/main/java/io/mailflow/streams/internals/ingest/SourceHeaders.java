package io.mailflow.streams.internals.ingest;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import io.mailflow.schemas.SourceCoordinates;
import io.mailflow.streams.MailflowHeaders;

/** Reads and writes the source coordinates of a raw line in record headers. */
final class SourceHeaders {

    private SourceHeaders() {
    }

    /**
     * The coordinates of the raw line: from the source headers when an earlier step set them, else
     * from the metadata of the record being processed; null when neither is known (punctuation).
     */
    static SourceCoordinates coordinates(Headers headers, RecordMetadata metadata) {
        String topic = text(headers, MailflowHeaders.SOURCE_TOPIC);
        if (topic != null) {
            return SourceCoordinates.newBuilder()
                    .setTopic(topic)
                    .setPartition(number(headers, MailflowHeaders.SOURCE_PARTITION, Integer::valueOf))
                    .setOffset(number(headers, MailflowHeaders.SOURCE_OFFSET, Long::valueOf))
                    .build();
        }
        if (metadata == null) {
            return null;
        }
        return SourceCoordinates.newBuilder()
                .setTopic(metadata.topic())
                .setPartition(metadata.partition())
                .setOffset(metadata.offset())
                .build();
    }

    /** Writes the coordinates and the original key, unless an earlier step already did. */
    static void write(Headers headers, SourceCoordinates source, String key) {
        if (source == null || headers.lastHeader(MailflowHeaders.SOURCE_TOPIC) != null) {
            return;
        }
        put(headers, MailflowHeaders.SOURCE_TOPIC, source.getTopic());
        put(headers, MailflowHeaders.SOURCE_PARTITION, String.valueOf(source.getPartition()));
        put(headers, MailflowHeaders.SOURCE_OFFSET, String.valueOf(source.getOffset()));
        if (key != null) {
            put(headers, MailflowHeaders.SOURCE_KEY, key);
        }
    }

    /**
     * The key the raw line had: the original-key header when an earlier step re-keyed the line,
     * else {@code currentKey}.
     */
    static String originalKey(Headers headers, String currentKey) {
        if (headers.lastHeader(MailflowHeaders.SOURCE_TOPIC) == null) {
            return currentKey;
        }
        return text(headers, MailflowHeaders.SOURCE_KEY);
    }

    /** Replaces a header. */
    static void put(Headers headers, String name, String value) {
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Describes coordinates for a log line, such as {@code mailflow.maillog.raw-3@1042}. */
    static String describe(SourceCoordinates source) {
        return source == null ? "unknown" : source.getTopic() + "-" + source.getPartition() + "@" + source.getOffset();
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static <T> T number(Headers headers, String name, Function<String, T> parser) {
        String value = text(headers, name);
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
