package io.mailflow.embedded.internals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reading the end of a server's log file for error messages. */
public final class LogFiles {

    /** Upper bound on the bytes read from the end of a file, so a huge log cannot fill the heap. */
    private static final int MAX_TAIL_BYTES = 64 * 1024;

    private static final Pattern STACK_FRAME = Pattern.compile("\\s+(at |\\.\\.\\. \\d+ more)");

    private LogFiles() {
    }

    /**
     * Returns the last {@code lines} lines of {@code file} that are not stack frames ({@code at ...} or
     * {@code ... N more}), or a note why there are none. Without the frames, the message and the
     * {@code Caused by} lines of an exception fit into a short tail.
     */
    public static String tailWithoutStackFrames(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(" + file + " does not exist)";
        }
        try (RandomAccessFile input = new RandomAccessFile(file.toFile(), "r")) {
            long length = input.length();
            int size = (int) Math.min(length, MAX_TAIL_BYTES);
            byte[] bytes = new byte[size];
            input.seek(length - size);
            input.readFully(bytes);

            List<String> kept = new String(bytes, StandardCharsets.UTF_8).lines()
                    .filter(line -> !STACK_FRAME.matcher(line).lookingAt())
                    .collect(Collectors.toList());
            return String.join("\n", kept.subList(Math.max(0, kept.size() - lines), kept.size()));
        } catch (IOException e) {
            return "(" + file + " could not be read: " + e.getMessage() + ")";
        }
    }
}
