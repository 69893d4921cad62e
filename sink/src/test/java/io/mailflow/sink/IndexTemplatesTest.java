package io.mailflow.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.mailflow.sink.mapping.IndexNames;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

class IndexTemplatesTest {

    private static final Path DEPLOY = Path.of("..", "deploy", "elasticsearch");

    @Test
    void installedTemplatesAreExactlyTheDeployFiles() throws IOException {
        assertThat(fileNames(DEPLOY.resolve("component-templates"))).containsExactlyInAnyOrderElementsOf(IndexTemplates.COMPONENT_TEMPLATES);
        assertThat(fileNames(DEPLOY.resolve("index-templates"))).containsExactlyInAnyOrderElementsOf(IndexTemplates.INDEX_TEMPLATES);
    }

    @Test
    void indexTemplatesComposeOnlyKnownComponents() {
        for (String name : IndexTemplates.INDEX_TEMPLATES) {
            JsonObject template = TemplateFields.parse(IndexTemplates.indexTemplate(name));
            for (JsonValue component : template.getJsonArray("composed_of")) {
                assertThat(IndexTemplates.COMPONENT_TEMPLATES).as("component of %s", name)
                        .contains(((JsonString) component).getString());
            }
        }
    }

    @Test
    void baseComponentMakesMappingsStrict() {
        JsonObject base = TemplateFields.parse(IndexTemplates.componentTemplate("mailflow-base"));

        assertThat(base.getJsonObject("template").getJsonObject("mappings").getString("dynamic")).isEqualTo("strict");
    }

    @Test
    void everyIndexTemplateComposesTheBase() {
        for (String name : IndexTemplates.INDEX_TEMPLATES) {
            JsonObject template = TemplateFields.parse(IndexTemplates.indexTemplate(name));

            assertThat(template.getJsonArray("composed_of").getValuesAs(JsonString::getString))
                    .as("components of %s", name)
                    .contains("mailflow-settings", "mailflow-base");
        }
    }

    @Test
    void dailyTemplatesAttachTheirReadAlias() {
        for (String family : IndexNames.DAILY_FAMILIES) {
            JsonObject template = TemplateFields.parse(IndexTemplates.indexTemplate(family));

            assertThat(template.getJsonArray("index_patterns").getValuesAs(JsonString::getString))
                    .containsExactly(IndexNames.dailyPattern(family));
            assertThat(template.getJsonObject("template").getJsonObject("aliases").keySet()).containsExactly(family);
        }
    }

    @Test
    void indexPatternsDoNotOverlap() {
        Set<String> patterns = new HashSet<>();
        List<String> all = new ArrayList<>();
        for (String name : IndexTemplates.INDEX_TEMPLATES) {
            TemplateFields.parse(IndexTemplates.indexTemplate(name)).getJsonArray("index_patterns")
                    .getValuesAs(JsonString::getString).forEach(all::add);
        }
        for (String pattern : all) {
            assertThat(patterns.add(pattern)).as("pattern %s is unique", pattern).isTrue();
            String prefix = pattern.replace("*", "");
            for (String other : all) {
                if (!other.equals(pattern)) {
                    assertThat(other.startsWith(prefix)).as("%s is matched by %s", other, pattern).isFalse();
                }
            }
        }
    }

    @Test
    void everyKeywordFromLogTextHasIgnoreAbove() {
        // Fields with a fixed vocabulary (status, outcome, kind) may omit ignore_above. Anything an MTA
        // or a remote server writes must not be able to exceed Lucene's term limit.
        Set<String> fixedVocabulary = Set.of("event.kind", "event.category", "event.type", "event.dataset",
                "event.action", "event.outcome", "mailflow.identity_type", "mailflow.status", "mailflow.mta",
                "mailflow.sending_ip_source", "mailflow.alert.type", "mailflow.alert.state", "mailflow.alert.severity");
        for (String name : IndexTemplates.INDEX_TEMPLATES) {
            TemplateFields.of(name).types().forEach((path, type) -> {
                if (type.equals("keyword") && !fixedVocabulary.contains(path)) {
                    assertThat(ignoreAbove(name, path)).as("ignore_above of %s in %s", path, name).isPositive();
                }
            });
        }
    }

    private static int ignoreAbove(String indexTemplate, String path) {
        JsonObject template = TemplateFields.parse(IndexTemplates.indexTemplate(indexTemplate));
        List<JsonObject> sources = new ArrayList<>();
        for (JsonValue component : template.getJsonArray("composed_of")) {
            sources.add(TemplateFields.parse(IndexTemplates.componentTemplate(((JsonString) component).getString())));
        }
        sources.add(template);
        int found = 0;
        for (JsonObject source : sources) {
            JsonObject mappings = source.getJsonObject("template").getJsonObject("mappings");
            JsonObject field = mappings == null ? null : find(mappings, path.split("\\."));
            if (field != null && field.containsKey("ignore_above")) {
                found = field.getInt("ignore_above");
            }
        }
        return found;
    }

    private static JsonObject find(JsonObject mappings, String[] names) {
        JsonObject current = mappings;
        for (String name : names) {
            JsonObject properties = current.getJsonObject("properties");
            if (properties == null || !properties.containsKey(name)) {
                return null;
            }
            current = properties.getJsonObject(name);
        }
        return current;
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .toList();
        }
    }
}
