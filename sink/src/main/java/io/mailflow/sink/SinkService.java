package io.mailflow.sink;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.elasticsearch.client.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailflow.sink.internals.SinkLoop;

/**
 * The Elasticsearch sink as a service: {@link #start()} runs it on its own thread, {@link #close()}
 * stops it. On start it waits for Elasticsearch, installs the index templates (unless turned off),
 * then consumes the statistics, alert and delivery topics and indexes them.
 *
 * <p>The consumer reads with {@code isolation.level=read_committed}, because the topology writes
 * with exactly-once transactions, and commits offsets itself only after what they cover is indexed or
 * dead-lettered, so a crash at any point loses nothing and, thanks to deterministic document ids,
 * duplicates nothing.
 */
public final class SinkService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SinkService.class);

    /** Lifecycle of the service. */
    public enum State { CREATED, STARTING, RUNNING, STOPPED, FAILED }

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(90);

    private final SinkSettings settings;
    private final SinkMetrics metrics;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    private volatile State state = State.CREATED;
    private volatile Throwable failure;
    private volatile Consumer<byte[], byte[]> consumer;
    private Thread worker;

    public SinkService(SinkSettings settings) {
        this(settings, new SinkCounters());
    }

    public SinkService(SinkSettings settings, SinkMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Starts the worker thread and returns; see {@link #awaitRunning(Duration)}. */
    public synchronized void start() {
        if (state != State.CREATED) {
            throw new IllegalStateException("SinkService can start once; it is " + state);
        }
        state = State.STARTING;
        log.info("Starting sink settings={}", settings);
        worker = new Thread(this::run, "mailflow-sink");
        worker.start();
    }

    /**
     * Waits until the sink consumes, which is after Elasticsearch responded and the templates are installed.
     *
     * @return true when running, false when the time ran out or the sink stopped or failed first
     */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return state == State.RUNNING;
    }

    public State state() {
        return state;
    }

    /** Returns the error that stopped the sink when {@link #state()} is FAILED, else null. */
    public Throwable failure() {
        return failure;
    }

    public SinkMetrics metrics() {
        return metrics;
    }

    /**
     * Stops consuming, flushes what is buffered once, commits what is done, and closes the clients.
     * Waits up to 90 seconds for the worker thread.
     */
    @Override
    public void close() throws InterruptedException {
        closing.countDown();
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread thread;
        synchronized (this) {
            thread = worker;
        }
        if (thread != null && !stopped.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("Sink worker did not stop in time timeout={}", CLOSE_TIMEOUT);
        }
        if (state == State.CREATED) {
            state = State.STOPPED;
        }
    }

    private void run() {
        try (ElasticsearchConnection connection = ElasticsearchConnection.open(settings)) {
            if (!prepareElasticsearch(connection)) {
                return;
            }
            try (Consumer<byte[], byte[]> kafkaConsumer = new KafkaConsumer<>(consumerProperties());
                    Producer<byte[], byte[]> deadLetterProducer = new KafkaProducer<>(producerProperties())) {
                consumer = kafkaConsumer;
                SinkLoop loop = SinkLoop.create(kafkaConsumer, deadLetterProducer, connection.client(), settings, metrics);
                loop.subscribe();
                consume(loop);
            }
        } catch (RuntimeException | IOException e) {
            failure = e;
            state = State.FAILED;
            log.error("Sink failed and stopped error={}", e.getMessage(), e);
        } finally {
            if (state != State.FAILED) {
                state = State.STOPPED;
            }
            log.info("Sink stopped metrics={}", metrics);
            running.countDown();
            stopped.countDown();
        }
    }

    private void consume(SinkLoop loop) {
        state = State.RUNNING;
        running.countDown();
        log.info("Sink consuming topics={} group={}", settings.inputTopics(), settings.groupId());
        try {
            while (closing.getCount() > 0) {
                loop.runOnce();
            }
        } catch (WakeupException e) {
            if (closing.getCount() > 0) {
                throw e;
            }
        }

        try {
            loop.finish();
        } catch (WakeupException e) {
            // The wakeup from close() arrived while no poll was blocking, so the commit raised it.
            loop.finish();
        }
    }

    /**
     * Waits until Elasticsearch responds and installs the templates, retrying with backoff.
     *
     * @return false when the service was closed while waiting
     * @throws IOException when Elasticsearch rejects a template (a 4xx other than 429), which no retry fixes
     */
    private boolean prepareElasticsearch(ElasticsearchConnection connection) throws IOException {
        int attempt = 0;
        boolean warned = false;
        while (closing.getCount() > 0) {
            try {
                connection.checkHealth();
                if (settings.installTemplates()) {
                    new IndexTemplateInstaller(connection).install();
                }
                if (warned) {
                    log.info("Elasticsearch responds attempts={}", attempt + 1);
                }
                return true;
            } catch (ResponseException e) {
                int status = e.getResponse().getStatusLine().getStatusCode();
                if (status >= 400 && status < 500 && status != 429 && status != 401 && status != 403) {
                    throw e;
                }
                warned = warnOnce(warned, e);
            } catch (IOException e) {
                warned = warnOnce(warned, e);
            }
            attempt++;
            try {
                if (closing.await(settings.retryPolicy().backoff(attempt).toMillis(), TimeUnit.MILLISECONDS)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static boolean warnOnce(boolean warned, IOException e) {
        if (!warned) {
            log.warn("Elasticsearch not ready, retrying until it responds error={}", e.getMessage());
        }
        return true;
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.putAll(settings.kafkaProperties());
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return properties;
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-dead-letters");
        properties.putAll(settings.kafkaProperties());
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return properties;
    }
}
