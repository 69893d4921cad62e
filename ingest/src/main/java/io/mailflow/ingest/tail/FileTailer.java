package io.mailflow.ingest.tail;

import io.mailflow.ingest.LineSink;
import io.mailflow.ingest.OutgoingLine;
import io.mailflow.ingest.ShipperCounters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows maillog files and hands their lines to a {@link LineSink}, saving each file's position
 * once Kafka acknowledged its lines.
 *
 * <p>Rotation: when the path names another file (logrotate's rename, or a delete) the old file
 * stays open for the rotation grace period and is read to its end first, then the new file is read
 * from offset 0. When a file gets shorter than the
 * offset read, or its first bytes change (logrotate's {@code copytruncate}), it is read again from 0.
 * A {@code .gz} file is read once: its position becomes complete when all its lines are
 * acknowledged, and a compressed copy of content already read resumes where that content stopped.
 *
 * <p>Every method runs on the tailer's own thread except {@link #stop()}; {@link #checkpoint()}
 * and {@link #close()} may run on another thread once that thread has ended.
 */
public final class FileTailer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FileTailer.class);

    private final TailSettings settings;
    private final LineSink sink;
    private final ShipperCounters counters;
    private final Clock clock;
    private final PositionStore store;
    private final PositionRegistry registry;
    private final Map<FileIdentity, TailedFile> readers = new LinkedHashMap<>();
    private final Set<Path> knownPaths = new HashSet<>();
    private final Set<Path> missingLogged = new HashSet<>();
    private final Map<FileIdentity, FileIdentity.Snapshot> settled = new HashMap<>();
    private final byte[] chunk;
    private volatile boolean stopRequested;
    private boolean initialDiscoveryDone;
    private boolean rediscoverNow;
    private long nextDiscoveryMs;
    private long nextCheckpointMs;

    private FileTailer(TailSettings settings, LineSink sink, ShipperCounters counters, Clock clock,
            PositionStore store, List<FilePosition> loaded) {
        this.settings = settings;
        this.sink = sink;
        this.counters = counters;
        this.clock = clock;
        this.store = store;
        this.registry = new PositionRegistry(loaded);
        this.chunk = new byte[settings.readChunkBytes()];
        for (FilePosition position : loaded) {
            knownPaths.add(position.path());
        }
    }

    /**
     * Opens the state file and loads saved positions ({@code fromBeginning} discards them).
     *
     * @throws IllegalStateException when another shipper uses the same state file
     */
    public static FileTailer open(TailSettings settings, LineSink sink, ShipperCounters counters, Clock clock)
            throws IOException {
        PositionStore store = PositionStore.open(settings.stateFile());
        try {
            List<FilePosition> loaded = store.load();
            if (settings.fromBeginning() && !loaded.isEmpty()) {
                log.info("Saved positions ignored, reading every file from its first byte: stateFile={} positions={}",
                        store.path(), loaded.size());
                loaded = new ArrayList<>();
            }
            return new FileTailer(settings, sink, counters, clock, store, loaded);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Reads until {@link #stop()} is called or, with {@code once}, until every file is read to its
     * end. Lines still in flight are not waited for: the caller awaits the sink, then calls
     * {@link #checkpoint()}.
     */
    public void run() throws InterruptedException {
        log.info("File tailer started: files={} globs={} stateFile={} host={} startAt={} fromBeginning={} once={}",
                settings.files(), settings.globs(), store.path(), settings.host(), settings.startAt(),
                settings.fromBeginning(), settings.once());
        while (!stopRequested && !finished()) {
            boolean progress = pollOnce();
            if (!progress && !finished() && !stopRequested) {
                Thread.sleep(settings.pollInterval().toMillis());
            }
        }
        log.info("File tailer stopped: openFiles={} {}", readers.size(), counters.summary());
    }

    /**
     * Runs one round: discovers files when due, reads up to one chunk from each open file, and saves
     * positions when due.
     *
     * @return true when anything was read or a file changed state
     */
    public boolean pollOnce() throws InterruptedException {
        long now = clock.millis();
        if (!initialDiscoveryDone || (!settings.once() && now >= nextDiscoveryMs)) {
            discover(now);
        }

        boolean progress = false;
        for (TailedFile reader : new ArrayList<>(readers.values())) {
            if (stopRequested) {
                break;
            }
            progress |= service(reader);
        }
        if (rediscoverNow && !settings.once()) {
            discover(now);
        }

        if (now >= nextCheckpointMs) {
            checkpoint();
            nextCheckpointMs = now + settings.checkpointInterval().toMillis();
        }
        return progress;
    }

    /** Asks {@link #run()} to return after the current read; callable from any thread. */
    public void stop() {
        stopRequested = true;
    }

    /** True in {@code once} mode when every file found at start has been read to its end. */
    public boolean finished() {
        return settings.once() && initialDiscoveryDone && readers.isEmpty();
    }

    /** Writes acknowledged positions to the state file if they changed, dropping positions expired. */
    public void checkpoint() {
        int dropped = registry.refresh(clock.millis(), settings.stateRetention());
        if (dropped > 0) {
            log.info("Positions of files not seen for {} dropped: dropped={}", settings.stateRetention(), dropped);
        }
        if (store.save(registry.snapshot())) {
            log.debug("State file written: stateFile={} positions={}", store.path(), registry.size());
        }
    }

    /** Number of files open for reading. */
    public int openFiles() {
        return readers.size();
    }

    /** Saves positions one last time, then closes the open files and releases the state file. */
    @Override
    public void close() throws IOException {
        checkpoint();
        for (TailedFile reader : readers.values()) {
            reader.position().detach();
            reader.close();
        }
        readers.clear();
        store.close();
    }

    private boolean service(TailedFile reader) throws InterruptedException {
        if (reader.predecessor() != null && readers.containsValue(reader.predecessor())) {
            return false;
        }
        try {
            boolean progress = !reader.compressed() && detectTruncation(reader);
            int read = reader.read(chunk, handlerFor(reader));
            if (read > 0) {
                extendFingerprint(reader);
                return true;
            }
            return endOfContent(reader) || progress;
        } catch (IOException e) {
            log.warn("Reading failed, closing the file; it is opened again at its saved position when next found: "
                    + "path={} identity={} offset={} error={}", reader.path(), reader.identity(),
                    reader.position().committedOffset(), e.toString());
            release(reader);
            return true;
        }
    }

    /** Handles a read that found no new bytes; returns true when the reader was finished. */
    private boolean endOfContent(TailedFile reader) throws IOException, InterruptedException {
        if (reader.compressed()) {
            finish(reader, "end of compressed file");
            FileIdentity.Snapshot finished = snapshotOrNull(reader.path());
            if (finished != null) {
                settled.put(reader.identity(), finished);
            }
            return true;
        }
        if (settings.once() || reader.finishAtEnd()) {
            finish(reader, "end of file");
            return true;
        }

        FileIdentity.Snapshot atPath = snapshotOrNull(reader.path());
        if (atPath != null && atPath.identity().equals(reader.identity())) {
            return false;
        }
        long now = clock.millis();
        if (reader.rotatedAtMs() < 0) {
            // The path names another file now, or none. The writer may still add to the old file
            // until it reopens its log, so it stays open for the grace period and the new file waits.
            reader.rotatedAt(now);
            counters.rotatedByRename();
            log.info("Rotation detected, reading the old file until the grace period ends: path={} identity={} "
                    + "offset={} newIdentity={} graceMs={}", reader.path(), reader.identity(), reader.readOffset(),
                    atPath == null ? "none" : atPath.identity(), settings.rotationGrace().toMillis());
            rediscoverNow = true;
        }
        if (now - reader.rotatedAtMs() < settings.rotationGrace().toMillis()) {
            return false;
        }
        drain(reader);
        finish(reader, "rotated");
        return true;
    }

    private void drain(TailedFile reader) throws IOException, InterruptedException {
        while (reader.read(chunk, handlerFor(reader)) > 0) {
            // Read on until the end of the old file.
        }
    }

    private void finish(TailedFile reader, String reason) throws IOException, InterruptedException {
        reader.finishContent(handlerFor(reader));
        log.info("File closed: path={} identity={} offset={} reason={}", reader.path(), reader.identity(),
                reader.readOffset(), reason);
        release(reader);
    }

    private void release(TailedFile reader) {
        readers.remove(reader.identity());
        reader.position().detach();
        knownPaths.add(reader.path());
        try {
            reader.close();
        } catch (IOException e) {
            log.warn("Closing file failed: path={} error={}", reader.path(), e.toString());
        }
    }

    /**
     * Detects copytruncate: the open file got shorter than what was read, or its first bytes changed
     * (truncated and grown again between two polls). Reading then starts over at offset 0.
     */
    private boolean detectTruncation(TailedFile reader) throws IOException, InterruptedException {
        long size = reader.size();
        Fingerprint fingerprint = reader.position().fingerprint();
        boolean shrunk = size < reader.readOffset();
        if (!shrunk) {
            if (fingerprint.length() == 0) {
                return false;
            }
            byte[] head = new byte[fingerprint.length()];
            int headLength = reader.readPrefix(head);
            if (fingerprint.matches(head, headLength)) {
                return false;
            }
        }

        // Lines after the last one read belong to the content that was copied away. A partial
        // line read before the truncation is shipped as it was.
        reader.finishContent(handlerFor(reader));
        counters.rotatedByTruncation();
        log.info("Truncation detected (copytruncate), reading again from offset 0: path={} identity={} "
                + "previousOffset={} size={}", reader.path(), reader.identity(), reader.readOffset(), size);

        byte[] prefix = new byte[Fingerprint.FULL_LENGTH];
        int prefixLength = reader.readPrefix(prefix);
        FilePosition replaced = reader.position();
        FilePosition fresh = new FilePosition(reader.identity(), Fingerprint.of(prefix, prefixLength), reader.path(),
                false, 0, false, clock.millis());
        fresh.attach(reader.identity(), reader.path(), clock.millis());
        registry.remove(replaced);
        replaced.detach();
        registry.add(fresh);
        reader.restartFromZero(fresh);
        return true;
    }

    /** Lengthens a short fingerprint as the file grows, up to {@link Fingerprint#FULL_LENGTH}. */
    private void extendFingerprint(TailedFile reader) throws IOException {
        FilePosition position = reader.position();
        if (reader.compressed() || position.fingerprint().full()
                || reader.readOffset() <= position.fingerprint().length()) {
            return;
        }
        byte[] prefix = new byte[Fingerprint.FULL_LENGTH];
        int length = reader.readPrefix(prefix);
        if (position.fingerprint().matches(prefix, length)) {
            position.extendFingerprint(Fingerprint.of(prefix, length));
        }
    }

    private LineSplitter.LineHandler handlerFor(TailedFile reader) {
        PositionTracker tracker = reader.tracker();
        return (bytes, length, originalLength, endOffset) -> {
            counters.lineRead(originalLength < 0 ? length : originalLength);
            if (length == 0) {
                counters.blankLine();
                tracker.skip(endOffset);
                return;
            }
            if (originalLength >= 0) {
                counters.lineTruncated();
                log.warn("Line longer than {} bytes cut and flagged with header {}: path={} endOffset={} "
                        + "originalLength={}", settings.maxLineBytes(), OutgoingLine.TRUNCATED_HEADER, reader.path(),
                        endOffset, originalLength);
            }
            OutgoingLine line = OutgoingLine.decode(settings.host(), bytes, 0, length, originalLength);
            PositionTracker.PendingLine pending = tracker.register(endOffset);
            sink.send(line, () -> tracker.acknowledge(pending));
        };
    }

    private void discover(long now) {
        rediscoverNow = false;
        nextDiscoveryMs = now + settings.discoveryInterval().toMillis();

        List<Path> candidates = candidates();
        Map<Path, TailedFile> recovered = initialDiscoveryDone ? Map.of() : recoverRotatedWhileStopped();
        for (Path path : candidates) {
            FileIdentity.Snapshot snapshot = snapshotOrNull(path);
            if (snapshot == null) {
                if (settings.files().contains(path) && missingLogged.add(path)) {
                    log.warn("File not found, waiting for it to appear: path={}", path);
                }
                continue;
            }
            missingLogged.remove(path);
            if (!snapshot.regularFile() || readers.containsKey(snapshot.identity()) || isSettled(snapshot)) {
                continue;
            }
            TailedFile reader = attach(path, snapshot, now);
            if (reader != null && recovered.containsKey(path)) {
                reader.readAfter(recovered.get(path));
            } else if (reader != null) {
                readAfterOldFileAtSamePath(reader);
            }
        }
        initialDiscoveryDone = true;
    }

    /** Makes a new file wait while the file renamed away from its path is still open. */
    private void readAfterOldFileAtSamePath(TailedFile reader) {
        for (TailedFile other : readers.values()) {
            if (other != reader && other.path().equals(reader.path())) {
                reader.readAfter(other);
                return;
            }
        }
    }

    /** Explicit files and glob matches, the oldest first so that rotated files are read before the live one. */
    private List<Path> candidates() {
        Set<Path> paths = new LinkedHashSet<>();
        for (String glob : settings.globs()) {
            paths.addAll(globMatches(glob));
        }
        paths.addAll(settings.files());

        Map<Path, Long> modified = new HashMap<>();
        for (Path path : paths) {
            FileIdentity.Snapshot snapshot = snapshotOrNull(path);
            modified.put(path, snapshot == null ? Long.MAX_VALUE : snapshot.modifiedMs());
        }
        List<Path> ordered = new ArrayList<>(paths);
        ordered.sort(Comparator.comparing(modified::get));
        return ordered;
    }

    private List<Path> globMatches(String glob) {
        Path pattern = Path.of(glob).toAbsolutePath();
        Path directory = pattern.getParent();
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, pattern.getFileName().toString())) {
            for (Path match : stream) {
                matches.add(match);
            }
        } catch (NoSuchFileException e) {
            log.debug("Glob directory not found: glob={}", glob);
        } catch (IOException e) {
            log.warn("Listing files for a glob failed: glob={} error={}", glob, e.toString());
        }
        return matches;
    }

    /**
     * Finds old files of explicit paths that rotated while the shipper was stopped. When the inode of
     * a saved position now has another name in the same directory, that file is read first from its
     * saved offset, so the lines written before the rotation are not lost.
     */
    private Map<Path, TailedFile> recoverRotatedWhileStopped() {
        Map<Path, TailedFile> recovered = new HashMap<>();
        long now = clock.millis();
        for (Path path : settings.files()) {
            FileIdentity.Snapshot current = snapshotOrNull(path);
            for (FilePosition saved : registry.detachedAt(path)) {
                if (current != null && current.identity().equals(saved.identity())) {
                    continue;
                }
                Path moved = findByIdentity(path.toAbsolutePath().getParent(), saved.identity());
                if (moved == null) {
                    log.warn("File rotated while the shipper was stopped and its old file is not next to it; lines "
                            + "written to it after the saved offset are shipped only if a --glob matches its "
                            + "compressed copy: path={} identity={} offset={}", path, saved.identity(),
                            saved.committedOffset());
                    continue;
                }
                FileIdentity.Snapshot snapshot = snapshotOrNull(moved);
                TailedFile reader = snapshot == null ? null : attach(moved, snapshot, now);
                if (reader != null) {
                    reader.finishAtEnd(true);
                    log.info("File rotated while the shipper was stopped, reading its old file first: path={} "
                            + "oldPath={} offset={}", path, moved, reader.readOffset());
                    recovered.put(path, reader);
                }
            }
        }
        return recovered;
    }

    private Path findByIdentity(Path directory, FileIdentity identity) {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path candidate : stream) {
                FileIdentity.Snapshot snapshot = snapshotOrNull(candidate);
                if (snapshot != null && snapshot.regularFile() && snapshot.identity().equals(identity)
                        && !isCompressed(candidate)) {
                    return candidate;
                }
            }
        } catch (IOException e) {
            log.warn("Listing directory failed: directory={} error={}", directory, e.toString());
        }
        return null;
    }

    /** Opens a newly found file at its saved position, or where a new file starts; returns null when skipped. */
    private TailedFile attach(Path path, FileIdentity.Snapshot snapshot, long now) {
        boolean compressed = isCompressed(path);
        byte[] prefix = new byte[Fingerprint.FULL_LENGTH];
        int prefixLength;
        try {
            prefixLength = readContentPrefix(path, compressed, prefix);
        } catch (IOException e) {
            settled.put(snapshot.identity(), snapshot);
            log.warn("File cannot be read, skipped until it changes: path={} error={}", path, e.toString());
            return null;
        }

        FilePosition position = registry.find(snapshot.identity(), prefix, prefixLength, compressed);
        long start;
        if (position != null && position.attached()) {
            return null;
        }
        if (position != null && position.compressed() && position.complete()) {
            position.seen(now);
            settled.put(snapshot.identity(), snapshot);
            return null;
        }
        if (position != null && !compressed && position.committedOffset() > snapshot.size()) {
            log.info("File shorter than its saved offset (truncated while stopped), reading from offset 0: path={} "
                    + "identity={} savedOffset={} size={}", path, snapshot.identity(), position.committedOffset(),
                    snapshot.size());
            registry.remove(position);
            position = null;
            start = 0;
        } else if (position != null) {
            start = position.committedOffset();
            if (compressed != position.compressed()) {
                // A compressed copy of content read before as a plain file: continue in the copy.
                FilePosition copy = new FilePosition(snapshot.identity(), Fingerprint.of(prefix, prefixLength), path,
                        compressed, start, false, now);
                registry.remove(position);
                registry.add(copy);
                position = copy;
            }
        } else {
            start = startOfNewFile(path, snapshot, compressed);
        }
        if (position == null) {
            // A detached position with the same identity but other first bytes (a reused inode) stays
            // until it expires: its content may still turn up as a compressed copy.
            position = new FilePosition(snapshot.identity(), Fingerprint.of(prefix, prefixLength), path, compressed,
                    start, false, now);
            registry.add(position);
        }

        return openReader(path, snapshot, position, start, compressed, now);
    }

    private TailedFile openReader(Path path, FileIdentity.Snapshot snapshot, FilePosition position, long start,
            boolean compressed, long now) {
        TailedFile reader;
        try {
            reader = TailedFile.open(path, snapshot.identity(), compressed, settings.maxLineBytes(), position, start);
        } catch (IOException e) {
            log.warn("Opening file failed, trying again at the next discovery: path={} error={}", path, e.toString());
            return null;
        }
        position.attach(snapshot.identity(), path, now);
        readers.put(snapshot.identity(), reader);
        knownPaths.add(path);
        counters.fileOpened();
        log.info("File opened: path={} identity={} offset={} compressed={} size={}", path, snapshot.identity(),
                reader.readOffset(), compressed, snapshot.size());
        return reader;
    }

    /**
     * Returns where reading starts in content without a saved position: from 0 for compressed files, for a
     * file created while the shipper runs, for a new file at a path followed before (it replaced a
     * rotated file), and with {@code fromBeginning} or {@code startAt=BEGINNING}; else after the last
     * complete line, so only new lines are shipped.
     */
    private long startOfNewFile(Path path, FileIdentity.Snapshot snapshot, boolean compressed) {
        if (compressed || initialDiscoveryDone || settings.fromBeginning()
                || settings.startAt() == TailSettings.StartPosition.BEGINNING || knownPaths.contains(path)
                || registry.knowsPath(path)) {
            return 0;
        }
        try {
            return EndOfLastLine.find(path, snapshot.size(), settings.maxLineBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the end of " + path + " failed", e);
        }
    }

    private boolean isSettled(FileIdentity.Snapshot snapshot) {
        FileIdentity.Snapshot before = settled.get(snapshot.identity());
        if (before == null) {
            return false;
        }
        if (before.size() == snapshot.size() && before.modifiedMs() == snapshot.modifiedMs()) {
            return true;
        }
        settled.remove(snapshot.identity());
        return false;
    }

    private static int readContentPrefix(Path path, boolean compressed, byte[] prefix) throws IOException {
        try (InputStream raw = Files.newInputStream(path);
                InputStream content = compressed ? new GZIPInputStream(raw) : raw) {
            return content.readNBytes(prefix, 0, prefix.length);
        }
    }

    static boolean isCompressed(Path path) {
        return path.getFileName().toString().endsWith(".gz");
    }

    private static FileIdentity.Snapshot snapshotOrNull(Path path) {
        try {
            return FileIdentity.read(path);
        } catch (IOException e) {
            return null;
        }
    }
}
