package io.mailflow.ingest.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A data file of {@code [section]} headers followed by lines, as the generator's resource files use:
 * {@code key = value} lines or plain word lines. Blank lines and lines starting with {@code #} are
 * skipped.
 */
final class ConfFile {

    /** One non-comment line of a section: key and value when it has {@code =}, else key is null. */
    record Line(int number, String key, String value) {
    }

    record Section(String name, int number, List<Line> lines) {

        /** Returns all whitespace-separated words of the section's plain lines. */
        List<String> words() {
            List<String> words = new ArrayList<>();
            for (Line line : lines) {
                if (line.key() == null) {
                    for (String word : line.value().trim().split("\\s+")) {
                        if (!word.isEmpty()) {
                            words.add(word);
                        }
                    }
                }
            }
            return words;
        }
    }

    private final String name;
    private final List<Section> sections;

    private ConfFile(String name, List<Section> sections) {
        this.name = name;
        this.sections = sections;
    }

    String name() {
        return name;
    }

    List<Section> sections() {
        return sections;
    }

    Section section(String sectionName) {
        for (Section section : sections) {
            if (section.name().equals(sectionName)) {
                return section;
            }
        }
        throw new IllegalStateException(name + ": section [" + sectionName + "] is missing");
    }

    String where(Line line) {
        return name + " line " + line.number();
    }

    /**
     * Reads a class-path resource next to this class.
     *
     * @throws IllegalStateException when the resource is missing or a line is outside any section
     */
    static ConfFile loadResource(String resourceName) {
        InputStream in = ConfFile.class.getResourceAsStream(resourceName);
        if (in == null) {
            throw new IllegalStateException("generator data file " + resourceName + " is missing from the class path");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(resourceName, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("reading generator data file " + resourceName + " failed", e);
        }
    }

    static ConfFile parse(String name, BufferedReader reader) throws IOException {
        List<Section> sections = new ArrayList<>();
        List<Line> current = null;
        int number = 0;
        for (String raw = reader.readLine(); raw != null; raw = reader.readLine()) {
            number++;
            String text = raw.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.startsWith("[") && text.endsWith("]")) {
                current = new ArrayList<>();
                sections.add(new Section(text.substring(1, text.length() - 1).strip(), number, current));
                continue;
            }
            if (current == null) {
                throw new IllegalStateException(name + " line " + number + ": '" + text + "' is outside any [section]");
            }
            int equals = text.indexOf('=');
            if (equals > 0 && !text.substring(0, equals).strip().contains(" ")) {
                current.add(new Line(number, text.substring(0, equals).strip(), text.substring(equals + 1).strip()));
            } else {
                current.add(new Line(number, null, text));
            }
        }
        return new ConfFile(name, sections);
    }
}
