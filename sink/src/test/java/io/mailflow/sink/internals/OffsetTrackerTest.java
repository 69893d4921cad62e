package io.mailflow.sink.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition PARTITION = new TopicPartition("mailflow.alerts", 0);

    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void committableStopsAtTheFirstOutstandingRecord() {
        tracker.track(PARTITION, 10);
        tracker.track(PARTITION, 11);
        tracker.track(PARTITION, 12);

        tracker.complete(PARTITION, 10);
        tracker.complete(PARTITION, 12);

        assertThat(tracker.committable()).containsExactly(Map.entry(PARTITION, new OffsetAndMetadata(11)));
    }

    @Test
    void allDoneCommitsPastLastRecord() {
        tracker.track(PARTITION, 10);
        tracker.track(PARTITION, 11);
        tracker.complete(PARTITION, 11);
        tracker.complete(PARTITION, 10);

        assertThat(tracker.committable()).containsExactly(Map.entry(PARTITION, new OffsetAndMetadata(12)));
    }

    @Test
    void nothingCommittableBeforeFirstDone() {
        tracker.track(PARTITION, 10);

        assertThat(tracker.committable()).isEmpty();
    }

    @Test
    void committedOffsetIsNotOfferedAgain() {
        tracker.track(PARTITION, 10);
        tracker.complete(PARTITION, 10);
        tracker.committed(tracker.committable());

        assertThat(tracker.committable()).isEmpty();
    }

    @Test
    void forgottenPartitionHasNothingToCommit() {
        tracker.track(PARTITION, 10);
        tracker.complete(PARTITION, 10);

        tracker.forget(List.of(PARTITION));

        assertThat(tracker.committable()).isEmpty();
        assertThat(tracker.outstanding()).isZero();
    }
}
