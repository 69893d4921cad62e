package io.mailflow.streams.parse;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Reads maillog lines from a byte stream: gzip is detected by its magic bytes, bytes are decoded as
 * UTF-8 with U+FFFD for invalid sequences, lines end at LF (a CR before it is dropped). A line longer
 * than {@code maxLineLength} is returned cut to {@code maxLineLength + 1} characters and the rest is
 * skipped, so a huge line costs no memory and the parser still rejects it as too long. Not
 * thread-safe.
 */
public final class MaillogLineReader implements Closeable {

    private final Reader reader;
    private final int maxLineLength;
    private final StringBuilder line = new StringBuilder(256);
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean endOfInput;

    public MaillogLineReader(InputStream in, int maxLineLength) throws IOException {
        this.reader = new InputStreamReader(decompressed(in), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        this.maxLineLength = maxLineLength;
    }

    private static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 65536);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        if (first == 0x1f && second == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(buffered, 65536), 65536);
        }
        return buffered;
    }

    /** Returns the next line without its terminator, or null at the end of input. */
    public String readLine() throws IOException {
        line.setLength(0);
        boolean sawAny = false;
        while (true) {
            if (position == limit) {
                if (endOfInput || !fill()) {
                    return sawAny ? finish() : null;
                }
            }
            sawAny = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            append(start, position);
            if (position < limit) {
                position++;
                return finish();
            }
        }
    }

    private boolean fill() throws IOException {
        int read = reader.read(buffer, 0, buffer.length);
        if (read <= 0) {
            endOfInput = true;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private void append(int from, int to) {
        int room = maxLineLength + 1 - line.length();
        if (room > 0) {
            line.append(buffer, from, Math.min(to - from, room));
        }
    }

    private String finish() {
        int length = line.length();
        if (length > 0 && length <= maxLineLength && line.charAt(length - 1) == '\r') {
            line.setLength(length - 1);
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
