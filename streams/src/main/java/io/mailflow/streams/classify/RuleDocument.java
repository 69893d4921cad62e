package io.mailflow.streams.classify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One parsed rule file: a YAML mapping whose top-level keys name sections of rules. Readers of the
 * classifier and the provider resolver share the file format, so one operator file may hold both.
 */
final class RuleDocument {

    /** Top-level keys any rule file may carry; each loader reads its own and skips the others. */
    static final Set<String> SECTIONS = Set.of("version", "rules", "sendingIpRules", "remediations", "providers", "local");

    private static final String RESOURCE_ROOT = "io/mailflow/rules/";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final String name;
    private final ObjectNode root;

    private RuleDocument(String name, ObjectNode root) {
        this.name = name;
        this.root = root;
    }

    /** Reads a shipped rule file from {@code io/mailflow/rules/} on the class path. */
    static RuleDocument resource(String fileName) {
        String path = RESOURCE_ROOT + fileName;
        try (InputStream in = RuleDocument.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new RuleFileException(path, null, null, "shipped rule file not found on the class path");
            }
            return parse(path, YAML.readTree(in));
        } catch (JsonProcessingException e) {
            throw new RuleFileException(path, "invalid YAML" + location(e) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RuleFileException(path, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads an operator rule file. */
    static RuleDocument file(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new RuleFileException(name, null, null, "rule file not found or not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(name, YAML.readTree(in));
        } catch (JsonProcessingException e) {
            throw new RuleFileException(name, "invalid YAML" + location(e) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RuleFileException(name, "cannot read: " + e.getMessage(), e);
        }
    }

    private static String location(JsonProcessingException e) {
        if (e.getLocation() == null) {
            return "";
        }
        return " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static RuleDocument parse(String name, JsonNode tree) {
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return new RuleDocument(name, YAML.createObjectNode());
        }
        if (!tree.isObject()) {
            throw new RuleFileException(name, null, null, "expected a mapping with keys such as rules, remediations or providers");
        }
        Iterator<String> keys = tree.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!SECTIONS.contains(key)) {
                throw new RuleFileException(name, null, key, "unknown top-level key; expected one of " + SECTIONS);
            }
        }
        return new RuleDocument(name, (ObjectNode) tree);
    }

    String name() {
        return name;
    }

    /** Returns the entries of a section that is a list of mappings; empty when the section is absent. */
    List<RuleNode> entries(String section) {
        JsonNode list = root.get(section);
        List<RuleNode> entries = new ArrayList<>();
        if (list == null || list.isNull()) {
            return entries;
        }
        if (!list.isArray()) {
            throw new RuleFileException(name, null, section, "expected a list of rules");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String position = section + "[" + i + "]";
            if (!entry.isObject()) {
                throw new RuleFileException(name, position, null, "expected a mapping");
            }
            entries.add(new RuleNode(name, position, (ObjectNode) entry));
        }
        return entries;
    }

    /** Returns a section that is a single mapping, or null when absent. */
    RuleNode mapping(String section) {
        JsonNode node = root.get(section);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new RuleFileException(name, null, section, "expected a mapping");
        }
        return new RuleNode(name, section, (ObjectNode) node);
    }
}
