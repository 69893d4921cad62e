package io.mailflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mailflow.streams.internals.WatermarkAlignment;
import io.mailflow.streams.internals.Watermarks;

class WatermarkAlignmentTest {

    private KeyValueStore<String, Long> store;

    @BeforeEach
    void createStore() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("watermarks"), Serdes.String(), Serdes.Long())
                .withLoggingDisabled()
                .build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void lowWatermarkWaitsForEveryOrigin() {
        WatermarkAlignment alignment = new WatermarkAlignment(store, 3);

        assertThat(alignment.advance(0, 5_000)).isEqualTo(new WatermarkAlignment.Unchanged());
        assertThat(alignment.advance(2, 9_000)).isEqualTo(new WatermarkAlignment.Unchanged());
        assertThat(alignment.advance(1, 7_000)).isEqualTo(new WatermarkAlignment.Advanced(5_000));
        assertThat(alignment.aligned()).isEqualTo(5_000);
    }

    @Test
    void lowWatermarkNeverMovesBack() {
        WatermarkAlignment alignment = new WatermarkAlignment(store, 2);
        alignment.advance(0, 5_000);
        alignment.advance(1, 8_000);

        assertThat(alignment.advance(0, 10_000)).isEqualTo(new WatermarkAlignment.Advanced(8_000));
        assertThat(alignment.advance(1, 6_000)).isEqualTo(new WatermarkAlignment.Unchanged());
        assertThat(alignment.aligned()).isEqualTo(8_000);
    }

    @Test
    void idleOriginLeftOutUntilResumed() {
        WatermarkAlignment alignment = new WatermarkAlignment(store, 2);
        alignment.advance(0, 5_000);

        assertThat(alignment.advance(1, Watermarks.IDLE)).isEqualTo(new WatermarkAlignment.Advanced(5_000));
        assertThat(alignment.advance(0, 9_000)).isEqualTo(new WatermarkAlignment.Advanced(9_000));
        assertThat(alignment.advance(1, 7_000)).isEqualTo(new WatermarkAlignment.Unchanged());
        assertThat(alignment.advance(0, 12_000)).isEqualTo(new WatermarkAlignment.Unchanged());
        assertThat(alignment.advance(1, 11_000)).isEqualTo(new WatermarkAlignment.Advanced(11_000));
    }

    @Test
    void allIdleOriginsMakeTheProcessorIdle() {
        WatermarkAlignment alignment = new WatermarkAlignment(store, 2);

        alignment.advance(0, Watermarks.IDLE);

        assertThat(alignment.advance(1, Watermarks.IDLE)).isEqualTo(new WatermarkAlignment.AllIdle());
    }

    @Test
    void restartedAlignmentKeepsStoredWatermarks() {
        WatermarkAlignment first = new WatermarkAlignment(store, 2);
        first.advance(0, 5_000);
        first.advance(1, 8_000);

        WatermarkAlignment restarted = new WatermarkAlignment(store, 2);

        assertThat(restarted.aligned()).isEqualTo(5_000);
        assertThat(restarted.advance(0, 6_000)).isEqualTo(new WatermarkAlignment.Advanced(6_000));
    }

    @Test
    void unknownOriginIsIgnored() {
        WatermarkAlignment alignment = new WatermarkAlignment(store, 1);

        assertThat(alignment.advance(4, 5_000)).isEqualTo(new WatermarkAlignment.Unchanged());
        assertThat(alignment.aligned()).isEqualTo(Long.MIN_VALUE);
    }
}
