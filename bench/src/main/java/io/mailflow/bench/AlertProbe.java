package io.mailflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mailflow.schemas.Alert;
import io.mailflow.schemas.AvroSerdes;

/**
 * Alert latency: how long after the line that causes an incident the alert document is searchable
 * in Elasticsearch.
 *
 * <p>Method: at a steady interval an incident is written for the next alert probe host, each with
 * a sending IP of its own: one bounce from outlook.com that names the IP as being on Microsoft's
 * block list (S3150), appended to a file that {@code mailflow ship} follows. That line alone is the
 * evidence of the incident, so its write time is the start. Two arrival times are taken: the
 * first alert record for the IP in the alerts topic (committed records only), and the first search
 * hit for the IP in the {@code mailflow-alerts} index, polled every 100 ms.
 */
final class AlertProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertProbe.class);
    private static final String ALERT_INDEX = "mailflow-alerts";
    private static final Duration SEARCH_INTERVAL = Duration.ofMillis(100);

    private final ProbeLines lines = new ProbeLines(0xC000_0000L);
    private final ProbeFile file;
    private final String elasticsearchUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final KafkaConsumer<String, Alert> consumer;
    private final Map<String, Long> writtenNanosByIp = new HashMap<>();
    private final Map<String, Long> pendingInTopic = new HashMap<>();
    private final Map<String, Long> pendingInIndex = new HashMap<>();
    private final Percentiles topicLatencies = new Percentiles();
    private final Percentiles indexLatencies = new Percentiles();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Thread topicReader;
    private final Thread indexPoller;
    private int next;
    private volatile long searchFailures;

    AlertProbe(ProbeFile file, String bootstrapServers, String alertsTopic, String elasticsearchUrl) {
        this.file = file;
        this.elasticsearchUrl = elasticsearchUrl;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-alerts",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), AvroSerdes.serde(Alert.class).deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(alertsTopic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(alertsTopic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.topicReader = new Thread(this::readAlerts, "bench-alert-reader");
        this.indexPoller = new Thread(this::pollIndex, "bench-alert-search");
        topicReader.start();
        indexPoller.start();
    }

    /** Writes the next incident; fails when every alert probe host has been used. */
    void probe() throws IOException {
        if (next >= BenchInventory.ALERT_HOSTS) {
            throw new IllegalStateException("all " + BenchInventory.ALERT_HOSTS + " alert probe hosts are used");
        }
        String host = BenchInventory.alertHost(next);
        String ip = BenchInventory.alertIp(next);
        next++;
        String incident = lines.blockedByMicrosoft(Instant.now(), host, ip);
        file.append(incident);
        long written = System.nanoTime();
        synchronized (this) {
            writtenNanosByIp.put(ip, written);
            pendingInTopic.put(ip, written);
            pendingInIndex.put(ip, written);
        }
    }

    private void readAlerts() {
        try {
            while (!stopping.get()) {
                for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(50))) {
                    long arrived = System.nanoTime();
                    Alert alert = record.value();
                    if (alert == null || alert.getSendingIp() == null) {
                        continue;
                    }
                    synchronized (this) {
                        Long written = pendingInTopic.remove(alert.getSendingIp());
                        if (written != null) {
                            topicLatencies.add((arrived - written) / 1e6);
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            LOG.debug("Alert reader woken up to stop");
        } finally {
            consumer.close();
        }
    }

    private void pollIndex() {
        while (!stopping.get()) {
            List<String> ips;
            synchronized (this) {
                ips = new ArrayList<>(pendingInIndex.keySet());
            }
            if (!ips.isEmpty()) {
                try {
                    for (String ip : searchAlertIps(ips)) {
                        long found = System.nanoTime();
                        synchronized (this) {
                            Long written = pendingInIndex.remove(ip);
                            if (written != null) {
                                indexLatencies.add((found - written) / 1e6);
                            }
                        }
                    }
                } catch (IOException e) {
                    searchFailures++;
                    if (searchFailures <= 3) {
                        LOG.warn("Alert search failed url={} failures={}", elasticsearchUrl, searchFailures, e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            try {
                Thread.sleep(SEARCH_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Searches the alert index and returns the IPs among {@code ips} that have an alert document (none while the index is missing). */
    private List<String> searchAlertIps(List<String> ips) throws IOException, InterruptedException {
        ObjectNode query = json.createObjectNode();
        query.put("size", ips.size());
        query.putArray("_source").add("source.address");
        ArrayNode terms = query.putObject("query").putObject("terms").putArray("source.address");
        ips.forEach(terms::add);
        HttpRequest request = HttpRequest.newBuilder(URI.create(elasticsearchUrl + "/" + ALERT_INDEX
                        + "/_search?ignore_unavailable=true&allow_no_indices=true"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(query), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("search returned HTTP " + response.statusCode() + ": " + cut(response.body()));
        }
        List<String> found = new ArrayList<>();
        for (JsonNode hit : json.readTree(response.body()).path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            JsonNode address = source.has("source.address") ? source.get("source.address")
                    : source.path("source").path("address");
            if (address.isTextual()) {
                found.add(address.asText());
            }
        }
        return found;
    }

    /** Waits up to {@code timeout} for the last incidents, then reports both arrival points. */
    void finish(Duration timeout, Results results) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (pendingInTopic.isEmpty() && pendingInIndex.isEmpty()) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        synchronized (this) {
            indexLatencies.report(results, "alert");
            results.add("alert.written", writtenNanosByIp.size(), "incidents");
            results.add("alert.not_seen", pendingInIndex.size(), "incidents");
            topicLatencies.report(results, "alert_topic");
            results.add("alert_topic.not_seen", pendingInTopic.size(), "incidents");
            results.add("alert.search_failures", searchFailures, "requests");
        }
    }

    private static String cut(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    @Override
    public void close() {
        stopping.set(true);
        consumer.wakeup();
        indexPoller.interrupt();
        Threads.join(topicReader, indexPoller);
    }
}
