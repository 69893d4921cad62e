package io.mailflow.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the deployment files in step with the settings registry: every MAILFLOW_ variable they set must be a setting. */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of(System.getProperty("user.dir")).getParent().resolve("deploy");
    private static final Pattern VARIABLE = Pattern.compile("MAILFLOW_[A-Z0-9_]+");

    /** Variables that the launcher and the logging setup read; they are not settings. */
    private static final Set<String> NOT_SETTINGS = Set.of("MAILFLOW_JAVA_OPTS", "MAILFLOW_LOG_LEVEL", "MAILFLOW_KAFKA_LOG_LEVEL");

    @Test
    void everyVariableInDeployFilesIsASetting() throws IOException {
        Set<String> unknown = new TreeSet<>();
        for (Path file : deployFiles()) {
            Matcher matcher = VARIABLE.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (matcher.find()) {
                String name = matcher.group();
                if (!NOT_SETTINGS.contains(name) && MailflowSettings.REGISTRY.findByEnvironmentVariable(name).isEmpty()) {
                    unknown.add(name + " in " + DEPLOY.relativize(file));
                }
            }
        }

        assertThat(unknown).as("MAILFLOW_ variables that match no setting").isEmpty();
    }

    @Test
    void containersListenOnEveryInterface() throws IOException {
        assertThat(Files.readString(DEPLOY.resolve("compose/Dockerfile"))).contains("MAILFLOW_HTTP_ADDRESS=0.0.0.0");
        assertThat(Files.readString(DEPLOY.resolve("k8s/configmap.yaml"))).contains("MAILFLOW_HTTP_ADDRESS: \"0.0.0.0\"");
    }

    private static List<Path> deployFiles() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.toString().matches(".*\\.(ya?ml|service|conf|properties)$") || file.endsWith("Dockerfile"))
                    .toList();
        }
    }
}
