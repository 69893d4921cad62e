package io.mailflow.ingest.syslog;

import io.mailflow.ingest.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads syslog messages from a TCP stream with either framing of RFC 6587, chosen per message:
 * octet counting ({@code MSG-LEN SP SYSLOG-MSG}) when the message starts with a digit followed by
 * digits and a space, else non-transparent framing (a message ends at {@code \n}; a trailing
 * {@code \r} is dropped). A message longer than {@code maxMessageBytes} is cut at a character
 * boundary and reported with its original length; the rest of it is read and discarded.
 * Not thread-safe.
 */
final class SyslogFrameReader {

    /** One message; {@code originalLength} is -1 unless the message was cut. */
    record Frame(byte[] bytes, int length, int originalLength) {
    }

    private static final int MAX_LENGTH_DIGITS = 9;

    private final InputStream in;
    private final int maxMessageBytes;
    private final byte[] buffer;
    private int kept;
    private long total;

    SyslogFrameReader(InputStream in, int maxMessageBytes) {
        this.in = in;
        this.maxMessageBytes = maxMessageBytes;
        this.buffer = new byte[maxMessageBytes + 1];
    }

    /**
     * Returns the next message, or null at the end of the stream.
     *
     * @throws IOException when reading fails, or when an octet-counted message ends early (the
     *     message is then lost with the connection, which the caller logs)
     */
    Frame next() throws IOException {
        int first = skipSeparators();
        if (first < 0) {
            return null;
        }
        kept = 0;
        total = 0;
        if (first >= '1' && first <= '9') {
            return readAfterDigit(first);
        }
        keep(first);
        return readToLineEnd();
    }

    private Frame readAfterDigit(int first) throws IOException {
        long length = first - '0';
        keep(first);
        for (int digits = 1; ; digits++) {
            int next = in.read();
            if (next == ' ' && digits <= MAX_LENGTH_DIGITS) {
                kept = 0;
                total = 0;
                return readCounted(length);
            }
            if (next < 0) {
                return frame();
            }
            keep(next);
            if (next == '\n') {
                return endLine();
            }
            if (next < '0' || next > '9' || digits >= MAX_LENGTH_DIGITS) {
                // Not a length: a newline-framed message that starts with a digit.
                return readToLineEnd();
            }
            length = length * 10 + (next - '0');
        }
    }

    private Frame readCounted(long length) throws IOException {
        byte[] discard = new byte[8192];
        while (total < length) {
            int room = buffer.length - kept;
            int read = room > 0
                    ? in.read(buffer, kept, (int) Math.min(room, length - total))
                    : in.read(discard, 0, (int) Math.min(discard.length, length - total));
            if (read < 0) {
                throw new IOException("stream ended inside an octet-counted message after " + total + " of "
                        + length + " bytes");
            }
            if (room > 0) {
                kept += read;
            }
            total += read;
        }
        return frame();
    }

    private Frame readToLineEnd() throws IOException {
        while (true) {
            int next = in.read();
            if (next < 0) {
                return frame();
            }
            if (next == '\n') {
                return endLine();
            }
            keep(next);
        }
    }

    private Frame endLine() {
        if (kept > 0 && buffer[kept - 1] == '\n') {
            kept--;
            total--;
        }
        if (total == kept && kept > 0 && buffer[kept - 1] == '\r') {
            kept--;
            total--;
        }
        return frame();
    }

    private Frame frame() {
        if (total <= maxMessageBytes) {
            return new Frame(Arrays.copyOf(buffer, kept), kept, -1);
        }
        int cut = Utf8.cutLength(buffer, 0, kept, maxMessageBytes);
        return new Frame(Arrays.copyOf(buffer, cut), cut, (int) Math.min(Integer.MAX_VALUE, total));
    }

    private void keep(int b) {
        if (kept < buffer.length) {
            buffer[kept++] = (byte) b;
        }
        total++;
    }

    private int skipSeparators() throws IOException {
        int next;
        do {
            next = in.read();
        } while (next == '\n' || next == '\r' || next == 0);
        return next;
    }
}
