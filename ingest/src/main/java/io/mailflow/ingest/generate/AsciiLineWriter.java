package io.mailflow.ingest.generate;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A {@link LineSink} that writes each line and a {@code \n} to an output stream through its own
 * buffer, without a charset encoder: generated lines are pure ASCII, so every char becomes one byte.
 *
 * <p>Not thread-safe. {@link #close()} flushes and closes the stream.
 */
public final class AsciiLineWriter implements LineSink, Flushable, Closeable {

    private static final int BUFFER_SIZE = 1 << 16;

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private char[] chars = new char[1024];
    private int position;
    private long lines;
    private long bytes;

    public AsciiLineWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void accept(CharSequence line, String host) {
        int length = line.length();
        if (position + length + 1 > buffer.length) {
            flushBuffer();
        }
        if (length + 1 > buffer.length) {
            writeLongLine(line);
        } else if (line instanceof StringBuilder builder) {
            // One bulk copy instead of a bounds-checked charAt call per char.
            if (chars.length < length) {
                chars = new char[Math.max(length, chars.length * 2)];
            }
            builder.getChars(0, length, chars, 0);
            for (int i = 0; i < length; i++) {
                char c = chars[i];
                buffer[position++] = c < 0x80 ? (byte) c : (byte) '?';
            }
            buffer[position++] = '\n';
        } else {
            for (int i = 0; i < length; i++) {
                buffer[position++] = asciiByte(line.charAt(i));
            }
            buffer[position++] = '\n';
        }
        lines++;
        bytes += length + 1;
    }

    /** Lines written so far. */
    public long lines() {
        return lines;
    }

    /** Bytes written so far, line endings included. */
    public long bytes() {
        return bytes;
    }

    @Override
    public void flush() throws IOException {
        flushBufferChecked();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flushBufferChecked();
        } finally {
            out.close();
        }
    }

    private void writeLongLine(CharSequence line) {
        for (int i = 0; i < line.length(); i++) {
            if (position == buffer.length) {
                flushBuffer();
            }
            buffer[position++] = asciiByte(line.charAt(i));
        }
        if (position == buffer.length) {
            flushBuffer();
        }
        buffer[position++] = '\n';
    }

    // Anything outside ASCII would be a generator bug; '?' keeps the output one byte per char.
    private static byte asciiByte(char c) {
        return c < 0x80 ? (byte) c : (byte) '?';
    }

    private void flushBuffer() {
        try {
            flushBufferChecked();
        } catch (IOException e) {
            throw new UncheckedIOException("writing generated lines failed", e);
        }
    }

    private void flushBufferChecked() throws IOException {
        if (position > 0) {
            out.write(buffer, 0, position);
            position = 0;
        }
    }
}
