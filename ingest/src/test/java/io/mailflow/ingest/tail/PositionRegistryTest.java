package io.mailflow.ingest.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionRegistryTest {

    private static final FileIdentity INODE_7 = new FileIdentity("2049:7");
    private static final FileIdentity INODE_8 = new FileIdentity("2049:8");

    @Test
    void sameIdentityWithMatchingFirstBytesIsFound() {
        byte[] content = bytes("Jun 10 09:28:17 mx1 postfix/qmgr[812]: 4BQ1: removed\n", 1);
        FilePosition saved = position(INODE_7, content, 30, false);
        PositionRegistry registry = new PositionRegistry(List.of(saved));

        assertThat(registry.find(INODE_7, content, content.length, false)).isSameAs(saved);
    }

    @Test
    void reusedInodeWithOtherContentIsNotFound() {
        byte[] old = bytes("Jun 10 09:28:17 mx1 old\n", 1);
        byte[] reused = bytes("Jun 11 10:00:00 mx1 new\n", 1);
        PositionRegistry registry = new PositionRegistry(List.of(position(INODE_7, old, 24, false)));

        assertThat(registry.find(INODE_7, reused, reused.length, false)).isNull();
    }

    @Test
    void fullFingerprintMatchesUnderAnotherIdentity() {
        byte[] content = bytes("Jun 10 09:28:17 mx1 postfix/qmgr[812]: 4BQ1: removed\n", 40);
        FilePosition saved = position(INODE_7, content, 2000, false);
        PositionRegistry registry = new PositionRegistry(List.of(saved));

        assertThat(registry.find(INODE_8, content, Fingerprint.FULL_LENGTH, true)).isSameAs(saved);
    }

    @Test
    void shortFingerprintDoesNotMatchUnderAnotherIdentity() {
        byte[] content = bytes("short\n", 1);
        PositionRegistry registry = new PositionRegistry(List.of(position(INODE_7, content, 6, false)));

        assertThat(registry.find(INODE_8, content, content.length, false)).isNull();
    }

    @Test
    void expiredDetachedPositionsAreDropped() {
        byte[] content = bytes("x\n", 1);
        FilePosition old = position(INODE_7, content, 2, false);
        PositionRegistry registry = new PositionRegistry(List.of(old));

        int dropped = registry.refresh(Duration.ofDays(8).toMillis(), Duration.ofDays(7));

        assertThat(dropped).isEqualTo(1);
        assertThat(registry.size()).isZero();
    }

    private static FilePosition position(FileIdentity identity, byte[] content, long offset, boolean compressed) {
        return new FilePosition(identity, Fingerprint.of(content, content.length), Path.of("/var/log/mail.log"),
                compressed, offset, false, 0);
    }

    private static byte[] bytes(String line, int repeat) {
        return line.repeat(repeat).getBytes(StandardCharsets.UTF_8);
    }
}
