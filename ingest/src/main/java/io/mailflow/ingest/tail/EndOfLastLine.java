package io.mailflow.ingest.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Finds where the last complete line of a file ends, so that tailing from the end starts on a line boundary. */
final class EndOfLastLine {

    private EndOfLastLine() {
    }

    /**
     * Returns the offset just after the last {@code \n} in the file's first {@code size} bytes,
     * searching back at most {@code maxLineBytes + 1} bytes; returns {@code size} when none is found
     * there (the tail is one over-long line, which is then skipped).
     */
    static long find(Path path, long size, int maxLineBytes) throws IOException {
        if (size == 0) {
            return 0;
        }
        int window = (int) Math.min(size, maxLineBytes + 1L);
        ByteBuffer tail = ByteBuffer.allocate(window);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long from = size - window;
            while (tail.hasRemaining()) {
                int read = channel.read(tail, from + tail.position());
                if (read < 0) {
                    break;
                }
            }
        }
        for (int i = tail.position() - 1; i >= 0; i--) {
            if (tail.get(i) == '\n') {
                return size - window + i + 1;
            }
        }
        return window == size ? 0 : size;
    }
}
