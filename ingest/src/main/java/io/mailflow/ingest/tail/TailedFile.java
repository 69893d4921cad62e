package io.mailflow.ingest.tail;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * One file open for reading: a plain file read through a {@link FileChannel} that stays open across
 * a rename, or a {@code .gz} file decompressed as a stream. Offsets are content offsets
 * (decompressed bytes for {@code .gz}). Used by the tailer thread only.
 */
final class TailedFile implements Closeable {

    private final Path path;
    private final FileIdentity identity;
    private final boolean compressed;
    private final int maxLineBytes;
    private final FileChannel channel;
    private final InputStream gzip;
    private FilePosition position;
    private PositionTracker tracker;
    private LineSplitter splitter;
    private TailedFile predecessor;
    private boolean finishAtEnd;
    private long rotatedAtMs = -1;

    private TailedFile(Path path, FileIdentity identity, boolean compressed, int maxLineBytes, FileChannel channel,
            InputStream gzip, FilePosition position, long startOffset) {
        this.path = path;
        this.identity = identity;
        this.compressed = compressed;
        this.maxLineBytes = maxLineBytes;
        this.channel = channel;
        this.gzip = gzip;
        this.position = position;
        this.tracker = new PositionTracker(position);
        this.splitter = new LineSplitter(maxLineBytes, startOffset);
    }

    /**
     * Opens {@code path} at content offset {@code startOffset}. For a compressed file that has fewer
     * content bytes than {@code startOffset}, the stream is left at its end.
     */
    static TailedFile open(Path path, FileIdentity identity, boolean compressed, int maxLineBytes,
            FilePosition position, long startOffset) throws IOException {
        if (!compressed) {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            channel.position(startOffset);
            return new TailedFile(path, identity, false, maxLineBytes, channel, null, position, startOffset);
        }

        InputStream stream = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(path), 65536), 65536);
        try {
            long skipped = skipFully(stream, startOffset);
            return new TailedFile(path, identity, true, maxLineBytes, null, stream, position, skipped);
        } catch (IOException e) {
            stream.close();
            throw e;
        }
    }

    /** Reads content bytes into {@code chunk} and splits them into lines; returns -1 at the end of content. */
    int read(byte[] chunk, LineSplitter.LineHandler handler) throws IOException, InterruptedException {
        int read = compressed ? gzip.read(chunk) : channel.read(ByteBuffer.wrap(chunk));
        if (read > 0) {
            splitter.feed(chunk, 0, read, handler);
        }
        return read;
    }

    /** Emits the bytes after the last line end as a final line: the file will not grow any more. */
    void finishContent(LineSplitter.LineHandler handler) throws InterruptedException {
        splitter.finish(handler);
        tracker.finish();
    }

    /** Size of the open file in bytes (plain files only). */
    long size() throws IOException {
        return channel.size();
    }

    /**
     * Reads up to {@code buffer.length} leading bytes of the open file (plain files only).
     *
     * @return the number of bytes read
     */
    int readPrefix(byte[] buffer) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer);
        while (target.hasRemaining()) {
            int read = channel.read(target, target.position());
            if (read < 0) {
                break;
            }
        }
        return target.position();
    }

    /** Starts over at offset 0 of the same open file under a new position: its content was replaced. */
    void restartFromZero(FilePosition newPosition) throws IOException {
        channel.position(0);
        position = newPosition;
        tracker = new PositionTracker(newPosition);
        splitter = new LineSplitter(maxLineBytes, 0);
    }

    Path path() {
        return path;
    }

    FileIdentity identity() {
        return identity;
    }

    boolean compressed() {
        return compressed;
    }

    FilePosition position() {
        return position;
    }

    PositionTracker tracker() {
        return tracker;
    }

    /** Content offset up to which bytes were read, including an unfinished last line. */
    long readOffset() {
        return splitter.offset();
    }

    /** A reader whose file must be finished first: the old file of a rotation that happened while stopped. */
    TailedFile predecessor() {
        return predecessor;
    }

    void readAfter(TailedFile earlier) {
        predecessor = earlier;
    }

    /** True for the old file of a rotation: the writer has moved to the new file, so its end is final. */
    boolean finishAtEnd() {
        return finishAtEnd;
    }

    void finishAtEnd(boolean value) {
        finishAtEnd = value;
    }

    /** When the rename of this file was detected (epoch ms), or -1 while its path still names it. */
    long rotatedAtMs() {
        return rotatedAtMs;
    }

    void rotatedAt(long epochMs) {
        rotatedAtMs = epochMs;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
        if (gzip != null) {
            gzip.close();
        }
    }

    private static long skipFully(InputStream stream, long bytes) throws IOException {
        long skipped = 0;
        byte[] discard = new byte[8192];
        while (skipped < bytes) {
            int read = stream.read(discard, 0, (int) Math.min(discard.length, bytes - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }
}
