package io.mailflow.streams.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One rule entry of a rule file, with typed field access. Every error names the file, the rule (its
 * id, or its position when it has none) and the field.
 */
final class RuleNode {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final String file;
    private final String position;
    private final ObjectNode node;
    private String label;

    RuleNode(String file, String position, ObjectNode node) {
        this.file = file;
        this.position = position;
        this.node = node;
        this.label = position;
    }

    String file() {
        return file;
    }

    /** Reads the required {@code id} field (lower-case letters, digits, dots, hyphens, underscores). */
    String id(String field) {
        String id = requiredText(field);
        if (!ID.matcher(id).matches()) {
            throw error(field, "invalid id '" + id + "': use lower-case letters, digits, '.', '-' and '_'");
        }
        label = id;
        return id;
    }

    String label() {
        return label;
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** Fails when the entry has a field outside the allowed set. */
    void rejectUnknownFields(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw error(name, "unknown field; expected one of " + allowed.stream().sorted().toList());
            }
        }
    }

    /** Fails unless every field of the entry is in the allowed set. */
    boolean onlyHas(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            if (!allowed.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    String requiredText(String field) {
        String value = optionalText(field);
        if (value == null) {
            throw error(field, "missing required field");
        }
        return value;
    }

    String optionalText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode() || value.isBoolean()) {
            throw error(field, "expected a text value");
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            throw error(field, "must not be empty");
        }
        return text;
    }

    Integer optionalInt(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw error(field, "expected a whole number, got '" + value.asText() + "'");
        }
        return value.intValue();
    }

    Boolean optionalBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw error(field, "expected true or false, got '" + value.asText() + "'");
        }
        return value.booleanValue();
    }

    /** Reads a field that contains one text or a list of texts; empty when absent. */
    List<String> textList(String field) {
        JsonNode value = node.get(field);
        List<String> texts = new ArrayList<>();
        if (value == null || value.isNull()) {
            return texts;
        }
        if (value.isValueNode() && !value.isBoolean()) {
            texts.add(nonEmpty(field, value.asText()));
            return texts;
        }
        if (!value.isArray()) {
            throw error(field, "expected a text or a list of texts");
        }
        for (JsonNode item : value) {
            if (!item.isValueNode() || item.isNull() || item.isBoolean()) {
                throw error(field, "expected a list of texts, found '" + item + "'");
            }
            texts.add(nonEmpty(field, item.asText()));
        }
        if (texts.isEmpty()) {
            throw error(field, "must not be an empty list");
        }
        return texts;
    }

    RuleFileException error(String field, String problem) {
        return new RuleFileException(file, label, field, problem);
    }

    private String nonEmpty(String field, String text) {
        if (text.isEmpty()) {
            throw error(field, "must not contain an empty text");
        }
        return text;
    }

    @Override
    public String toString() {
        return file + ":" + position;
    }
}
