package io.mailflow.ingest.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PositionTrackerTest {

    private final FilePosition position = new FilePosition(new FileIdentity("1:2"), new Fingerprint(0, ""),
            Path.of("/var/log/mail.log"), false, 0, false, 0);
    private final FilePosition compressed = new FilePosition(new FileIdentity("1:3"), new Fingerprint(0, ""),
            Path.of("/var/log/mail.log.2.gz"), true, 0, false, 0);

    @Test
    void commitsOnlyUpToContiguousAcknowledgedLine() {
        PositionTracker tracker = new PositionTracker(position);
        PositionTracker.PendingLine first = tracker.register(10);
        PositionTracker.PendingLine second = tracker.register(20);
        PositionTracker.PendingLine third = tracker.register(30);

        tracker.acknowledge(third);
        assertThat(position.committedOffset()).isZero();

        tracker.acknowledge(first);
        assertThat(position.committedOffset()).isEqualTo(10);

        tracker.acknowledge(second);
        assertThat(position.committedOffset()).isEqualTo(30);
        assertThat(tracker.pendingLines()).isZero();
    }

    @Test
    void skippedLineWaitsForEarlierLines() {
        PositionTracker tracker = new PositionTracker(position);
        PositionTracker.PendingLine first = tracker.register(10);

        tracker.skip(11);
        assertThat(position.committedOffset()).isZero();

        tracker.acknowledge(first);
        assertThat(position.committedOffset()).isEqualTo(11);
    }

    @Test
    void compressedFileCompletesWhenFinishedAndAcknowledged() {
        PositionTracker tracker = new PositionTracker(compressed);
        PositionTracker.PendingLine line = tracker.register(10);

        tracker.finish();
        assertThat(compressed.complete()).isFalse();

        tracker.acknowledge(line);
        assertThat(compressed.complete()).isTrue();
    }

    @Test
    void plainFileNeverCompletes() {
        PositionTracker tracker = new PositionTracker(position);

        tracker.finish();

        assertThat(position.complete()).isFalse();
    }
}
