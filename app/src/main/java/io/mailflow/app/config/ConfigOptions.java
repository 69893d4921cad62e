package io.mailflow.app.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The configuration options shared by {@code run}, {@code demo} and {@code replay}. */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Java properties file with settings (key=value); MAILFLOW_* variables and --set override it.")
    private Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Sets one setting, overriding the file and the environment; repeatable.")
    private Map<String, String> flags = new LinkedHashMap<>();

    @Option(names = "--print-config",
            description = "Prints the effective settings with their sources (secrets masked) and exits.")
    private boolean printConfig;

    /** Loads the configuration from the file, the process environment and the flags. */
    public Configuration load() {
        return load(System.getenv());
    }

    /** Loads the configuration with the given environment in place of the process environment; tests call this. */
    public Configuration load(Map<String, String> environment) {
        return new ConfigurationLoader(MailflowSettings.REGISTRY).load(file, environment, flags);
    }

    public boolean printConfig() {
        return printConfig;
    }
}
