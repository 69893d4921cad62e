package io.mailflow.embedded.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {

    @TempDir
    Path folder;

    @Test
    void tailDropsStackFrames() throws Exception {
        Path log = Files.writeString(folder.resolve("console.log"), String.join("\n",
                "[INFO ] starting",
                "org.elasticsearch.http.BindHttpException: Failed to bind to 127.0.0.1:9200",
                "\tat org.elasticsearch.http.AbstractHttpServerTransport.bindAddress(AbstractHttpServerTransport.java:214)",
                "Caused by: java.net.BindException: Address already in use",
                "    at java.base/sun.nio.ch.Net.bind0(Native Method)",
                "\t... 12 more",
                "ERROR: Elasticsearch died while starting up, with exit code 1",
                ""));

        String tail = LogFiles.tailWithoutStackFrames(log, 3);

        assertThat(tail).isEqualTo(String.join("\n",
                "org.elasticsearch.http.BindHttpException: Failed to bind to 127.0.0.1:9200",
                "Caused by: java.net.BindException: Address already in use",
                "ERROR: Elasticsearch died while starting up, with exit code 1"));
    }

    @Test
    void tailOfMissingFileNamesIt() {
        assertThat(LogFiles.tailWithoutStackFrames(folder.resolve("missing.log"), 10)).contains("does not exist");
    }
}
