package io.mailflow.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.app.config.Configuration;
import io.mailflow.app.config.ConfigurationLoader;
import io.mailflow.app.config.MailflowSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {

    private final ConfigurationLoader loader = new ConfigurationLoader(MailflowSettings.REGISTRY);

    @Test
    void plaintextHasOnlyServersAndProtocol() {
        Configuration configuration = loader.load(null, Map.of("MAILFLOW_KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092"), Map.of());

        assertThat(KafkaClientProperties.asMap(configuration)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "k1:9092,k2:9092",
                "security.protocol", "PLAINTEXT"));
    }

    @Test
    void saslSslAddsLoginAndPemTrustStore() {
        Configuration configuration = loader.load(null, Map.of(), Map.of(
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-256",
                "kafka.sasl.username", "mailflow",
                "kafka.sasl.password", "p\"w",
                "kafka.ssl.ca-file", "/etc/mailflow/kafka-ca.pem"));

        Map<String, Object> properties = KafkaClientProperties.asMap(configuration);

        assertThat(properties).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"mailflow\" password=\"p\\\"w\";")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", "/etc/mailflow/kafka-ca.pem");
    }
}
