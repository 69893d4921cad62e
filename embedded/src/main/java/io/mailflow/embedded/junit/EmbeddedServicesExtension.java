package io.mailflow.embedded.junit;

import io.mailflow.embedded.EmbeddedKafka;
import io.mailflow.embedded.LocalElasticsearch;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link EmbeddedKafka} and {@link LocalElasticsearch} parameters of test constructors, test
 * methods and lifecycle methods such as {@code @BeforeAll}. Each server starts on first request and is
 * then shared by every test class of the test run, because an Elasticsearch start takes several
 * seconds. So each test JVM starts each server at most once, and closes it when the run ends.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedServicesExtension.class)
 * class SinkIntegrationTest {
 *     @Test
 *     void writesAggregates(EmbeddedKafka kafka, LocalElasticsearch elasticsearch) { ... }
 * }
 * }</pre>
 *
 * <p>Because the servers are shared, tests must use their own topic and index names and must not stop,
 * restart or close these instances. A test that needs an outage starts its own server with
 * {@link EmbeddedKafka#start()} or {@link LocalElasticsearch#start()} and closes it itself.
 *
 * <p>The servers are kept in the root {@link ExtensionContext.Store}, which closes {@link AutoCloseable}
 * values at the end of the run (JUnit 5.13 and later). Elasticsearch also stops when the test JVM exits.
 */
public final class EmbeddedServicesExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedServicesExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == EmbeddedKafka.class || type == LocalElasticsearch.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == EmbeddedKafka.class) {
            return shared(extensionContext, EmbeddedKafka.class, EmbeddedKafka::start);
        }
        return shared(extensionContext, LocalElasticsearch.class, LocalElasticsearch::start);
    }

    /** Returns the server of this type for the whole test run, starting it on first use. */
    private static <T extends AutoCloseable> T shared(ExtensionContext context, Class<T> type, Supplier<T> starter) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        return store.getOrComputeIfAbsent(type, key -> starter.get(), type);
    }
}
