package io.mailflow.embedded.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs only as root, the only case in which Elasticsearch runs as the service user. */
class ServiceUserTest {

    @TempDir
    Path folder;

    private ServiceUser serviceUser;

    @BeforeEach
    void requireRoot() {
        assumeTrue(ServiceUser.currentUserIsRoot(), "the service user is only used by a JVM running as root");
        serviceUser = ServiceUser.ensureExists();
    }

    @Test
    void ensureExistsIsIdempotent() {
        assertThatCode(ServiceUser::ensureExists).doesNotThrowAnyException();
    }

    @Test
    void checkTraversableRejectsPrivateFolder() throws Exception {
        Path closed = Files.createDirectory(folder.resolve("closed"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path node = Files.createDirectory(closed.resolve("node"));

        assertThatThrownBy(() -> serviceUser.checkTraversable(node.resolve("data")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ServiceUser.NAME)
                .hasMessageContaining("folder " + closed + " is not searchable");
    }

    @Test
    void checkTraversableAcceptsFolderOwnedByServiceUser() throws Exception {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        Path node = Files.createDirectory(folder.resolve("node"));
        serviceUser.chownRecursively(folder);

        assertThatCode(() -> serviceUser.checkTraversable(node.resolve("data"))).doesNotThrowAnyException();
    }

    @Test
    void chownRecursivelyGivesEveryFileToServiceUser() throws Exception {
        Path file = Files.writeString(Files.createDirectories(folder.resolve("a/b")).resolve("file"), "x");

        serviceUser.chownRecursively(folder.resolve("a"));

        assertThat(Files.getOwner(file).getName()).isEqualTo(ServiceUser.NAME);
        assertThat(Files.getOwner(folder.resolve("a/b")).getName()).isEqualTo(ServiceUser.NAME);
    }
}
