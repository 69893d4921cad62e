package io.mailflow.embedded.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipUnpackerTest {

    @TempDir
    Path folder;

    @Test
    void unpackMakesBinFilesExecutable() throws Exception {
        Path zip = zip(Map.of(
                "dist/bin/start", "#!/bin/sh\n",
                "dist/lib/core.jar", "jar",
                "dist/config/settings.yml", "a: 1\n"));
        Path target = Files.createDirectory(folder.resolve("target"));

        ZipUnpacker.unpack(zip, target);

        assertThat(Files.readString(target.resolve("dist/bin/start"))).isEqualTo("#!/bin/sh\n");
        assertThat(permissions(target.resolve("dist/bin/start"))).isEqualTo("rwxr-xr-x");
        assertThat(permissions(target.resolve("dist/lib/core.jar"))).isEqualTo("rw-r--r--");
        assertThat(permissions(target.resolve("dist/config/settings.yml"))).isEqualTo("rw-r--r--");
    }

    @Test
    void unpackRejectsEntryOutsideTarget() throws Exception {
        Path zip = zip(Map.of("../escaped.txt", "x"));
        Path target = Files.createDirectory(folder.resolve("target"));

        assertThatThrownBy(() -> ZipUnpacker.unpack(zip, target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("../escaped.txt")
                .hasMessageContaining("outside");
        assertThat(folder.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void readUnixModesSkipsNonUnixEntries() throws Exception {
        Path zip = zip(Map.of("dist/bin/start", "#!/bin/sh\n"));

        assertThat(ZipUnpacker.readUnixModes(zip)).isEmpty();
    }

    @Test
    void readUnixModesRejectsNonZip() throws Exception {
        Path notZip = Files.writeString(folder.resolve("not.zip"), "plain text, no central directory");

        assertThatThrownBy(() -> ZipUnpacker.readUnixModes(notZip))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Not a zip archive");
    }

    @Test
    void readUnixModesOfElasticsearchZip() throws Exception {
        String version = ElasticsearchDistribution.version();
        Path zip = Path.of(System.getProperty("user.home"), ".m2", "repository",
                "org/elasticsearch/distribution/integ-test-zip/elasticsearch", version, "elasticsearch-" + version + ".zip");
        assumeTrue(Files.isRegularFile(zip), "Elasticsearch zip not in the local Maven repository: " + zip);

        Map<String, Integer> modes = ZipUnpacker.readUnixModes(zip);

        String root = "elasticsearch-" + version + "/";
        assertThat(modes).containsEntry(root + "bin/elasticsearch", 0755);
        assertThat(modes).containsEntry(root + "bin/elasticsearch-cli", 0755);
        assertThat(modes).containsEntry(root + "config/jvm.options", 0660);
        assertThat(modes).containsEntry(root + "lib/elasticsearch-" + version + ".jar", 0644);
    }

    private Path zip(Map<String, String> entries) throws IOException {
        Path zip = folder.resolve("test.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream output = new ZipOutputStream(file)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                output.putNextEntry(new ZipEntry(entry.getKey()));
                output.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                output.closeEntry();
            }
        }
        return zip;
    }

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
