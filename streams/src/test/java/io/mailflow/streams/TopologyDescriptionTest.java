package io.mailflow.streams;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares {@code topology.describe()} with the golden file that reviewers read. After an intended
 * change of the graph, run with {@code -Dmailflow.golden.update=true} to rewrite the file and
 * review its diff.
 */
class TopologyDescriptionTest {

    private static final String GOLDEN = "topology-description.txt";
    private static final String KEYED_GOLDEN = "topology-description-keyed-input.txt";

    @Test
    void descriptionMatchesGoldenFile() throws IOException {
        Topology topology = MailflowTopology.build(TopologySettings.defaults());

        assertMatchesGolden(topology.describe().toString(), GOLDEN);
    }

    @Test
    void keyedInputDescriptionMatchesGoldenFile() throws IOException {
        TopologySettings keyed = TopologySettings.defaults().with(TopologySettings.INPUT_KEYED_BY_HOST, true);
        Topology topology = MailflowTopology.build(keyed);

        assertMatchesGolden(topology.describe().toString(), KEYED_GOLDEN);
        assertThat(topology.describe().toString()).doesNotContain("partition-maillog-lines-by-host");
    }

    @Test
    void descriptionHasNoGeneratedNames() {
        String description = MailflowTopology.build(TopologySettings.defaults()).describe().toString();

        assertThat(description).doesNotContain("KSTREAM-", "KTABLE-", "-STATE-STORE-", "KSTREAM_");
    }

    private static void assertMatchesGolden(String description, String golden) throws IOException {
        if (Boolean.getBoolean("mailflow.golden.update")) {
            Path file = Path.of("src/test/resources/io/mailflow/streams").resolve(golden);
            Files.writeString(file, description, StandardCharsets.UTF_8);
        }
        try (InputStream in = TopologyDescriptionTest.class.getResourceAsStream(golden)) {
            assertThat(in).as("golden file %s; create it with -Dmailflow.golden.update=true", golden).isNotNull();
            assertThat(description).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
