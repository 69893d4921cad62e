package io.mailflow.ingest.tail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the file tailer.
 *
 * @param files files to follow, by path; a missing file is waited for
 * @param globs patterns such as {@code /var/log/mail.log*.gz}: wildcards in the file name only, the
 *     directory is literal; matching files are picked up at every discovery
 * @param stateFile where positions are saved
 * @param host record key of every line read from files
 * @param maxLineBytes lines longer than this many bytes are cut and flagged
 * @param startAt where to start in a live file never seen before (saved positions always win)
 * @param fromBeginning ignore saved positions and read every file from its first byte
 * @param once read every file to its end, then stop instead of following it
 * @param pollInterval pause after a round that read nothing
 * @param discoveryInterval how often globs and missing files are checked again
 * @param checkpointInterval how often acknowledged positions are written to the state file
 * @param stateRetention how long a saved position is kept after its file was last seen
 * @param readChunkBytes bytes read from one file before the next file gets its turn
 * @param rotationGrace how long a file renamed away stays open after its rotation is detected, for
 *     writers that reopen their log only after a signal (rsyslog on HUP); the new file is read after it
 */
public record TailSettings(
        List<Path> files,
        List<String> globs,
        Path stateFile,
        String host,
        int maxLineBytes,
        StartPosition startAt,
        boolean fromBeginning,
        boolean once,
        Duration pollInterval,
        Duration discoveryInterval,
        Duration checkpointInterval,
        Duration stateRetention,
        int readChunkBytes,
        Duration rotationGrace) {

    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

    /** Where reading starts in a file that has no saved position. */
    public enum StartPosition {
        /** After the last complete line present when the file is first seen: only new lines are shipped. */
        END,
        /** From the first byte. */
        BEGINNING
    }

    public TailSettings {
        files = List.copyOf(files);
        globs = List.copyOf(globs);
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(startAt, "startAt");
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maximum line length must be at least 16 bytes, got " + maxLineBytes);
        }
        if (readChunkBytes < 4096) {
            throw new IllegalArgumentException("read chunk must be at least 4096 bytes, got " + readChunkBytes);
        }
    }

    /**
     * Settings with the usual intervals: poll every 250 ms, discover every 5 s, save positions every
     * second, forget positions of files not seen for 7 days, read 256 KiB per turn, keep a renamed
     * file open for 5 s.
     */
    public static TailSettings of(List<Path> files, List<String> globs, Path stateFile, String host,
            StartPosition startAt, boolean fromBeginning, boolean once) {
        return new TailSettings(files, globs, stateFile, host, DEFAULT_MAX_LINE_BYTES, startAt, fromBeginning, once,
                Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofDays(7), 256 * 1024,
                Duration.ofSeconds(5));
    }

    public TailSettings withMaxLineBytes(int newMaxLineBytes) {
        return new TailSettings(files, globs, stateFile, host, newMaxLineBytes, startAt, fromBeginning, once,
                pollInterval, discoveryInterval, checkpointInterval, stateRetention, readChunkBytes, rotationGrace);
    }

    public TailSettings withIntervals(Duration newPollInterval, Duration newDiscoveryInterval,
            Duration newCheckpointInterval) {
        return new TailSettings(files, globs, stateFile, host, maxLineBytes, startAt, fromBeginning, once,
                newPollInterval, newDiscoveryInterval, newCheckpointInterval, stateRetention, readChunkBytes,
                rotationGrace);
    }

    public TailSettings withReadChunkBytes(int newReadChunkBytes) {
        return new TailSettings(files, globs, stateFile, host, maxLineBytes, startAt, fromBeginning, once,
                pollInterval, discoveryInterval, checkpointInterval, stateRetention, newReadChunkBytes, rotationGrace);
    }

    public TailSettings withRotationGrace(Duration newRotationGrace) {
        return new TailSettings(files, globs, stateFile, host, maxLineBytes, startAt, fromBeginning, once,
                pollInterval, discoveryInterval, checkpointInterval, stateRetention, readChunkBytes, newRotationGrace);
    }
}
