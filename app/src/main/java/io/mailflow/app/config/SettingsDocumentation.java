package io.mailflow.app.config;

import java.util.List;

/**
 * Renders the declared settings as the Markdown table of the README, so the documentation is
 * generated from the registry instead of written twice.
 */
public final class SettingsDocumentation {

    /** Marks the start of the generated table in the README. */
    public static final String BEGIN_MARKER = "<!-- settings-table:begin (generated from MailflowSettings; see SettingsDocumentationTest) -->";
    public static final String END_MARKER = "<!-- settings-table:end -->";

    private SettingsDocumentation() {
    }

    /** Returns the table with one row per setting: key, environment variable, default, allowed values and description. */
    public static String markdownTable(SettingsRegistry registry) {
        StringBuilder table = new StringBuilder();
        table.append("| key | environment variable | default | allowed values | description |\n");
        table.append("|---|---|---|---|---|\n");
        for (Setting<?> setting : registry.settings()) {
            table.append("| `").append(setting.key()).append("` | `").append(setting.environmentVariable())
                    .append("` | ").append(defaultText(setting))
                    .append(" | ").append(escape(allowed(setting)))
                    .append(" | ").append(escape(description(setting)))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** Returns the README text with the part between the markers replaced by the current table. */
    public static String replaceTable(String readme, SettingsRegistry registry) {
        int begin = readme.indexOf(BEGIN_MARKER);
        int end = readme.indexOf(END_MARKER);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("README has no settings table markers " + BEGIN_MARKER + " ... " + END_MARKER);
        }
        return readme.substring(0, begin + BEGIN_MARKER.length()) + "\n" + markdownTable(registry) + readme.substring(end);
    }

    private static <T> String defaultText(Setting<T> setting) {
        T value = setting.defaultValue();
        if (value == null) {
            return "(unset)";
        }
        String text = setting.type().format(value);
        if (text.isEmpty() || (value instanceof List<?> list && list.isEmpty())) {
            return "(empty)";
        }
        return "`" + text + "`";
    }

    private static String allowed(Setting<?> setting) {
        String allowed = setting.type().allowedValues();
        return setting.unit() == null ? allowed : allowed + " (" + setting.unit() + ")";
    }

    private static String description(Setting<?> setting) {
        return setting.isSecret() ? setting.description() + " Secret: never printed." : setting.description();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
