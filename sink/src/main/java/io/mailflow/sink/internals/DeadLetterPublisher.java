package io.mailflow.sink.internals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailflow.sink.DeadLetterHeaders;

/**
 * Writes rejected records to the dead-letter topic with their original key, value and headers, plus
 * the reason and source coordinates as headers. Sends are asynchronous; {@link #awaitSent()} waits
 * for them, and only then may the offsets of those records be committed. Used by the worker thread only.
 */
final class DeadLetterPublisher {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private record InFlight(PendingRecord record, Future<RecordMetadata> send) {
    }

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final List<InFlight> inFlight = new ArrayList<>();

    DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Starts sending a record to the dead-letter topic; the record waits until {@link #awaitSent()}. */
    void publish(PendingRecord pending, Rejection rejection) {
        ConsumerRecord<byte[], byte[]> source = pending.record();
        log.warn("Dead-lettering record topic={} partition={} offset={} reason={} status={} index={} id={} detail={}",
                source.topic(), source.partition(), source.offset(), rejection.reason(), rejection.status(),
                rejection.index(), rejection.documentId(), truncate(rejection.detail(), 300));

        Headers headers = new RecordHeaders();
        for (Header header : source.headers()) {
            headers.add(header);
        }
        add(headers, DeadLetterHeaders.REASON, rejection.reason());
        add(headers, DeadLetterHeaders.DETAIL, truncate(rejection.detail(), DeadLetterHeaders.MAX_DETAIL_CHARS));
        add(headers, DeadLetterHeaders.STATUS, rejection.status() == null ? null : rejection.status().toString());
        add(headers, DeadLetterHeaders.SOURCE_TOPIC, source.topic());
        add(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(source.partition()));
        add(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(source.offset()));
        add(headers, DeadLetterHeaders.INDEX, rejection.index());
        add(headers, DeadLetterHeaders.DOCUMENT_ID, rejection.documentId());

        ProducerRecord<byte[], byte[]> deadLetter =
                new ProducerRecord<>(topic, null, null, source.key(), source.value(), headers);
        pending.await();
        pending.markDeadLettered();
        inFlight.add(new InFlight(pending, producer.send(deadLetter)));
    }

    /**
     * Waits until every send started so far is acknowledged and returns their records.
     *
     * @throws DeadLetterException when a send failed after the producer's own retries
     */
    List<PendingRecord> awaitSent() {
        if (inFlight.isEmpty()) {
            return List.of();
        }
        producer.flush();

        List<PendingRecord> sent = new ArrayList<>(inFlight.size());
        for (InFlight send : inFlight) {
            try {
                send.send().get();
            } catch (ExecutionException e) {
                throw new DeadLetterException("Failed to write record " + send.record() + " to dead-letter topic "
                        + topic + ": " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeadLetterException("Interrupted while writing to dead-letter topic " + topic, e);
            }
            sent.add(send.record());
        }
        inFlight.clear();
        return sent;
    }

    private static void add(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    static String truncate(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, maxChars) + "...";
    }
}
