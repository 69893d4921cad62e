package io.mailflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaHistoryTest {

    static Stream<Class<?>> topicRecords() {
        return Stream.of(DeliveryEvent.class, DeliveryStats.class, SenderStats.class, Alert.class,
                HostInventoryEntry.class, ProviderRule.class);
    }

    @ParameterizedTest
    @MethodSource("topicRecords")
    void newestCommittedVersionEqualsGeneratedSchema(Class<?> recordClass) {
        List<Schema> versions = SchemaHistory.versions(recordClass.getSimpleName());
        Schema generated = SpecificData.get().getSchema(recordClass);

        assertThat(versions)
                .as("committed versions of %s; a schema change must add the next vN.avsc", recordClass.getSimpleName())
                .isNotEmpty();
        assertThat(versions.get(versions.size() - 1)).isEqualTo(generated);
    }

    @ParameterizedTest
    @MethodSource("topicRecords")
    void everyVersionReadsRecordsOfThePreviousVersion(Class<?> recordClass) {
        List<Schema> versions = SchemaHistory.versions(recordClass.getSimpleName());

        for (int i = 1; i < versions.size(); i++) {
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(versions.get(i), versions.get(i - 1));
            assertThat(result.getType())
                    .as("%s v%d reading v%d: %s", recordClass.getSimpleName(), i + 1, i, result.getDescription())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest
    @MethodSource("topicRecords")
    void generatedSchemaReadsEveryCommittedVersion(Class<?> recordClass) {
        Schema generated = SpecificData.get().getSchema(recordClass);

        for (Schema writer : SchemaHistory.versions(recordClass.getSimpleName())) {
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(generated, writer);
            assertThat(result.getType()).as(result.getDescription()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }
}
