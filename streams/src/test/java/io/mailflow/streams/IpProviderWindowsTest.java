package io.mailflow.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mailflow.schemas.DeliveryStats;
import io.mailflow.streams.internals.window.AggregateDeliveryStatsProcessor;

import static io.mailflow.streams.TopologyHarness.at;
import static io.mailflow.streams.TopologyHarness.host;
import static org.assertj.core.api.Assertions.assertThat;

class IpProviderWindowsTest {

    private static final long MINUTE = 60_000L;
    private static final String KEY = "203.0.113.5|google";

    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = TopologyHarness.analytics(TopologySettings.defaults(), stateDir);
        harness.inventory("mx1", host("mx1", "acme", "203.0.113.5"));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void windowClosesAtEndPlusGrace() {
        harness.pipe(TestAttempts.sent("mx1", 10_000).build());
        harness.watermark(89_999);

        assertThat(finalOneMinuteStats()).isEmpty();

        harness.watermark(90_000);

        assertThat(finalOneMinuteStats()).containsOnlyKeys(windowKey(MINUTE, 0));
    }

    @Test
    void progressClosesWindowWithinOneSecond() {
        harness.pipe(TestAttempts.sent("mx1", 10_000).build());
        harness.pipe(TestAttempts.sent("mx1", 89_000).build());
        harness.pipe(TestAttempts.sent("mx1", 89_999).build());

        assertThat(finalOneMinuteStats()).isEmpty();

        harness.pipe(TestAttempts.sent("mx1", 90_000).build());
        assertThat(finalOneMinuteStats()).containsOnlyKeys(windowKey(MINUTE, 0));
    }

    @Test
    void lateAttemptWithinGraceCounts() {
        harness.pipe(TestAttempts.sent("mx1", 10_000).build());
        harness.pipe(TestAttempts.sent("mx1", 70_000).build());
        harness.pipe(TestAttempts.sent("mx1", 50_000).build());
        harness.pipe(TestAttempts.sent("mx1", 95_000).build());

        DeliveryStats closed = finalOneMinuteStats().get(windowKey(MINUTE, 0));
        assertThat(closed.getAttempts()).isEqualTo(2);
        assertThat(harness.counter(AggregateDeliveryStatsProcessor.LATE_METRIC)).isZero();
    }

    @Test
    void attemptAfterGraceDroppedAndCounted() {
        harness.pipe(TestAttempts.sent("mx1", 10_000).build());
        harness.pipe(TestAttempts.sent("mx1", 95_000).build());
        harness.pipe(TestAttempts.sent("mx1", 55_000).build());

        assertThat(harness.counter(AggregateDeliveryStatsProcessor.LATE_METRIC)).isEqualTo(1.0);
        harness.watermark(2 * 3_600_000L);
        Map<String, DeliveryStats> closed = closedStats();
        assertThat(closed.get(windowKey(MINUTE, 0)).getAttempts()).isEqualTo(1);
        assertThat(closed.get(windowKey(5 * MINUTE, 0)).getAttempts()).isEqualTo(3);
        assertThat(closed.get(windowKey(60 * MINUTE, 0)).getAttempts()).isEqualTo(3);
    }

    @Test
    void boundaryAttemptOpensNextWindow() {
        harness.pipe(TestAttempts.sent("mx1", 59_999).build());
        harness.pipe(TestAttempts.sent("mx1", 60_000).build());
        harness.watermark(10 * MINUTE);

        Map<String, DeliveryStats> closed = closedStats();
        assertThat(closed.get(windowKey(MINUTE, 0)).getAttempts()).isEqualTo(1);
        assertThat(closed.get(windowKey(MINUTE, MINUTE)).getAttempts()).isEqualTo(1);
        assertThat(closed.get(windowKey(5 * MINUTE, 0)).getAttempts()).isEqualTo(2);
    }

    @Test
    void watermarkClosesLastWindows() {
        harness.pipe(TestAttempts.sent("mx1", 10_000).build());
        harness.pipe(TestAttempts.gmailReputation("mx1", 20_000).build());

        harness.watermark(3_600_000L + 30_000L);

        Map<String, DeliveryStats> closed = closedStats();
        assertThat(closed).containsOnlyKeys(windowKey(MINUTE, 0), windowKey(5 * MINUTE, 0),
                windowKey(60 * MINUTE, 0));
        assertThat(closed.values()).allSatisfy(stats -> assertThat(stats.getAttempts()).isEqualTo(2));
        assertThat(harness.deliveries()).hasSize(2);
    }

    @Test
    void silentPartitionHoldsWindowsOpen() {
        harness.close();
        harness = TopologyHarness.analytics(TopologySettings.defaults().with(TopologySettings.INPUT_PARTITIONS, 2),
                stateDir.resolve("two-partitions"));
        harness.inventory("mx1", host("mx1", "acme", "203.0.113.5"));
        harness.pipe(TestAttempts.sent("mx1", 10_000).build());
        harness.pipe(TestAttempts.sent("mx1", 5 * MINUTE).build());

        assertThat(openWindowSizes()).containsExactlyInAnyOrder(MINUTE, MINUTE, 5 * MINUTE, 5 * MINUTE, 60 * MINUTE);
        assertThat(harness.counter(AggregateDeliveryStatsProcessor.LATE_METRIC)).isZero();
    }

    @Test
    void earlyWatermarkLeavesWindowOpen() {
        harness.pipe(TestAttempts.sent("mx1", 10_000).build());

        harness.watermark(89_999);

        assertThat(finalOneMinuteStats()).isEmpty();
    }

    @Test
    void idleWallClockClosesQuietWindows() {
        harness.pipe(TestAttempts.sent("mx1", 10_000).build());

        harness.advanceWallClock(Duration.ofSeconds(79));
        assertThat(openWindowSizes()).containsExactlyInAnyOrder(MINUTE, 5 * MINUTE, 60 * MINUTE);

        harness.advanceWallClock(Duration.ofSeconds(1));
        assertThat(openWindowSizes()).containsExactlyInAnyOrder(5 * MINUTE, 60 * MINUTE);
        assertThat(finalOneMinuteStats()).containsOnlyKeys(windowKey(MINUTE, 0));
    }

    @Test
    void attemptAfterIdleFlushDropped() {
        harness.pipe(TestAttempts.sent("mx1", 10_000).build());
        harness.advanceWallClock(Duration.ofSeconds(80));
        harness.ipProviderStats();

        harness.pipe(TestAttempts.sent("mx1", 20_000).build());

        assertThat(harness.counter(AggregateDeliveryStatsProcessor.LATE_METRIC)).isEqualTo(1.0);
    }

    @Test
    void changedWindowsWrittenEachInterval() {
        harness.pipe(TestAttempts.sent("mx1", 10_000).build());
        harness.pipe(TestAttempts.sent("mx1", 20_000).build());
        assertThat(harness.ipProviderStats()).isEmpty();

        harness.advanceWallClock(Duration.ofMillis(250));
        List<KeyValue<String, DeliveryStats>> flushed = harness.ipProviderStats();
        assertThat(flushed).extracting(record -> record.key).containsExactlyInAnyOrder(
                windowKey(MINUTE, 0), windowKey(5 * MINUTE, 0), windowKey(60 * MINUTE, 0));
        assertThat(flushed).allSatisfy(record -> assertThat(record.value.getAttempts()).isEqualTo(2));

        harness.advanceWallClock(Duration.ofMillis(250));
        assertThat(harness.ipProviderStats()).isEmpty();
    }

    @Test
    void statsCountStatusesAndCategories() {
        harness.inventory("mx2", host("mx2", "acme", "203.0.113.5"));
        harness.pipe(TestAttempts.sent("mx1", 1_000).build());
        harness.pipe(TestAttempts.sent("mx2", 2_000).build());
        harness.pipe(TestAttempts.gmailReputation("mx1", 3_000).build());
        harness.pipe(TestAttempts.gmailReputation("mx1", 4_000).build());
        harness.pipe(TestAttempts.unknownUser("mx2", 5_000).build());
        harness.watermark(10 * MINUTE);

        DeliveryStats stats = closedStats().get(windowKey(MINUTE, 0));
        assertThat(stats.getSendingIp()).isEqualTo("203.0.113.5");
        assertThat(stats.getProvider()).isEqualTo("google");
        assertThat(stats.getTenant()).isEqualTo("acme");
        assertThat(stats.getWindowStart()).isEqualTo(at(0));
        assertThat(stats.getWindowEnd()).isEqualTo(at(MINUTE));
        assertThat(stats.getAttempts()).isEqualTo(5);
        assertThat(stats.getSent()).isEqualTo(2);
        assertThat(stats.getDeferred()).isEqualTo(2);
        assertThat(stats.getBounced()).isEqualTo(1);
        assertThat(stats.getCategoryCounts()).containsExactlyInAnyOrderEntriesOf(
                Map.of("reputation", 2L, "unknown_recipient", 1L));
        assertThat(stats.getDeferralRate()).isEqualTo(0.4);
        assertThat(stats.getBounceRate()).isEqualTo(0.2);
        assertThat(stats.getHosts()).containsExactly("mx1", "mx2");
        assertThat(stats.getFirstSeen()).isEqualTo(at(1_000));
        assertThat(stats.getLastSeen()).isEqualTo(at(5_000));
    }

    @Test
    void sampleRepliesKeepFiveMostFrequent() {
        for (int kind = 0; kind < 7; kind++) {
            for (int repeat = 0; repeat <= kind; repeat++) {
                harness.pipe(TestAttempts.deferred("mx1", 1_000 + kind * 100 + repeat, "other", 451,
                        "4.3." + kind, "451 4.3." + kind + " temporary failure " + kind).build());
            }
        }
        harness.watermark(10 * MINUTE);

        DeliveryStats stats = closedStats().get(windowKey(MINUTE, 0));
        assertThat(stats.getSampleReplies()).extracting(sample -> sample.getEnhancedStatusCode())
                .containsExactly("4.3.6", "4.3.5", "4.3.4", "4.3.3", "4.3.2");
        assertThat(stats.getSampleReplies()).extracting(sample -> sample.getCount())
                .containsExactly(7L, 6L, 5L, 4L, 3L);
    }

    /** Sizes of the windows still open in the store, read from the store keys {@code end|size|group}. */
    private List<Long> openWindowSizes() {
        KeyValueStore<String, Object> store = harness.driver().getKeyValueStore(AggregateDeliveryStatsProcessor.WINDOW_STORE);
        List<Long> sizes = new ArrayList<>();
        try (KeyValueIterator<String, Object> iterator = store.all()) {
            iterator.forEachRemaining(entry -> sizes.add(Long.parseLong(entry.key.split("\\|")[1])));
        }
        return sizes;
    }

    private Map<String, DeliveryStats> finalOneMinuteStats() {
        return closedStats().entrySet().stream()
                .filter(entry -> entry.getValue().getWindowSizeMs() == MINUTE)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Returns the latest record per key, which is the final aggregate of each closed window. */
    private Map<String, DeliveryStats> closedStats() {
        return harness.ipProviderStats().stream()
                .collect(Collectors.toMap(record -> record.key, record -> record.value, (first, second) -> second));
    }

    private static String windowKey(long sizeMs, long startOffset) {
        return KEY + "|" + sizeMs + "|" + at(startOffset);
    }
}
