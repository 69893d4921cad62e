package io.mailflow.app.kafka;

import io.mailflow.app.config.Configuration;
import io.mailflow.app.config.MailflowSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/** Builds the connection properties shared by every Kafka client of mailflow (admin, producers, consumers, Streams). */
public final class KafkaClientProperties {

    private KafkaClientProperties() {
    }

    /** Returns bootstrap servers, security protocol, SASL login and trust store from the configuration. */
    public static Properties from(Configuration configuration) {
        Properties properties = new Properties();
        properties.putAll(asMap(configuration));
        return properties;
    }

    public static Map<String, Object> asMap(Configuration configuration) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", configuration.get(MailflowSettings.KAFKA_BOOTSTRAP_SERVERS)));

        String protocol = configuration.get(MailflowSettings.KAFKA_SECURITY_PROTOCOL);
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (protocol.startsWith("SASL_")) {
            String mechanism = configuration.get(MailflowSettings.KAFKA_SASL_MECHANISM);
            properties.put(SaslConfigs.SASL_MECHANISM, mechanism);
            properties.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(mechanism,
                    configuration.get(MailflowSettings.KAFKA_SASL_USERNAME),
                    configuration.get(MailflowSettings.KAFKA_SASL_PASSWORD)));
        }

        Path caFile = configuration.get(MailflowSettings.KAFKA_SSL_CA_FILE);
        if (caFile != null && (protocol.equals("SSL") || protocol.equals("SASL_SSL"))) {
            properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
            properties.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, caFile.toString());
        }
        return properties;
    }

    private static String jaasConfig(String mechanism, String username, String password) {
        String module = mechanism.equals("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=\"" + escape(username) + "\" password=\"" + escape(password) + "\";";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
