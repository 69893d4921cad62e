package io.mailflow.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serdes for mailflow's Avro records, in Avro single-object encoding.
 *
 * <p>Each value starts with the two marker bytes and the 64-bit fingerprint of its writer schema,
 * so no schema registry is needed. The decoder is given every committed version of the record's schema
 * (see {@link SchemaHistory}) and resolves old records to the current class. A null value stays null
 * in both directions, because compacted topics use null values as tombstones.
 */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** Creates a serde for one generated record class that reads every committed version of its schema. */
    public static <T extends SpecificRecord> Serde<T> serde(Class<T> recordClass) {
        return serdeWithExtraWriterSchemas(recordClass, List.of());
    }

    /**
     * Creates a serde that also reads records written with the given schemas, such as those of a
     * fork or of a release whose history was not committed here.
     */
    public static <T extends SpecificRecord> Serde<T> serdeWithExtraWriterSchemas(
            Class<T> recordClass, List<Schema> extraWriterSchemas) {
        TrustedAvroClasses.register();
        SpecificData model = SpecificData.getForClass(recordClass);
        Schema schema = model.getSchema(recordClass);

        SchemaStore.Cache writerSchemas = new SchemaStore.Cache();
        SchemaHistory.versions(recordClass.getSimpleName()).forEach(writerSchemas::addSchema);
        extraWriterSchemas.forEach(writerSchemas::addSchema);
        writerSchemas.addSchema(schema);

        BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(model, schema);
        BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(model, schema, writerSchemas);
        return Serdes.serdeFrom(serializer(encoder, recordClass), deserializer(decoder, recordClass));
    }

    private static <T> Serializer<T> serializer(BinaryMessageEncoder<T> encoder, Class<T> recordClass) {
        return (topic, record) -> {
            if (record == null) {
                return null;
            }
            try {
                ByteBuffer buffer = encoder.encode(record);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException | RuntimeException e) {
                throw new SerializationException(
                        "Failed to encode " + recordClass.getSimpleName() + " for topic " + topic, e);
            }
        };
    }

    private static <T> Deserializer<T> deserializer(BinaryMessageDecoder<T> decoder, Class<T> recordClass) {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decoder.decode(bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("Failed to decode " + recordClass.getSimpleName()
                        + " from topic " + topic + " (" + bytes.length + " bytes): " + e.getMessage(), e);
            }
        };
    }
}
