package io.mailflow.sink.mapping;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a document source as nested maps from dotted field paths, so {@code put("source.ip", ip)}
 * gives {@code {"source": {"ip": ip}}}. Null values, empty lists and empty maps are left out, because a
 * missing field and a null field mean the same to Elasticsearch and a missing one keeps the source
 * small. Not thread-safe; build one document per instance.
 */
final class DocumentBuilder {

    private final Map<String, Object> root = new LinkedHashMap<>();

    /** Sets one field unless the value is null, an empty list or an empty map. */
    DocumentBuilder put(String path, Object value) {
        if (value == null
                || (value instanceof Collection<?> collection && collection.isEmpty())
                || (value instanceof Map<?, ?> map && map.isEmpty())) {
            return this;
        }
        String[] names = path.split("\\.");
        Map<String, Object> parent = root;
        for (int i = 0; i < names.length - 1; i++) {
            parent = childObject(parent, names[i], path);
        }
        parent.put(names[names.length - 1], value);
        return this;
    }

    /** Sets one field to a list of objects, each built by its own builder; empty lists are left out. */
    DocumentBuilder putObjects(String path, List<DocumentBuilder> objects) {
        if (objects.isEmpty()) {
            return this;
        }
        return put(path, objects.stream().map(DocumentBuilder::build).toList());
    }

    /** Returns the source built so far; later calls to put change it. */
    Map<String, Object> build() {
        return root;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> childObject(Map<String, Object> parent, String name, String path) {
        Object existing = parent.get(name);
        if (existing == null) {
            Map<String, Object> child = new LinkedHashMap<>();
            parent.put(name, child);
            return child;
        }
        if (existing instanceof Map<?, ?> child) {
            return (Map<String, Object>) child;
        }
        throw new IllegalStateException("Field " + name + " of path " + path + " already contains a value, not an object");
    }
}
