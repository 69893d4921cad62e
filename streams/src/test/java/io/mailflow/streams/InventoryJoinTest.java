package io.mailflow.streams;

import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mailflow.schemas.DeliveryEvent;

import static io.mailflow.streams.TopologyHarness.host;
import static org.assertj.core.api.Assertions.assertThat;

class InventoryJoinTest {

    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = TopologyHarness.analytics(TopologySettings.defaults(), stateDir);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void inventoryGivesFirstIpAndTenant() {
        harness.inventory("mx1", host("mx1", "acme", "203.0.113.5", "203.0.113.6"));

        harness.pipe(TestAttempts.sent("mx1", 1_000).build());

        KeyValue<String, DeliveryEvent> delivery = single(harness.deliveries());
        assertThat(delivery.key).isEqualTo("203.0.113.5|google");
        assertThat(delivery.value.getSendingIp()).isEqualTo("203.0.113.5");
        assertThat(delivery.value.getSendingIpSource()).isEqualTo("inventory");
        assertThat(delivery.value.getTenant()).isEqualTo("acme");
    }

    @Test
    void inventoryIpNamedByReplyWins() {
        harness.inventory("mx1", host("mx1", "acme", "203.0.113.5", "203.0.113.6"));

        harness.pipe(TestAttempts.gmailReputation("mx1", 1_000).setReplySendingIp("203.0.113.6").build());

        assertThat(single(harness.deliveries()).value.getSendingIp()).isEqualTo("203.0.113.6");
    }

    @Test
    void instanceEntryWinsOverHost() {
        harness.inventory("mx1", host("mx1", "acme", "203.0.113.5"));
        harness.inventory("MX1/postfix-out", host("mx1", "acme-bulk", "203.0.113.77"));

        harness.pipe(TestAttempts.sent("mx1", 1_000).setSyslogInstance("postfix-out").build());
        harness.pipe(TestAttempts.sent("mx1", 2_000).build());

        List<KeyValue<String, DeliveryEvent>> deliveries = harness.deliveries();
        assertThat(deliveries).extracting(record -> record.value.getSendingIp())
                .containsExactly("203.0.113.77", "203.0.113.5");
        assertThat(deliveries).extracting(record -> record.value.getTenant()).containsExactly("acme-bulk", "acme");
    }

    @Test
    void replyIpStandsInWithoutInventory() {
        harness.pipe(TestAttempts.gmailReputation("mx9", 1_000).setReplySendingIp("198.51.100.9").build());

        DeliveryEvent event = single(harness.deliveries()).value;
        assertThat(event.getSendingIp()).isEqualTo("198.51.100.9");
        assertThat(event.getSendingIpSource()).isEqualTo("reply");
        assertThat(event.getTenant()).isNull();
    }

    @Test
    void hostNameStandsInAsLastResort() {
        harness.pipe(TestAttempts.sent("mx9", 1_000).build());
        harness.pipe(TestAttempts.sent(null, 2_000).build());

        List<KeyValue<String, DeliveryEvent>> deliveries = harness.deliveries();
        assertThat(deliveries).extracting(record -> record.key).containsExactly("mx9|google", "unknown|google");
        assertThat(deliveries).extracting(record -> record.value.getSendingIpSource()).containsOnly("host");
    }

    @Test
    void lateInventoryUpdateApplies() {
        harness.pipe(TestAttempts.sent("mx1", 1_000).build());
        harness.inventory("mx1", host("mx1", "acme", "203.0.113.5"));
        harness.pipe(TestAttempts.sent("mx1", 2_000).build());
        harness.inventory("mx1", host("mx1", "acme", "203.0.113.8"));
        harness.pipe(TestAttempts.sent("mx1", 3_000).build());

        assertThat(harness.deliveries()).extracting(record -> record.value.getSendingIp())
                .containsExactly("mx1", "203.0.113.5", "203.0.113.8");
    }

    @Test
    void tombstoneRemovesInventoryEntry() {
        harness.inventory("mx1", host("mx1", "acme", "203.0.113.5"));
        harness.pipe(TestAttempts.sent("mx1", 1_000).build());
        harness.inventory("mx1", null);
        harness.pipe(TestAttempts.sent("mx1", 2_000).build());

        assertThat(harness.deliveries()).extracting(record -> record.value.getSendingIp())
                .containsExactly("203.0.113.5", "mx1");
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }
}
