package io.mailflow.ingest.tail;

import io.mailflow.ingest.Utf8;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code \n}, dropping a trailing {@code \r}. A line longer than
 * {@code maxLineBytes} is cut at a character boundary at most that long; only the kept bytes are
 * buffered, so an endless line costs no more memory than the limit. Offsets are content bytes from
 * the start of the file, so each line is reported with the offset just after its line end.
 * Not thread-safe.
 */
public final class LineSplitter {

    /** Receives each line; {@code bytes} is only valid during the call. */
    @FunctionalInterface
    public interface LineHandler {

        /**
         * @param length bytes of the line kept, without line end
         * @param originalLength length before cutting, or {@code -1} when the line was not cut
         * @param endOffset content offset just after the line end
         */
        void line(byte[] bytes, int length, int originalLength, long endOffset) throws InterruptedException;
    }

    private final int maxLineBytes;
    private byte[] lineBuffer = new byte[256];
    private int kept;
    private long lineLength;
    private long offset;

    public LineSplitter(int maxLineBytes, long startOffset) {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maximum line length must be at least 16 bytes, got " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.offset = startOffset;
    }

    /** Splits {@code length} bytes, calling {@code handler} for every line completed in them. */
    public void feed(byte[] data, int start, int length, LineHandler handler) throws InterruptedException {
        int end = start + length;
        int segmentStart = start;
        for (int i = start; i < end; i++) {
            if (data[i] == '\n') {
                append(data, segmentStart, i - segmentStart);
                offset += i - segmentStart + 1;
                segmentStart = i + 1;
                emit(handler);
            }
        }
        append(data, segmentStart, end - segmentStart);
        offset += end - segmentStart;
    }

    /** Emits the bytes after the last line end as a line, for input that ends without one. */
    public void finish(LineHandler handler) throws InterruptedException {
        if (lineLength > 0) {
            emit(handler);
        }
    }

    /** Content offset of all bytes fed so far, including an unfinished line. */
    public long offset() {
        return offset;
    }

    /** True when bytes of an unfinished line are buffered. */
    public boolean hasPartialLine() {
        return lineLength > 0;
    }

    private void append(byte[] data, int start, int length) {
        lineLength += length;
        int room = maxLineBytes + 1 - kept;
        int copy = Math.min(room, length);
        if (copy <= 0) {
            return;
        }
        if (kept + copy > lineBuffer.length) {
            lineBuffer = Arrays.copyOf(lineBuffer, Math.min(maxLineBytes + 1, Math.max(kept + copy, lineBuffer.length * 2)));
        }
        System.arraycopy(data, start, lineBuffer, kept, copy);
        kept += copy;
    }

    private void emit(LineHandler handler) throws InterruptedException {
        long total = lineLength;
        int length = kept;
        if (total == length && length > 0 && lineBuffer[length - 1] == '\r') {
            length--;
            total--;
        }

        kept = 0;
        lineLength = 0;
        if (total <= maxLineBytes) {
            handler.line(lineBuffer, length, -1, offset);
        } else {
            int cut = Utf8.cutLength(lineBuffer, 0, length, maxLineBytes);
            handler.line(lineBuffer, cut, (int) Math.min(Integer.MAX_VALUE, total), offset);
        }
    }
}
