package io.mailflow.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The index templates of the sink, JSON files in {@code deploy/elasticsearch/} that the build copies
 * into the jar. Component templates carry the shared settings and fields; each index template
 * composes them for one index family and attaches its read alias.
 */
public final class IndexTemplates {

    /** Component templates, in the order they must be installed (before the index templates). */
    public static final List<String> COMPONENT_TEMPLATES = List.of(
            "mailflow-settings",
            "mailflow-base",
            "mailflow-sample-replies",
            "mailflow-window-counts",
            "mailflow-alert-fields");

    /** Index templates, each named like the family or index it applies to. */
    public static final List<String> INDEX_TEMPLATES = List.of(
            "mailflow-deliveries",
            "mailflow-stats-ip-provider",
            "mailflow-stats-sender",
            "mailflow-alerts",
            "mailflow-alert-events");

    static final String RESOURCE_ROOT = "/io/mailflow/sink/elasticsearch/";

    private IndexTemplates() {
    }

    /** Returns the body of {@code PUT _component_template/<name>}. */
    public static byte[] componentTemplate(String name) {
        return read("component-templates/" + name + ".json");
    }

    /** Returns the body of {@code PUT _index_template/<name>}. */
    public static byte[] indexTemplate(String name) {
        return read("index-templates/" + name + ".json");
    }

    private static byte[] read(String relativePath) {
        String resource = RESOURCE_ROOT + relativePath;
        try (InputStream in = IndexTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Template resource " + resource + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read template resource " + resource, e);
        }
    }
}
