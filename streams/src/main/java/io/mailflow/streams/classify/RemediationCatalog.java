package io.mailflow.streams.classify;

import io.mailflow.schemas.Remediation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Remediation hints by key: a one-line next step and the provider's public page. Rules name a hint by
 * its key; an operator file replaces a hint with the same key.
 */
final class RemediationCatalog {

    static final Set<String> FIELDS = Set.of("key", "nextStep", "url", "note");

    /** One hint. A fresh Avro record is made per use because Avro records are mutable. */
    record Hint(String key, String nextStep, String url) {

        Remediation toRemediation() {
            return new Remediation(key, nextStep, url);
        }
    }

    private final Map<String, Hint> hints = new LinkedHashMap<>();

    /** Adds the hints of one file; a key already present is replaced; a key twice in the file fails. */
    void addAll(RuleDocument document) {
        Map<String, Hint> fromFile = new LinkedHashMap<>();
        for (RuleNode node : document.entries("remediations")) {
            node.rejectUnknownFields(FIELDS);
            String key = node.id("key");
            if (fromFile.containsKey(key)) {
                throw node.error("key", "duplicate key in this file");
            }
            String url = node.optionalText("url");
            if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
                throw node.error("url", "invalid url '" + url + "': expected an http or https address");
            }
            fromFile.put(key, new Hint(key, node.requiredText("nextStep"), url));
        }
        hints.putAll(fromFile);
    }

    Hint get(String key) {
        return hints.get(key);
    }

    Map<String, Hint> all() {
        return Collections.unmodifiableMap(hints);
    }
}
