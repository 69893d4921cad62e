package io.mailflow.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailflow.schemas.AvroSerdes;
import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStats;

/**
 * Freshness: how long after a delivery line is written the per sending IP x provider aggregate
 * that counts it appears in the stats topic.
 *
 * <p>Method: at a steady interval, a probe message (a sender line and one attempt sent to Gmail,
 * stamped with the wall clock) is written for a probe host whose sending IP no other host has.
 * The k-th probe of a one-minute window is seen when a record of that IP's Gmail aggregate for that
 * window arrives with at least k attempts. Its freshness is that arrival time minus the time the
 * probe was written. Two probe hosts run side by side: one appends to a file that
 * {@code mailflow ship} follows (line appended), one sends to the raw topic with a producer
 * configured like the shipper's (line produced). The arrival of each probe's delivery event in the
 * deliveries topic is timed too, which splits the freshness into the hop up to correlation and the
 * hop through aggregation. Both topics are read with read_committed, as any downstream reader of an
 * exactly-once application reads them.
 */
final class FreshnessProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FreshnessProbe.class);
    private static final long WINDOW_MS = 60_000;
    private static final String PROVIDER = "google";

    /** One probe message on its way to its aggregate. */
    private record Probe(long ordinal, long writtenNanos) {
    }

    /** The probes of one probe host. */
    private static final class Track {
        final String sendingIp;
        final Percentiles toAggregate = new Percentiles();
        final Percentiles toDelivery = new Percentiles();
        final Map<Long, List<Probe>> pendingByWindow = new HashMap<>();
        final Map<Long, Long> writtenPerWindow = new HashMap<>();
        final Map<String, Long> pendingDeliveries = new HashMap<>();
        long written;

        Track(String sendingIp) {
            this.sendingIp = sendingIp;
        }
    }

    private final Track fileTrack = new Track(BenchInventory.FRESHNESS_FILE_IP);
    private final Track kafkaTrack = new Track(BenchInventory.FRESHNESS_KAFKA_IP);
    private final ProbeLines lines = new ProbeLines(0xB000_0000L);
    private final ProbeFile file;
    private final KafkaProducer<String, String> producer;
    private final String rawTopic;
    private final String recordKey;
    private final String statsTopic;
    private final Deserializer<DeliveryStats> statsDeserializer = AvroSerdes.serde(DeliveryStats.class).deserializer();
    private final Deserializer<DeliveryEvent> eventDeserializer = AvroSerdes.serde(DeliveryEvent.class).deserializer();
    private final KafkaConsumer<String, byte[]> consumer;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Thread reader;

    FreshnessProbe(ProbeFile file, KafkaProducer<String, String> producer, String rawTopic, String recordKey,
            String bootstrapServers, String statsTopic, String deliveriesTopic) {
        this.file = file;
        this.producer = producer;
        this.rawTopic = rawTopic;
        this.recordKey = recordKey;
        this.statsTopic = statsTopic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-freshness",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(statsTopic, deliveriesTopic)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.reader = new Thread(this::readOutputs, "bench-freshness-reader");
        reader.start();
    }

    /** Writes one probe through the file and one through the producer. */
    void probe() throws IOException {
        Instant now = Instant.now();
        ProbeLines.Message fileProbe = lines.sentToGmail(now, BenchInventory.FRESHNESS_FILE_HOST);
        file.append(fileProbe.lines());
        register(fileTrack, fileProbe, now, System.nanoTime());

        ProbeLines.Message kafkaProbe = lines.sentToGmail(now, BenchInventory.FRESHNESS_KAFKA_HOST);
        long sentNanos = System.nanoTime();
        for (String line : kafkaProbe.lines().split("\n")) {
            producer.send(new ProducerRecord<>(rawTopic, recordKey, line));
        }
        register(kafkaTrack, kafkaProbe, now, sentNanos);
    }

    private static void register(Track track, ProbeLines.Message message, Instant eventTime, long writtenNanos) {
        long windowStart = Math.floorDiv(eventTime.toEpochMilli(), WINDOW_MS) * WINDOW_MS;
        synchronized (track) {
            long ordinal = track.writtenPerWindow.merge(windowStart, 1L, Long::sum);
            track.pendingByWindow.computeIfAbsent(windowStart, key -> new ArrayList<>())
                    .add(new Probe(ordinal, writtenNanos));
            track.pendingDeliveries.put(message.recipient(), writtenNanos);
            track.written++;
        }
    }

    private void readOutputs() {
        try {
            while (!stopping.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long arrivedNanos = System.nanoTime();
                    if (record.value() == null) {
                        continue;
                    }
                    if (record.topic().equals(statsTopic)) {
                        onStats(statsDeserializer.deserialize(record.topic(), record.value()), arrivedNanos);
                    } else {
                        onDelivery(eventDeserializer.deserialize(record.topic(), record.value()), arrivedNanos);
                    }
                }
            }
        } catch (WakeupException e) {
            LOG.debug("Freshness reader woken up to stop");
        } finally {
            consumer.close();
        }
    }

    private void onStats(DeliveryStats stats, long arrivedNanos) {
        if (stats.getWindowSizeMs() != WINDOW_MS || !PROVIDER.equals(stats.getProvider())) {
            return;
        }
        Track track = trackOf(stats.getSendingIp());
        if (track == null) {
            return;
        }
        synchronized (track) {
            List<Probe> pending = track.pendingByWindow.get(stats.getWindowStart());
            if (pending == null) {
                return;
            }
            pending.removeIf(probe -> {
                if (probe.ordinal() <= stats.getAttempts()) {
                    track.toAggregate.add((arrivedNanos - probe.writtenNanos()) / 1e6);
                    return true;
                }
                return false;
            });
        }
    }

    private void onDelivery(DeliveryEvent event, long arrivedNanos) {
        Track track = trackOf(event.getSendingIp());
        if (track == null || event.getRecipient() == null) {
            return;
        }
        synchronized (track) {
            Long written = track.pendingDeliveries.remove(event.getRecipient());
            if (written != null) {
                track.toDelivery.add((arrivedNanos - written) / 1e6);
            }
        }
    }

    private Track trackOf(String sendingIp) {
        if (fileTrack.sendingIp.equals(sendingIp)) {
            return fileTrack;
        }
        return kafkaTrack.sendingIp.equals(sendingIp) ? kafkaTrack : null;
    }

    /** Waits up to {@code timeout} for the last probes, then reports both tracks. */
    void finish(Duration timeout, Results results) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && (pending(fileTrack) > 0 || pending(kafkaTrack) > 0)) {
            Thread.sleep(100);
        }
        report(fileTrack, "freshness", results);
        report(kafkaTrack, "freshness_produced", results);
    }

    private static long pending(Track track) {
        synchronized (track) {
            return track.pendingByWindow.values().stream().mapToLong(List::size).sum();
        }
    }

    private static void report(Track track, String name, Results results) {
        synchronized (track) {
            track.toAggregate.report(results, name);
            results.add(name + ".written", track.written, "probes");
            results.add(name + ".not_seen", pending(track), "probes");
            track.toDelivery.report(results, name + ".to_deliveries");
        }
    }

    @Override
    public void close() {
        stopping.set(true);
        consumer.wakeup();
        Threads.join(reader);
    }
}
