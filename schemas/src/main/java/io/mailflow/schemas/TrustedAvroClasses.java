package io.mailflow.schemas;

import java.util.List;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Registers mailflow's generated Avro classes as trusted.
 *
 * <p>Avro 1.12.2 refuses to instantiate a specific record or enum class during decoding unless a
 * {@link ClassSecurityValidator} trusts it. This is the one place that lists them; every serde goes
 * through {@link #register()}, which is idempotent and thread-safe.
 */
public final class TrustedAvroClasses {

    /** Every record and enum class generated from {@code schemas/src/main/avro}. */
    public static final List<Class<?>> GENERATED = List.of(
            DeliveryEvent.class,
            DeliveryStatus.class,
            DeliveryStats.class,
            SenderStats.class,
            SenderIdentityType.class,
            Alert.class,
            AlertType.class,
            AlertEvent.class,
            AlertSeverity.class,
            HostInventoryEntry.class,
            ProviderRule.class,
            Remediation.class,
            SampleReply.class,
            SourceCoordinates.class);

    private static boolean registered;

    private TrustedAvroClasses() {
    }

    /** Adds the generated classes to Avro's global validator, keeping whatever it trusted before. */
    public static synchronized void register() {
        if (registered) {
            return;
        }
        ClassSecurityValidator.Builder builder = ClassSecurityValidator.builder();
        GENERATED.forEach(builder::add);
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), builder.build()));
        registered = true;
    }
}
