package io.mailflow.ingest;

import java.util.ArrayList;
import java.util.List;

/** A sink that records lines; it acknowledges at once, or on request when built with {@link #manual()}. */
public final class RecordingSink implements LineSink {

    private final boolean autoAcknowledge;
    private final List<OutgoingLine> lines = new ArrayList<>();
    private final List<Runnable> unacknowledged = new ArrayList<>();

    private RecordingSink(boolean autoAcknowledge) {
        this.autoAcknowledge = autoAcknowledge;
    }

    public static RecordingSink acknowledging() {
        return new RecordingSink(true);
    }

    public static RecordingSink manual() {
        return new RecordingSink(false);
    }

    @Override
    public synchronized void send(OutgoingLine line, Runnable onAcknowledged) {
        lines.add(line);
        if (autoAcknowledge) {
            onAcknowledged.run();
        } else {
            unacknowledged.add(onAcknowledged);
        }
    }

    /** Acknowledges the line sent at {@code index} among those not yet acknowledged in send order. */
    public synchronized void acknowledge(int index) {
        unacknowledged.get(index).run();
        unacknowledged.set(index, () -> { });
    }

    public synchronized List<OutgoingLine> lines() {
        return List.copyOf(lines);
    }

    public synchronized List<String> values() {
        return lines.stream().map(OutgoingLine::value).toList();
    }
}
