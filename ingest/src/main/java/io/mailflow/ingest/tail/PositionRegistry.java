package io.mailflow.ingest.tail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The saved positions of one shipper, matched to files by content fingerprint and identity.
 * Thread-safe: the tailer changes it, the checkpoint copies it.
 */
final class PositionRegistry {

    private final List<FilePosition> positions;

    PositionRegistry(List<FilePosition> loaded) {
        this.positions = new ArrayList<>(loaded);
    }

    /**
     * Finds the saved position of the content whose first bytes are {@code prefix}.
     *
     * <p>A position matches when its fingerprint matches the prefix and either the identity is the
     * same (the file at the same inode grew) or the fingerprint is full length (the same content under
     * another inode: a rename across file systems or a compressed copy). A position with an empty
     * fingerprint (the file was empty) matches its own uncompressed identity only. Same identity wins.
     *
     * <p>NOTE: a copy of content shorter than {@link Fingerprint#FULL_LENGTH} (a copytruncate copy or
     * a {@code .gz} of a small file) is not recognised, so a glob that matches it ships it again.
     */
    synchronized FilePosition find(FileIdentity identity, byte[] prefix, int prefixLength, boolean compressed) {
        FilePosition byContent = null;
        for (FilePosition position : positions) {
            Fingerprint fingerprint = position.fingerprint();
            boolean sameIdentity = position.identity().equals(identity);
            if (fingerprint.length() == 0) {
                if (sameIdentity && !compressed && !position.compressed()) {
                    return position;
                }
                continue;
            }
            if (!fingerprint.matches(prefix, prefixLength)) {
                continue;
            }
            if (sameIdentity) {
                return position;
            }
            if (fingerprint.full() && (byContent == null || position.committedOffset() > byContent.committedOffset())) {
                byContent = position;
            }
        }
        return byContent;
    }

    /** Finds an uncompressed, detached position last seen at {@code path}. */
    synchronized List<FilePosition> detachedAt(Path path) {
        List<FilePosition> found = new ArrayList<>();
        for (FilePosition position : positions) {
            if (!position.compressed() && !position.attached() && position.path().equals(path)) {
                found.add(position);
            }
        }
        return found;
    }

    synchronized void add(FilePosition position) {
        positions.add(position);
    }

    synchronized void remove(FilePosition position) {
        positions.remove(position);
    }

    synchronized boolean knowsPath(Path path) {
        for (FilePosition position : positions) {
            if (position.path().equals(path)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Marks attached positions as seen now and drops detached ones not seen for {@code retention}.
     *
     * @return the number of positions dropped
     */
    synchronized int refresh(long nowMs, Duration retention) {
        int before = positions.size();
        for (FilePosition position : positions) {
            if (position.attached()) {
                position.seen(nowMs);
            }
        }
        positions.removeIf(position -> !position.attached() && nowMs - position.lastSeenMs() > retention.toMillis());
        return before - positions.size();
    }

    synchronized List<FilePosition> snapshot() {
        return List.copyOf(positions);
    }

    synchronized int size() {
        return positions.size();
    }
}
