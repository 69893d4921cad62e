package io.mailflow.ingest.stdin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Reads {@code _HOSTNAME} from a {@code journalctl -o json} line without building a tree. */
public final class JournaldHostField {

    private static final JsonFactory JSON = new JsonFactory();

    private JournaldHostField() {
    }

    /** Returns the top-level {@code _HOSTNAME} string of a JSON object line, or null for any other line. */
    public static String extract(String line) {
        if (line.isEmpty() || line.charAt(0) != '{') {
            return null;
        }
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("_HOSTNAME".equals(name) && value == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
