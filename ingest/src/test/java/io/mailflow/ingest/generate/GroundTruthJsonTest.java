package io.mailflow.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.schemas.HostInventoryEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroundTruthJsonTest {

    @Test
    void manifestListsIncidentsAndCleanPeriods() {
        GeneratorSettings settings = GeneratorSettings.builder().seed(4).duration(Duration.ofMinutes(30))
                .messagesPerSecond(2).greylistingStorm(true).build();
        TrafficGenerator generator = new TrafficGenerator(settings);
        GenerationSummary summary = generator.generate((line, host) -> { });

        String json = GroundTruthJson.manifest(settings, summary);

        assertThat(json).startsWith("{\"seed\":4,\"start\":\"2026-06-10T08:00:00Z\",\"end\":\"2026-06-10T08:30:00Z\"");
        assertThat(json).contains("\"alertType\":\"SPAM_OUTPUT_SPIKE\"", "\"alertType\":\"BLOCKLISTED\"",
                "\"id\":\"gmail-rate-limit\"", "\"provider\":\"google\"", "\"category\":\"reputation\"",
                "\"id\":\"greylisting-storm\"", "\"expectAlert\":false", "\"cleanPeriods\":[{\"start\":");
        assertThat(json).contains("\"saslUsername\":\"" + generator.incidents().get(0).saslUsername() + "\"");
        assertThat(json).contains("\"lines\":" + summary.lines());
    }

    @Test
    void inventoryLineEscapesAndOrdersLabels() {
        HostInventoryEntry entry = HostInventoryEntry.newBuilder().setHost("mta01").setInstance(null)
                .setSendingIps(List.of("203.0.113.10", "203.0.113.11")).setTenant("acme \"retail\"")
                .setLabels(Map.of("role", "outbound", "fqdn", "mta01.acme.example")).build();

        assertThat(GroundTruthJson.inventoryLine(entry)).isEqualTo("{\"host\":\"mta01\",\"instance\":null,"
                + "\"sendingIps\":[\"203.0.113.10\",\"203.0.113.11\"],\"tenant\":\"acme \\\"retail\\\"\","
                + "\"labels\":{\"fqdn\":\"mta01.acme.example\",\"role\":\"outbound\"}}");
    }
}
