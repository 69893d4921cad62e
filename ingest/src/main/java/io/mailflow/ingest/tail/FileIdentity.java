package io.mailflow.ingest.tail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;

/**
 * The identity of a file independent of its name: {@code device:inode} on Unix, else the file key
 * the JDK reports. It survives a rename (logrotate's default) and changes when a new file is
 * created at the same path. An inode can be reused after a delete, so identity alone does not prove
 * the content is the same: {@link Fingerprint} checks that.
 */
public record FileIdentity(String key) {

    public FileIdentity {
        Objects.requireNonNull(key, "key");
    }

    /** Reads the identity and size of the file at {@code path}, following links. */
    public static Snapshot read(Path path) throws IOException {
        try {
            Map<String, Object> unix = Files.readAttributes(path, "unix:dev,ino,size,lastModifiedTime,isRegularFile");
            FileIdentity identity = new FileIdentity(unix.get("dev") + ":" + unix.get("ino"));
            long modified = ((java.nio.file.attribute.FileTime) unix.get("lastModifiedTime")).toMillis();
            return new Snapshot(identity, (Long) unix.get("size"), modified, (Boolean) unix.get("isRegularFile"));
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class);
            Object fileKey = basic.fileKey();
            FileIdentity identity = new FileIdentity(fileKey == null ? path.toAbsolutePath().toString() : fileKey.toString());
            return new Snapshot(identity, basic.size(), basic.lastModifiedTime().toMillis(), basic.isRegularFile());
        }
    }

    @Override
    public String toString() {
        return key;
    }

    /** Identity, size in bytes and modification time (epoch ms) of a file at one moment. */
    public record Snapshot(FileIdentity identity, long size, long modifiedMs, boolean regularFile) {
    }
}
