package io.mailflow.sink;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The fields an index template declares once its component templates are composed the way
 * Elasticsearch composes them: components in {@code composed_of} order, then the template itself.
 */
public final class TemplateFields {

    private final Map<String, String> types = new TreeMap<>();
    private final List<String> freeFormObjects = new ArrayList<>();

    private TemplateFields() {
    }

    /** Reads the composed fields of one index template from the jar's resources. */
    public static TemplateFields of(String indexTemplate) {
        JsonObject template = parse(IndexTemplates.indexTemplate(indexTemplate));
        TemplateFields fields = new TemplateFields();
        for (JsonValue component : template.getJsonArray("composed_of")) {
            String name = ((JsonString) component).getString();
            fields.addMappings(parse(IndexTemplates.componentTemplate(name)).getJsonObject("template"));
        }
        fields.addMappings(template.getJsonObject("template"));
        return fields;
    }

    public static JsonObject parse(byte[] json) {
        return Json.createReader(new ByteArrayInputStream(json)).readObject();
    }

    /** Field paths with their types; multi-fields appear as {@code field.sub}. */
    public Map<String, String> types() {
        return types;
    }

    /** Returns whether a path is declared or lies inside an object mapped with {@code dynamic: false}. */
    public boolean accepts(String path) {
        return types.containsKey(path) || freeFormObjects.stream().anyMatch(prefix -> path.startsWith(prefix + "."));
    }

    /** Returns the declared type of a path, or null when it is not declared. */
    public String type(String path) {
        return types.get(path);
    }

    private void addMappings(JsonObject template) {
        if (template == null || !template.containsKey("mappings")) {
            return;
        }
        addProperties("", template.getJsonObject("mappings").getJsonObject("properties"));
    }

    private void addProperties(String prefix, JsonObject properties) {
        if (properties == null) {
            return;
        }
        for (Map.Entry<String, JsonValue> entry : properties.entrySet()) {
            String path = prefix + entry.getKey();
            JsonObject field = entry.getValue().asJsonObject();
            if (field.containsKey("properties")) {
                if (field.containsKey("dynamic") && field.get("dynamic").equals(JsonValue.FALSE)) {
                    freeFormObjects.add(path);
                }
                addProperties(path + ".", field.getJsonObject("properties"));
                continue;
            }
            types.put(path, field.getString("type"));
            JsonObject subFields = field.getJsonObject("fields");
            if (subFields != null) {
                subFields.forEach((name, sub) -> types.put(path + "." + name, sub.asJsonObject().getString("type")));
            }
        }
    }
}
