package io.mailflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mailflow.streams.settings.Setting;

/**
 * Keeps the settings table of the module README in step with the declared settings. After adding
 * or changing a setting, run with {@code -Dmailflow.golden.update=true} to rewrite the table.
 */
class SettingsDocumentationTest {

    private static final Path README = Path.of("README.md");
    private static final String BEGIN = "<!-- settings:begin -->";
    private static final String END = "<!-- settings:end -->";

    @Test
    void readmeListsEverySetting() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String table = table();

        if (Boolean.getBoolean("mailflow.golden.update")) {
            int begin = readme.indexOf(BEGIN) + BEGIN.length();
            int end = readme.indexOf(END);
            readme = readme.substring(0, begin) + "\n" + table + readme.substring(end);
            Files.writeString(README, readme, StandardCharsets.UTF_8);
        }

        assertThat(readme).contains(BEGIN + "\n" + table + END);
    }

    private static String table() {
        List<Setting<?>> settings = new ArrayList<>(StreamsAppSettings.DEFINITIONS);
        settings.addAll(TopologySettings.DEFINITIONS);
        StringBuilder table = new StringBuilder()
                .append("| key | type | default | unit | allowed | meaning |\n")
                .append("|---|---|---|---|---|---|\n");
        for (Setting<?> setting : settings) {
            table.append("| `").append(setting.key()).append("` | ")
                    .append(setting.type().name()).append(" | ")
                    .append(defaultText(setting)).append(" | ")
                    .append(setting.unit()).append(" | ")
                    .append(setting.allowed()).append(" | ")
                    .append(setting.description().replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }

    private static <T> String defaultText(Setting<T> setting) {
        return setting.required() ? "required" : "`" + setting.type().format(setting.defaultValue()) + "`";
    }
}
