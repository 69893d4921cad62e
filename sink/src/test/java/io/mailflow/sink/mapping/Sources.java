package io.mailflow.sink.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads document sources by dotted path in tests. */
final class Sources {

    private Sources() {
    }

    /** Returns the value at a dotted path, or null when any part is missing. */
    static Object field(Map<String, Object> source, String path) {
        Object current = source;
        for (String name : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(name);
        }
        return current;
    }

    /** Returns every leaf path of a source with its value; objects inside lists give paths without an index. */
    static Map<String, Object> leaves(Map<String, Object> source) {
        Map<String, Object> leaves = new TreeMap<>();
        collect("", source, leaves);
        return leaves;
    }

    @SuppressWarnings("unchecked")
    private static void collect(String prefix, Object value, Map<String, Object> leaves) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, child) -> collect(prefix.isEmpty() ? name.toString() : prefix + "." + name, child, leaves));
        } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
            for (Object element : list) {
                collect(prefix, element, leaves);
            }
        } else {
            leaves.put(prefix, value);
        }
    }

    static List<String> paths(Map<String, Object> source) {
        return new ArrayList<>(leaves(source).keySet());
    }
}
