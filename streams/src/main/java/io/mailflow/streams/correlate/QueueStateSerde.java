package io.mailflow.streams.correlate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import io.mailflow.schemas.AvroSerdes;
import io.mailflow.schemas.DeliveryEvent;

/**
 * Compact binary serde of {@link QueueState} for the Kafka Streams state store. Layout, version 1:
 * a version byte, the origin and per-MX reply fields (strings as length-prefixed UTF-8, -1 for null;
 * numbers with a presence byte), the last-updated time, then the deferred recipients and the held
 * attempts, whose events are Avro single-object encoded. A null state is a null value (tombstone).
 */
public final class QueueStateSerde implements Serde<QueueState> {

    private static final byte VERSION = 1;

    private final Serde<DeliveryEvent> events = AvroSerdes.serde(DeliveryEvent.class);

    @Override
    public Serializer<QueueState> serializer() {
        return (topic, state) -> state == null ? null : serialize(topic, state);
    }

    @Override
    public Deserializer<QueueState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : deserialize(topic, bytes);
    }

    private byte[] serialize(String topic, QueueState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeString(out, state.sender());
            writeString(out, state.pickupSender());
            writeInt(out, state.localUid());
            writeString(out, state.clientHost());
            writeString(out, state.clientIp());
            writeString(out, state.saslMethod());
            writeString(out, state.saslUsername());
            writeLong(out, state.size());
            writeInt(out, state.nrcpt());
            writeString(out, state.messageId());
            writeString(out, state.mxReplyText());
            writeString(out, state.mxReplyHost());
            writeString(out, state.mxReplyIp());
            writeInt(out, state.mxReplyCode());
            out.writeLong(state.lastUpdated());

            out.writeInt(state.deferredRecipients().size());
            for (Map.Entry<String, DeliveryEvent> entry : state.deferredRecipients().entrySet()) {
                writeString(out, entry.getKey());
                writeBytes(out, events.serializer().serialize(topic, entry.getValue()));
            }
            out.writeInt(state.held().size());
            for (HeldAttempt attempt : state.held()) {
                out.writeLong(attempt.sequence());
                writeBytes(out, events.serializer().serialize(topic, attempt.event()));
            }
        } catch (IOException e) {
            throw new SerializationException("Failed to write queue state for topic " + topic, e);
        }
        return bytes.toByteArray();
    }

    private QueueState deserialize(String topic, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("Unknown queue state version " + version + " in topic " + topic);
            }
            QueueState state = new QueueState();
            state.sender(readString(in));
            state.pickupSender(readString(in));
            state.localUid(readInt(in));
            state.client(readString(in), readString(in));
            state.sasl(readString(in), readString(in));
            state.size(readLong(in));
            state.nrcpt(readInt(in));
            state.messageId(readString(in));
            state.mxReply(readString(in), readString(in), readString(in), readInt(in));
            state.lastUpdated(in.readLong());

            int deferred = readCount(in);
            for (int i = 0; i < deferred; i++) {
                String recipient = readString(in);
                state.mutableDeferredRecipients().put(recipient, events.deserializer().deserialize(topic, readBytes(in)));
            }
            int held = readCount(in);
            for (int i = 0; i < held; i++) {
                long sequence = in.readLong();
                state.mutableHeld().add(new HeldAttempt(sequence, events.deserializer().deserialize(topic, readBytes(in))));
            }
            if (in.available() > 0) {
                throw new SerializationException(in.available() + " trailing bytes after queue state in topic " + topic);
            }
            return state;
        } catch (IOException e) {
            throw new SerializationException("Failed to read queue state from topic " + topic, e);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] bytes = readBytesOrNull(in);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = readBytesOrNull(in);
        if (bytes == null) {
            throw new SerializationException("Missing event bytes in queue state");
        }
        return bytes;
    }

    private static byte[] readBytesOrNull(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.available()) {
            throw new SerializationException("Invalid length " + length + " in queue state");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static int readCount(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new SerializationException("Invalid count " + count + " in queue state");
        }
        return count;
    }

    private static void writeInt(DataOutputStream out, Integer value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeInt(value);
        }
    }

    private static Integer readInt(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    private static void writeLong(DataOutputStream out, Long value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readLong(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }
}
