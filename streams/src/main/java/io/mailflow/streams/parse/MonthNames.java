package io.mailflow.streams.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Month numbers of abbreviated month names in the languages that journalctl and syslog daemons print,
 * read from the resource table {@code month-names.properties}. English names take a fast path.
 */
final class MonthNames {

    private static final String RESOURCE = "month-names.properties";
    private static final Map<String, Integer> LOCALIZED = load();

    private MonthNames() {
    }

    /** Returns the month (1-12) named by {@code line[start, end)}, or 0 when it names none. */
    static int month(String line, int start, int end) {
        int length = end - start;
        if (length == 3) {
            int english = english(line.charAt(start), line.charAt(start + 1), line.charAt(start + 2));
            if (english != 0) {
                return english;
            }
        }
        if (length < 3 || length > 6) {
            return 0;
        }
        int stop = line.charAt(end - 1) == '.' ? end - 1 : end;
        Integer month = LOCALIZED.get(line.substring(start, stop).toLowerCase(Locale.ROOT));
        return month == null ? 0 : month;
    }

    private static int english(char a, char b, char c) {
        switch (a) {
            case 'J':
                if (b == 'a' && c == 'n') {
                    return 1;
                }
                if (b == 'u' && c == 'n') {
                    return 6;
                }
                return b == 'u' && c == 'l' ? 7 : 0;
            case 'F':
                return b == 'e' && c == 'b' ? 2 : 0;
            case 'M':
                if (b == 'a' && c == 'r') {
                    return 3;
                }
                return b == 'a' && c == 'y' ? 5 : 0;
            case 'A':
                if (b == 'p' && c == 'r') {
                    return 4;
                }
                return b == 'u' && c == 'g' ? 8 : 0;
            case 'S':
                return b == 'e' && c == 'p' ? 9 : 0;
            case 'O':
                return b == 'c' && c == 't' ? 10 : 0;
            case 'N':
                return b == 'o' && c == 'v' ? 11 : 0;
            case 'D':
                return b == 'e' && c == 'c' ? 12 : 0;
            default:
                return 0;
        }
    }

    private static Map<String, Integer> load() {
        Properties properties = new Properties();
        try (InputStream in = MonthNames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Month name table " + RESOURCE + " is missing from the classpath");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read month name table " + RESOURCE, e);
        }

        Map<String, Integer> months = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            String value = properties.getProperty(name).trim();
            int month = Integer.parseInt(value);
            if (month < 1 || month > 12) {
                throw new IllegalStateException("Month name " + name + " in " + RESOURCE + " maps to invalid month " + value);
            }
            months.put(name.toLowerCase(Locale.ROOT), month);
        }
        return Map.copyOf(months);
    }
}
