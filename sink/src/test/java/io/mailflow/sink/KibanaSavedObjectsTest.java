package io.mailflow.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Checks the Kibana saved objects without Kibana. Every line must be a JSON object, ids unique and
 * references resolved. Every field that a visualization, search or query uses must exist in the
 * index template behind its data view, with a type its operation can aggregate.
 */
class KibanaSavedObjectsTest {

    private static final Path NDJSON = Path.of("..", "deploy", "kibana", "mailflow.ndjson");
    private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z@_][A-Za-z0-9@_.]*)\\s*:");
    private static final Set<String> NUMERIC = Set.of("long", "integer", "double");

    private static List<JsonObject> objects;
    private static Map<String, JsonObject> byId;

    @BeforeAll
    static void readObjects() throws IOException {
        objects = new ArrayList<>();
        for (String line : Files.readAllLines(NDJSON, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonValue value = Json.createReader(new StringReader(line)).readValue();
                assertThat(value.getValueType()).as("line %s", line).isEqualTo(JsonValue.ValueType.OBJECT);
                objects.add(value.asJsonObject());
            }
        }
        byId = new HashMap<>();
        objects.forEach(object -> byId.put(object.getString("id"), object));
    }

    @Test
    void fileHasDataViewsAndADashboard() {
        assertThat(objects).extracting(object -> object.getString("type"))
                .contains("index-pattern", "lens", "search", "dashboard");
    }

    @Test
    void idsAreUnique() {
        Set<String> ids = new HashSet<>();
        for (JsonObject object : objects) {
            assertThat(ids.add(object.getString("id"))).as("id %s is unique", object.getString("id")).isTrue();
        }
    }

    @Test
    void everyObjectDeclaresItsMigrationVersion() {
        for (JsonObject object : objects) {
            assertThat(object.getString("coreMigrationVersion")).as(object.getString("id")).startsWith("8.");
            assertThat(object.containsKey("typeMigrationVersion")).as(object.getString("id")).isTrue();
        }
    }

    @Test
    void referencesResolveToObjectsOfTheNamedType() {
        for (JsonObject object : objects) {
            for (JsonObject reference : object.getJsonArray("references").getValuesAs(JsonObject.class)) {
                JsonObject target = byId.get(reference.getString("id"));
                assertThat(target).as("reference %s of %s", reference, object.getString("id")).isNotNull();
                assertThat(target.getString("type")).as("type of reference %s", reference).isEqualTo(reference.getString("type"));
            }
        }
    }

    @Test
    void dataViewsReadIndicesThatTemplatesDefine() {
        for (JsonObject dataView : ofType("index-pattern")) {
            String title = dataView.getJsonObject("attributes").getString("title");

            assertThat(IndexTemplates.INDEX_TEMPLATES).as("data view %s", title).contains(title);
            assertThat(TemplateFields.of(title).type(dataView.getJsonObject("attributes").getString("timeFieldName")))
                    .isEqualTo("date");
        }
    }

    @Test
    void lensColumnsUseDeclaredFieldsOfFittingTypes() {
        for (JsonObject lens : ofType("lens")) {
            JsonObject state = lens.getJsonObject("attributes").getJsonObject("state");
            JsonObject layers = state.getJsonObject("datasourceStates").getJsonObject("formBased").getJsonObject("layers");
            assertThat(layers).as("layers of %s", lens.getString("id")).isNotEmpty();
            for (Map.Entry<String, JsonValue> layer : layers.entrySet()) {
                TemplateFields fields = fieldsOfReference(lens, "indexpattern-datasource-layer-" + layer.getKey());
                JsonObject columns = layer.getValue().asJsonObject().getJsonObject("columns");
                assertThat(layer.getValue().asJsonObject().getJsonArray("columnOrder").getValuesAs(JsonString::getString))
                        .containsExactlyInAnyOrderElementsOf(columns.keySet());
                for (Map.Entry<String, JsonValue> column : columns.entrySet()) {
                    assertColumnFits(lens.getString("id"), fields, column.getValue().asJsonObject());
                }
                assertQueryFields(lens.getString("id"), fields, state.getJsonObject("query").getString("query"));
            }
        }
    }

    @Test
    void lensVisualizationsPointAtExistingColumns() {
        for (JsonObject lens : ofType("lens")) {
            JsonObject state = lens.getJsonObject("attributes").getJsonObject("state");
            Set<String> columns = new HashSet<>();
            state.getJsonObject("datasourceStates").getJsonObject("formBased").getJsonObject("layers").values()
                    .forEach(layer -> columns.addAll(layer.asJsonObject().getJsonObject("columns").keySet()));
            List<String> used = new ArrayList<>();
            collectAccessors(state.getJsonObject("visualization"), used);

            assertThat(used).as("accessors of %s", lens.getString("id")).isNotEmpty();
            assertThat(columns).as("columns of %s", lens.getString("id")).containsAll(used);
        }
    }

    @Test
    void savedSearchUsesDeclaredFields() {
        for (JsonObject search : ofType("search")) {
            TemplateFields fields = fieldsOfReference(search, "kibanaSavedObjectMeta.searchSourceJSON.index");
            JsonObject attributes = search.getJsonObject("attributes");
            for (String column : attributes.getJsonArray("columns").getValuesAs(JsonString::getString)) {
                assertThat(fields.accepts(column)).as("column %s of %s", column, search.getString("id")).isTrue();
            }
            for (JsonArray sort : attributes.getJsonArray("sort").getValuesAs(JsonArray.class)) {
                assertThat(fields.accepts(sort.getString(0))).as("sort field of %s", search.getString("id")).isTrue();
            }
            JsonObject source = parse(attributes.getJsonObject("kibanaSavedObjectMeta").getString("searchSourceJSON"));
            assertQueryFields(search.getString("id"), fields, source.getJsonObject("query").getString("query"));
        }
    }

    @Test
    void dashboardPanelsReferenceSavedObjects() {
        for (JsonObject dashboard : ofType("dashboard")) {
            JsonArray panels = Json.createReader(new StringReader(
                    dashboard.getJsonObject("attributes").getString("panelsJSON"))).readArray();
            Set<String> referenceNames = new HashSet<>();
            dashboard.getJsonArray("references").getValuesAs(JsonObject.class)
                    .forEach(reference -> referenceNames.add(reference.getString("name")));

            assertThat(panels).isNotEmpty();
            for (JsonObject panel : panels.getValuesAs(JsonObject.class)) {
                String name = panel.getString("panelIndex") + ":" + panel.getString("panelRefName");
                assertThat(referenceNames).as("reference of panel %s", panel.getString("panelIndex")).contains(name);
            }
            parse(dashboard.getJsonObject("attributes").getString("optionsJSON"));
        }
    }

    private static void assertColumnFits(String lens, TemplateFields fields, JsonObject column) {
        String operation = column.getString("operationType");
        String field = column.getString("sourceField", null);
        if (field == null || field.equals("___records___")) {
            assertThat(operation).as("column without field in %s", lens).isEqualTo("count");
            return;
        }
        String type = fields.type(field);
        assertThat(type).as("field %s of %s is declared", field, lens).isNotNull();
        switch (operation) {
            case "terms" -> assertThat(type).as("terms on %s in %s", field, lens).isEqualTo("keyword");
            case "date_histogram" -> assertThat(type).as("histogram on %s in %s", field, lens).isEqualTo("date");
            case "sum", "average", "max", "min", "median" -> assertThat(NUMERIC).as("%s of %s in %s", operation, field, lens).contains(type);
            default -> throw new AssertionError("No check for operation " + operation + " in " + lens);
        }
        if (column.containsKey("filter")) {
            assertQueryFields(lens, fields, column.getJsonObject("filter").getString("query"));
        }
    }

    private static void assertQueryFields(String object, TemplateFields fields, String query) {
        Matcher matcher = KQL_FIELD.matcher(query);
        while (matcher.find()) {
            assertThat(fields.accepts(matcher.group(1))).as("field %s in query of %s", matcher.group(1), object).isTrue();
        }
    }

    private static void collectAccessors(JsonValue value, List<String> accessors) {
        if (value instanceof JsonObject object) {
            object.forEach((key, child) -> {
                if (child instanceof JsonString text && (key.endsWith("Accessor") || key.equals("columnId"))) {
                    accessors.add(text.getString());
                } else if (child instanceof JsonArray array && key.equals("accessors")) {
                    accessors.addAll(array.getValuesAs(JsonString::getString));
                } else {
                    collectAccessors(child, accessors);
                }
            });
        } else if (value instanceof JsonArray array) {
            array.forEach(child -> collectAccessors(child, accessors));
        }
    }

    private static TemplateFields fieldsOfReference(JsonObject object, String referenceName) {
        JsonObject reference = object.getJsonArray("references").getValuesAs(JsonObject.class).stream()
                .filter(candidate -> candidate.getString("name").equals(referenceName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No reference " + referenceName + " in " + object.getString("id")));
        String title = byId.get(reference.getString("id")).getJsonObject("attributes").getString("title");
        return TemplateFields.of(title);
    }

    private static List<JsonObject> ofType(String type) {
        return objects.stream().filter(object -> object.getString("type").equals(type)).toList();
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
