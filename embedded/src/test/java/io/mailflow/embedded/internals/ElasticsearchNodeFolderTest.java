package io.mailflow.embedded.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchNodeFolderTest {

    @TempDir
    Path folder;

    @Test
    void prepareWritesLoopbackSettingsAndHeap() throws Exception {
        Path home = distributionWithConfig();
        ElasticsearchNodeFolder node = new ElasticsearchNodeFolder(folder.resolve("node"));

        node.prepare(home, 19200, 19300, 256);

        String settings = Files.readString(node.config().resolve("elasticsearch.yml"));
        assertThat(settings).contains("network.host: 127.0.0.1\n");
        assertThat(settings).contains("http.port: 19200\n");
        assertThat(settings).contains("transport.port: 19300\n");
        assertThat(settings).contains("discovery.type: single-node\n");
        assertThat(settings).contains("xpack.security.enabled: false\n");
        assertThat(settings).contains("path.data: \"" + node.data() + "\"\n");
        assertThat(Files.readString(node.config().resolve("jvm.options.d/mailflow-heap.options")))
                .isEqualTo("-Xms256m\n-Xmx256m\n");
        assertThat(node.logs()).isDirectory();
        assertThat(node.tmp()).isDirectory();
        assertThat(node.consoleLog()).exists();
    }

    @Test
    void prepareKeepsEditedConfigFilesButRewritesSettings() throws Exception {
        Path home = distributionWithConfig();
        ElasticsearchNodeFolder node = new ElasticsearchNodeFolder(folder.resolve("node"));
        node.prepare(home, 19200, 19300, 256);
        Files.writeString(node.config().resolve("log4j2.properties"), "edited\n");

        node.prepare(home, 19201, 19301, 512);

        assertThat(node.config().resolve("log4j2.properties")).hasContent("edited");
        assertThat(node.config().resolve("jvm.options")).hasContent("-XX:+UseG1GC");
        assertThat(Files.readString(node.config().resolve("elasticsearch.yml"))).contains("http.port: 19201\n");
        assertThat(Files.readString(node.config().resolve("jvm.options.d/mailflow-heap.options"))).contains("-Xmx512m");
    }

    private Path distributionWithConfig() throws Exception {
        Path home = folder.resolve("home");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/jvm.options"), "-XX:+UseG1GC\n");
        Files.writeString(home.resolve("config/log4j2.properties"), "original\n");
        Files.writeString(home.resolve("config/elasticsearch.yml"), "cluster.name: distribution\n");
        return home;
    }
}
