package io.mailflow.ingest.tail;

import java.util.ArrayDeque;

/**
 * Commits a file's position only up to the highest contiguous acknowledged line: lines are
 * registered in file order, acknowledgements may arrive in any order, and the saved offset moves to
 * the end of line N only when lines 1..N are all acknowledged. Thread-safe: the reader registers,
 * producer threads acknowledge.
 */
final class PositionTracker {

    private final FilePosition position;
    private final ArrayDeque<PendingLine> pending = new ArrayDeque<>();
    private boolean finished;

    PositionTracker(FilePosition position) {
        this.position = position;
    }

    /** Registers a line sent to Kafka that ends at {@code endOffset}; pass the result to {@link #acknowledge}. */
    synchronized PendingLine register(long endOffset) {
        PendingLine line = new PendingLine(endOffset);
        pending.addLast(line);
        return line;
    }

    /** Moves past a line that is not sent (a blank line) as soon as the lines before it are acknowledged. */
    synchronized void skip(long endOffset) {
        PendingLine line = new PendingLine(endOffset);
        line.acknowledged = true;
        pending.addLast(line);
        advance();
    }

    synchronized void acknowledge(PendingLine line) {
        line.acknowledged = true;
        advance();
    }

    /** Marks the end of the content: a compressed file becomes complete once everything is acknowledged. */
    synchronized void finish() {
        finished = true;
        advance();
    }

    synchronized int pendingLines() {
        return pending.size();
    }

    private void advance() {
        while (!pending.isEmpty() && pending.peekFirst().acknowledged) {
            position.commit(pending.pollFirst().endOffset);
        }
        if (finished && pending.isEmpty() && position.compressed()) {
            position.markComplete();
        }
    }

    /** One line in flight; guarded by the tracker's lock. */
    static final class PendingLine {

        private final long endOffset;
        private boolean acknowledged;

        private PendingLine(long endOffset) {
            this.endOffset = endOffset;
        }
    }
}
