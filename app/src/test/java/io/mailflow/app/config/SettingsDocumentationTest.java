package io.mailflow.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's settings table equal to the registry. Run with {@code -Dmailflow.updateReadme=true}
 * to rewrite the table after changing a setting.
 */
class SettingsDocumentationTest {

    private static final Path README = Path.of(System.getProperty("user.dir")).getParent().resolve("README.md");

    @Test
    void readmeTableMatchesTheRegistry() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String expected = SettingsDocumentation.replaceTable(readme, MailflowSettings.REGISTRY);
        if (Boolean.getBoolean("mailflow.updateReadme") && !expected.equals(readme)) {
            Files.writeString(README, expected, StandardCharsets.UTF_8);
            readme = expected;
        }

        assertThat(readme)
                .as("README.md settings table; regenerate with: mvn -B -o -pl app test -Dtest=SettingsDocumentationTest -Dmailflow.updateReadme=true")
                .isEqualTo(expected);
    }

    @Test
    void tableHasOneRowPerSettingAndMasksNothingButMarksSecrets() {
        String table = SettingsDocumentation.markdownTable(MailflowSettings.REGISTRY);

        assertThat(table.lines().count()).isEqualTo(MailflowSettings.REGISTRY.settings().size() + 2);
        assertThat(table).contains("| `kafka.bootstrap.servers` | `MAILFLOW_KAFKA_BOOTSTRAP_SERVERS` | `127.0.0.1:9092` |");
        assertThat(table).contains("| `http.port` | `MAILFLOW_HTTP_PORT` | `9400` | integer from 0 to 65535 (port) |");
        assertThat(table).contains("| `window.grace` | `MAILFLOW_WINDOW_GRACE` | `30s` |");
        assertThat(table).containsPattern("\\| `elasticsearch.api-key` \\| `MAILFLOW_ELASTICSEARCH_API_KEY` \\| \\(unset\\) \\| .* Secret: never printed\\. \\|");
    }
}
