package io.mailflow.app.run;

import io.mailflow.app.config.Configuration;
import io.mailflow.app.config.MailflowSettings;
import io.mailflow.app.kafka.KafkaClientProperties;
import io.mailflow.ingest.ShipperSettings;
import io.mailflow.ingest.send.SenderSettings;
import io.mailflow.ingest.syslog.SyslogSettings;
import io.mailflow.ingest.tail.TailSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the ingest module's shipper settings from the configuration. */
public final class ShipperSettingsFactory {

    private ShipperSettingsFactory() {
    }

    /** Returns the Kafka sender settings of every shipper mailflow starts itself: servers, security and raw topic. */
    public static SenderSettings sender(Configuration configuration) {
        Map<String, Object> client = KafkaClientProperties.asMap(configuration);
        Map<String, String> overrides = new LinkedHashMap<>();
        client.forEach((key, value) -> {
            if (!key.equals("bootstrap.servers")) {
                overrides.put(key, String.valueOf(value));
            }
        });
        SenderSettings defaults = SenderSettings.defaults(String.valueOf(client.get("bootstrap.servers")));
        return new SenderSettings(defaults.bootstrapServers(), configuration.get(MailflowSettings.TOPIC_RAW),
                defaults.compression(), defaults.linger(), defaults.bufferBytes(), defaults.blockedLogAfter(),
                defaults.metadataWait(), overrides);
    }

    /** Returns the settings of the {@code ship} component: follow {@code ship.files} until stopped. */
    static ShipperSettings tailing(Configuration configuration) {
        String host = configuration.find(MailflowSettings.SHIP_HOST).orElseGet(ShipperSettingsFactory::localHostName);
        Path stateFile = configuration.get(MailflowSettings.SHIP_STATE_FILE);
        TailSettings.StartPosition startAt = configuration.get(MailflowSettings.SHIP_START_AT).equals("beginning")
                ? TailSettings.StartPosition.BEGINNING
                : TailSettings.StartPosition.END;
        TailSettings tail = TailSettings.of(configuration.get(MailflowSettings.SHIP_FILES),
                configuration.get(MailflowSettings.SHIP_GLOBS), stateFile, host,
                startAt, false, false);
        return new ShipperSettings(sender(configuration), tail, false, null, null,
                new SyslogSettings(TailSettings.DEFAULT_MAX_LINE_BYTES, SyslogSettings.DEFAULT_MAX_CONNECTIONS), host,
                TailSettings.DEFAULT_MAX_LINE_BYTES, false, null, Duration.ofMinutes(1),
                configuration.get(MailflowSettings.SHUTDOWN_TIMEOUT));
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Failed to read the local host name (" + e.getMessage() + "); set ship.host", e);
        }
    }
}
