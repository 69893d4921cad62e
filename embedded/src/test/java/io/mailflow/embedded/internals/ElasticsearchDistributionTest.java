package io.mailflow.embedded.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchDistributionTest {

    @TempDir
    Path folder;

    @AfterEach
    void clearProperties() {
        System.clearProperty(ElasticsearchDistribution.HOME_PROPERTY);
        System.clearProperty(ElasticsearchDistribution.CACHE_PROPERTY);
    }

    @Test
    void versionComesFromBuild() {
        assertThat(ElasticsearchDistribution.version()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void locateReturnsConfiguredHome() throws Exception {
        Path home = fakeDistribution(folder.resolve("es"));
        System.setProperty(ElasticsearchDistribution.HOME_PROPERTY, home.toString());

        assertThat(ElasticsearchDistribution.locate()).isEqualTo(home.toAbsolutePath());
    }

    @Test
    void locateRejectsConfiguredFolderWithoutDistribution() {
        System.setProperty(ElasticsearchDistribution.HOME_PROPERTY, folder.toString());

        assertThatThrownBy(ElasticsearchDistribution::locate)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(folder.toString())
                .hasMessageContaining("bin/elasticsearch");
    }

    @Test
    void locatePrefersUnpackedCopyInCache() throws Exception {
        Path cached = fakeDistribution(folder.resolve("elasticsearch-" + ElasticsearchDistribution.version()));
        System.setProperty(ElasticsearchDistribution.CACHE_PROPERTY, folder.toString());

        assertThat(ElasticsearchDistribution.locate()).isEqualTo(cached);
    }

    @Test
    void cacheFolderHonoursProperty() {
        System.setProperty(ElasticsearchDistribution.CACHE_PROPERTY, folder.toString());

        assertThat(ElasticsearchDistribution.cacheFolder()).isEqualTo(folder.toAbsolutePath());
    }

    @Test
    void cacheFolderOfRootIsOutsideRootHome() {
        assumeTrue(ServiceUser.currentUserIsRoot(), "only a JVM running as root uses /var/cache/mailflow");

        assertThat(ElasticsearchDistribution.cacheFolder()).isEqualTo(Path.of("/var/cache/mailflow"));
    }

    private static Path fakeDistribution(Path home) throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Path launcher = Files.writeString(home.resolve("bin/elasticsearch"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
