package io.mailflow.app.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics that mailflow reads and writes when they are missing. Existing topics are left
 * as they are, whatever their partition count or configuration.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    /**
     * One topic to create.
     *
     * @param name the topic name
     * @param compacted whether the topic keeps the latest record per key ({@code cleanup.policy=compact})
     */
    public record TopicSpec(String name, boolean compacted) {
    }

    private final Map<String, Object> clientProperties;
    private final int partitions;
    private final Optional<Short> replicationFactor;
    private final Duration timeout;

    /**
     * @param replicationFactor the replication factor, or empty for the broker's default
     */
    public TopicProvisioner(Map<String, Object> clientProperties, int partitions, Optional<Short> replicationFactor,
            Duration timeout) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    /**
     * Creates every missing topic and returns the names of the ones it created.
     *
     * @throws IllegalStateException if Kafka cannot be reached or rejects a topic, naming the brokers
     */
    public List<String> createMissing(List<TopicSpec> topics) {
        try (Admin admin = Admin.create(clientProperties)) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(newTopic(topic));
                }
            }
            if (missing.isEmpty()) {
                return List.of();
            }

            List<String> created = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Void>> result : admin
                    .createTopics(missing, new CreateTopicsOptions().timeoutMs((int) timeout.toMillis()))
                    .values()
                    .entrySet()) {
                if (createOne(result.getKey(), result.getValue())) {
                    created.add(result.getKey());
                }
            }
            awaitLeaders(admin, created);
            return created;
        } catch (ExecutionException e) {
            throw unreachable(e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    private boolean createOne(String name, KafkaFuture<Void> result)
            throws InterruptedException, TimeoutException {
        try {
            result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Created topic topic={} partitions={} replicationFactor={}", name, partitions,
                    replicationFactor.map(String::valueOf).orElse("broker default"));
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                // Another instance created it between the listing and the request.
                return false;
            }
            throw new IllegalStateException("Failed to create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Waits until every partition of the new topics has a leader: a producer that writes during the
     * first leader election can get stuck on out-of-order sequence errors.
     */
    private void awaitLeaders(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!topics.isEmpty()) {
            boolean ready;
            try {
                ready = admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .values()
                        .stream()
                        .allMatch(description -> description.partitions().stream().allMatch(partition -> partition.leader() != null));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                ready = false;
            }
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + topics + " have no leader yet");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private NewTopic newTopic(TopicSpec topic) {
        NewTopic newTopic = new NewTopic(topic.name(), Optional.of(partitions), replicationFactor);
        if (topic.compacted()) {
            newTopic.configs(Map.of("cleanup.policy", "compact"));
        }
        return newTopic;
    }

    private IllegalStateException unreachable(Throwable cause) {
        return new IllegalStateException("Failed to list or create topics on Kafka at "
                + clientProperties.get("bootstrap.servers") + " within " + timeout.toSeconds()
                + " s: " + cause.getMessage() + "; check kafka.bootstrap.servers and that the brokers are running", cause);
    }
}
