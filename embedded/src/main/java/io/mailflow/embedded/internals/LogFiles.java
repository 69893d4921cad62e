package io.mailflow.embedded.internals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reading the end of a server's log file for error messages. */
public final class LogFiles {

    /** Upper bound on the bytes read from the end of a file, so a huge log cannot fill the heap. */
    private static final int MAX_TAIL_BYTES = 64 * 1024;

    private LogFiles() {
    }

    /** Returns the last {@code lines} lines of {@code file}, or a note why there are none. */
    public static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(" + file + " does not exist)";
        }
        try (RandomAccessFile input = new RandomAccessFile(file.toFile(), "r")) {
            long length = input.length();
            int size = (int) Math.min(length, MAX_TAIL_BYTES);
            byte[] bytes = new byte[size];
            input.seek(length - size);
            input.readFully(bytes);

            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n");
            int from = Math.max(0, all.length - lines);
            return String.join("\n", Arrays.copyOfRange(all, from, all.length));
        } catch (IOException e) {
            return "(" + file + " could not be read: " + e.getMessage() + ")";
        }
    }
}
