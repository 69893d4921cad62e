package io.mailflow.ingest.tail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state file of {@code mailflow ship}: a JSON document with the saved position of every file
 * content read. It is replaced atomically (written to a temporary file, synced, renamed over the
 * old one), so a crash leaves either the old or the new state, never a torn one. An exclusive lock
 * on {@code <state>.lock} keeps two shippers from sharing one state file.
 */
final class PositionStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PositionStore.class);
    private static final int FORMAT_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path stateFile;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private String lastWritten;

    private PositionStore(Path stateFile, FileChannel lockChannel, FileLock lock) {
        this.stateFile = stateFile;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens the state file, creating its directory, and locks it for this process.
     *
     * @throws IllegalStateException when another process holds the lock
     */
    static PositionStore open(Path stateFile) throws IOException {
        Path absolute = stateFile.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("state file " + absolute + " is in use by another shipper (lock "
                    + lockFile + " held); give each shipper its own --state file");
        }
        return new PositionStore(absolute, channel, lock);
    }

    Path path() {
        return stateFile;
    }

    /** Reads the saved positions; an absent file means none. */
    List<FilePosition> load() throws IOException {
        if (!Files.exists(stateFile)) {
            log.info("No state file yet, starting without saved positions: stateFile={}", stateFile);
            return new ArrayList<>();
        }
        StateDocument document;
        try {
            document = MAPPER.readValue(stateFile.toFile(), StateDocument.class);
        } catch (IOException e) {
            throw new IOException("state file " + stateFile + " is not valid JSON of mailflow ship ("
                    + e.getMessage() + "); move it away to start over, or restore a backup", e);
        }
        if (document.version() != FORMAT_VERSION) {
            throw new IOException("state file " + stateFile + " has format version " + document.version()
                    + ", this shipper reads version " + FORMAT_VERSION);
        }

        List<FilePosition> positions = new ArrayList<>();
        for (SavedFile saved : document.files()) {
            positions.add(new FilePosition(new FileIdentity(saved.identity()),
                    new Fingerprint(saved.fingerprintLength(), saved.fingerprintSha256()), Path.of(saved.path()),
                    saved.compressed(), saved.offset(), saved.complete(), saved.lastSeenMs()));
        }
        log.info("State file loaded: stateFile={} files={}", stateFile, positions.size());
        return positions;
    }

    /**
     * Writes {@code positions} if they differ from the last write.
     *
     * @return true when the file was written
     */
    boolean save(List<FilePosition> positions) {
        List<SavedFile> files = new ArrayList<>();
        for (FilePosition position : positions) {
            files.add(new SavedFile(position.identity().key(), position.fingerprint().length(),
                    position.fingerprint().sha256(), position.path().toString(), position.compressed(),
                    position.committedOffset(), position.complete(), position.lastSeenMs()));
        }

        try {
            String json = MAPPER.writeValueAsString(new StateDocument(FORMAT_VERSION, files));
            if (json.equals(lastWritten)) {
                return false;
            }
            writeAtomically(json);
            lastWritten = json;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("writing state file " + stateFile + " failed", e);
        }
    }

    private void writeAtomically(String json) throws IOException {
        Path temporary = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + stateFile + " cannot rename atomically; put the state file "
                    + "on a local file system", e);
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }

    /** JSON shape of the state file. */
    record StateDocument(int version, List<SavedFile> files) {
    }

    /** JSON shape of one saved position. */
    record SavedFile(String identity, int fingerprintLength, String fingerprintSha256, String path, boolean compressed,
            long offset, boolean complete, long lastSeenMs) {
    }
}
