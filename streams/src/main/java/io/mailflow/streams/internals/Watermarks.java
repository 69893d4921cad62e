package io.mailflow.streams.internals;

import java.nio.ByteBuffer;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The end-of-input marker a shipper may write into each raw partition, {@code #mailflow-watermark
 * <epoch-ms>}: a promise that no later line of that partition is older than that time.
 *
 * <p>Windows close on event-time watermarks, not on Kafka Streams' stream time. Stream time is the
 * maximum over everything a task has read. When several upstream tasks feed one repartition topic
 * at different speeds, as in a replay, it runs ahead of the slower ones, and their lines would all
 * be late. Instead the front processors, which read the raw partitions, send the
 * progress of their partition as watermarks ({@link ProgressTracker}), as do shippers with watermark
 * lines; each processor after a repartition takes the minimum over its upstream origins
 * ({@link WatermarkAlignment}) and sends that on under its own origin.
 *
 * <p>Inside the topology a watermark travels as a record with a null value. Its time and its
 * origin (the partition of the task that sent it) are in headers, not in the record timestamp, so
 * that it never moves stream time by itself. Repartition steps copy it to every partition
 * ({@link WatermarkPartitioner}). Processors pass watermarks on without counting them as attempts.
 */
public final class Watermarks {

    /** Header with the watermark time, 8 bytes big-endian epoch milliseconds. */
    public static final String TIME_HEADER = "mailflow.watermark.time";

    /** Header with the origin of the watermark, 4 bytes big-endian partition number. */
    public static final String ORIGIN_HEADER = "mailflow.watermark.origin";

    /**
     * Watermark time of an idle marker. The origin has sent nothing for a while, so the low
     * watermark leaves it out until it sends again.
     */
    public static final long IDLE = Long.MIN_VALUE;

    private Watermarks() {
    }

    /**
     * Creates a watermark record.
     *
     * @param key       record key; repartition steps ignore it
     * @param time      watermark time in epoch milliseconds
     * @param origin    partition of the task that sends it
     * @param timestamp record timestamp: the latest event time the sender has seen, which cannot move
     *                  stream time past data still on its way; 0 when it has seen none
     */
    public static <K, V> Record<K, V> record(K key, long time, int origin, long timestamp) {
        Headers headers = new RecordHeaders();
        headers.add(TIME_HEADER, ByteBuffer.allocate(Long.BYTES).putLong(time).array());
        headers.add(ORIGIN_HEADER, ByteBuffer.allocate(Integer.BYTES).putInt(origin).array());
        return new Record<>(key, null, Math.max(0, timestamp), headers);
    }

    /** Returns the watermark time of a record, or empty when it carries none. */
    public static OptionalLong time(Headers headers) {
        Header header = headers.lastHeader(TIME_HEADER);
        if (header == null || header.value() == null || header.value().length != Long.BYTES) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(ByteBuffer.wrap(header.value()).getLong());
    }

    /** Returns the origin of a watermark record, or empty when it carries none. */
    public static OptionalInt origin(Headers headers) {
        Header header = headers.lastHeader(ORIGIN_HEADER);
        if (header == null || header.value() == null || header.value().length != Integer.BYTES) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(ByteBuffer.wrap(header.value()).getInt());
    }
}
