package io.mailflow.app.run;

import io.mailflow.app.config.Configuration;
import io.mailflow.app.config.MailflowSettings;
import io.mailflow.app.kafka.KafkaClientProperties;
import io.mailflow.app.kafka.TopicProvisioner;
import io.mailflow.app.kafka.TopicProvisioner.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Creates the topics mailflow reads and writes, when {@code topic.create} is on. */
public final class TopicSetup {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TopicSetup() {
    }

    /** Returns every topic of the configuration, the inventory and provider topics compacted. */
    public static List<TopicSpec> topics(Configuration configuration) {
        return List.of(
                new TopicSpec(configuration.get(MailflowSettings.TOPIC_RAW), false),
                new TopicSpec(configuration.get(MailflowSettings.TOPIC_REJECTED), false),
                new TopicSpec(configuration.get(MailflowSettings.TOPIC_INVENTORY), true),
                new TopicSpec(configuration.get(MailflowSettings.TOPIC_PROVIDERS), true),
                new TopicSpec(configuration.get(MailflowSettings.TOPIC_DELIVERIES), false),
                new TopicSpec(configuration.get(MailflowSettings.TOPIC_STATS_IP_PROVIDER), false),
                new TopicSpec(configuration.get(MailflowSettings.TOPIC_STATS_SENDER), false),
                new TopicSpec(configuration.get(MailflowSettings.TOPIC_ALERTS), false),
                new TopicSpec(configuration.get(MailflowSettings.TOPIC_SINK_REJECTED), false));
    }

    /**
     * Creates the missing topics unless {@code topic.create} is false.
     *
     * @throws IllegalStateException when Kafka cannot be reached or rejects a topic
     */
    public static List<String> createIfEnabled(Configuration configuration) {
        if (!configuration.get(MailflowSettings.TOPIC_CREATE)) {
            return List.of();
        }
        Optional<Short> replicationFactor = configuration.find(MailflowSettings.TOPIC_REPLICATION_FACTOR)
                .map(Integer::shortValue);
        TopicProvisioner provisioner = new TopicProvisioner(KafkaClientProperties.asMap(configuration),
                configuration.get(MailflowSettings.TOPIC_PARTITIONS), replicationFactor, TIMEOUT);
        return provisioner.createMissing(topics(configuration));
    }
}
