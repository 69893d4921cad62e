package io.mailflow.ingest.tail;

import java.nio.file.Path;

/**
 * The saved position of one file's content: which file (identity, fingerprint, last path seen) and
 * the offset up to which every line is acknowledged by Kafka. The offset is written by producer
 * threads and read by the checkpoint, so it is volatile; the rest changes on the tailer thread.
 */
final class FilePosition {

    private FileIdentity identity;
    private Fingerprint fingerprint;
    private Path path;
    private final boolean compressed;
    private volatile long committedOffset;
    private volatile boolean complete;
    private long lastSeenMs;
    private boolean attached;

    FilePosition(FileIdentity identity, Fingerprint fingerprint, Path path, boolean compressed, long committedOffset,
            boolean complete, long lastSeenMs) {
        this.identity = identity;
        this.fingerprint = fingerprint;
        this.path = path;
        this.compressed = compressed;
        this.committedOffset = committedOffset;
        this.complete = complete;
        this.lastSeenMs = lastSeenMs;
    }

    FileIdentity identity() {
        return identity;
    }

    Fingerprint fingerprint() {
        return fingerprint;
    }

    Path path() {
        return path;
    }

    boolean compressed() {
        return compressed;
    }

    /** Offset in content bytes of the first line not yet acknowledged. */
    long committedOffset() {
        return committedOffset;
    }

    /** True for a compressed file whose every line is acknowledged: it is never read again. */
    boolean complete() {
        return complete;
    }

    long lastSeenMs() {
        return lastSeenMs;
    }

    /** True while a reader has this content open, so a second path to it (a link, a copy being compressed) waits. */
    boolean attached() {
        return attached;
    }

    void commit(long offset) {
        committedOffset = offset;
    }

    void markComplete() {
        complete = true;
    }

    void attach(FileIdentity currentIdentity, Path currentPath, long nowMs) {
        identity = currentIdentity;
        path = currentPath;
        lastSeenMs = nowMs;
        attached = true;
    }

    void detach() {
        attached = false;
    }

    void seen(long nowMs) {
        lastSeenMs = nowMs;
    }

    void extendFingerprint(Fingerprint longer) {
        fingerprint = longer;
    }

    @Override
    public String toString() {
        return "path=" + path + " identity=" + identity + " offset=" + committedOffset;
    }
}
