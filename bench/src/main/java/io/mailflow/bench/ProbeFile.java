package io.mailflow.bench;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A maillog file that probe lines are appended to, one write per message, as syslog appends; the
 * shipper follows it like any other file. Not thread-safe.
 */
final class ProbeFile implements AutoCloseable {

    private final OutputStream out;

    ProbeFile(Path file) throws IOException {
        this.out = new FileOutputStream(file.toFile(), true);
    }

    /** Appends {@code lines}, each ending in a line feed, in one write and flushes them. */
    void append(String lines) throws IOException {
        out.write(lines.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
