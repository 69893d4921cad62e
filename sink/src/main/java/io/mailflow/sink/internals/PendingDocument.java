package io.mailflow.sink.internals;

import java.util.ArrayList;
import java.util.List;

/**
 * A document waiting in the bulk buffer. When a later record maps to the same index and id, it
 * replaces the content, and the earlier record waits on the newer content: its own state was
 * superseded and will never be written. Used by the worker thread only.
 */
final class PendingDocument {

    /** Bytes of the bulk action line around each document, an estimate. */
    static final int ACTION_OVERHEAD_BYTES = 64;

    private final String index;
    private final String id;
    private byte[] json;
    private PendingRecord origin;
    private final List<PendingRecord> records = new ArrayList<>(1);
    private int failedAttempts;

    PendingDocument(String index, String id, byte[] json, PendingRecord origin) {
        this.index = index;
        this.id = id;
        this.json = json;
        this.origin = origin;
        this.records.add(origin);
    }

    String index() {
        return index;
    }

    String id() {
        return id;
    }

    byte[] json() {
        return json;
    }

    /** Returns the record the current content came from, which is dead-lettered if the content is rejected. */
    PendingRecord origin() {
        return origin;
    }

    /** Returns every record that waits for this document, the origin included. */
    List<PendingRecord> records() {
        return records;
    }

    int failedAttempts() {
        return failedAttempts;
    }

    int countFailedAttempt() {
        return ++failedAttempts;
    }

    /** Estimated size of this document in a bulk request body. */
    long estimatedBytes() {
        return json.length + index.length() + id.length() + ACTION_OVERHEAD_BYTES;
    }

    void replace(byte[] newJson, PendingRecord newOrigin) {
        json = newJson;
        origin = newOrigin;
        records.add(newOrigin);
        failedAttempts = 0;
    }

    @Override
    public String toString() {
        return index + "/" + id + " from " + origin;
    }
}
