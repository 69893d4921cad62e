package io.mailflow.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;

/**
 * Every committed version of a record's schema, oldest first.
 *
 * <p>Versions live in {@code io/mailflow/schemas/history/NAME/vN.avsc} on the classpath, numbered
 * from 1 without gaps. The newest one must equal the schema the class was generated from, so that a
 * schema change always commits its new version; {@code SchemaHistoryTest} enforces that and the
 * backward compatibility of each step.
 */
public final class SchemaHistory {

    private static final String ROOT = "/io/mailflow/schemas/history/";

    private SchemaHistory() {
    }

    /** Loads the versions of the record with this simple name, such as {@code DeliveryEvent}. */
    public static List<Schema> versions(String recordName) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String path = ROOT + recordName + "/v" + version + ".avsc";
            try (InputStream in = SchemaHistory.class.getResourceAsStream(path)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to read schema version " + path, e);
            }
        }
    }
}
