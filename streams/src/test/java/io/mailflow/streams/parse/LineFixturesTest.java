package io.mailflow.streams.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Parses every line of the fixture files {@code maillog/line-formats.yaml} (headers and envelopes)
 * and {@code maillog/daemon-lines.yaml} (Postfix daemons, sendmail, Exim) and checks the expected
 * fields of each.
 */
class LineFixturesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TestFactory
    Stream<DynamicTest> lineFormatsParseAsExpected() throws IOException {
        return cases("maillog/line-formats.yaml");
    }

    @TestFactory
    Stream<DynamicTest> daemonLinesParseAsExpected() throws IOException {
        return cases("maillog/daemon-lines.yaml");
    }

    private static Stream<DynamicTest> cases(String resource) throws IOException {
        List<Map<String, Object>> cases;
        try (InputStream in = LineFixturesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("fixture " + resource).isNotNull();
            cases = YAML.readValue(in, new TypeReference<>() { });
        }
        return cases.stream().map(fixture -> DynamicTest.dynamicTest((String) fixture.get("name"), () -> check(fixture)));
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> fixture) {
        ParserSettings.Builder settings = ParserSettings.builder().year(2026);
        if (fixture.containsKey("startYear")) {
            settings.year(null).startYear((Integer) fixture.get("startYear"));
        }
        if (fixture.containsKey("zone")) {
            settings.zone(ZoneId.of((String) fixture.get("zone")));
        }
        ParseResult result = new MaillogParser(settings.build()).parse((String) fixture.get("line"));

        if (fixture.containsKey("ignored")) {
            assertThat(result).isEqualTo(new ParseResult.Ignored((String) fixture.get("ignored")));
            return;
        }
        if (fixture.containsKey("failed")) {
            assertThat(result).isInstanceOf(ParseResult.Failed.class);
            assertThat(((ParseResult.Failed) result).reason().code()).isEqualTo(fixture.get("failed"));
            return;
        }
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        Map<String, Object> actual = fields(((ParseResult.Parsed) result).record());
        List<String> mismatches = new ArrayList<>();
        ((Map<String, Object>) fixture.get("expect")).forEach((name, expected) -> {
            if (!actual.containsKey(name)) {
                mismatches.add(name + ": no such field in " + actual.keySet());
                return;
            }
            Object value = actual.get(name);
            boolean equal = expected == null ? value == null : value != null && String.valueOf(expected).equals(String.valueOf(value));
            if (!equal) {
                mismatches.add(name + ": expected " + expected + ", got " + value);
            }
        });
        assertThat(mismatches).as("fields of " + actual).isEmpty();
    }

    /** The envelope, the body kind and the body's record components, by name. */
    static Map<String, Object> fields(MaillogRecord record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("eventTime", record.eventTime());
        fields.put("timestamp", record.timestamp());
        fields.put("host", record.host());
        fields.put("program", record.program());
        fields.put("pid", record.pid());
        fields.put("syslogInstance", record.syslogInstance());
        fields.put("mta", record.mta());
        fields.put("kind", record.body().kind());
        for (RecordComponent component : record.body().getClass().getRecordComponents()) {
            try {
                fields.put(component.getName(), component.getAccessor().invoke(record.body()));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + component.getName(), e);
            }
        }
        return fields;
    }
}
