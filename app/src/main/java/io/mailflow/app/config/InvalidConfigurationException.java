package io.mailflow.app.config;

import java.util.List;

/** Thrown when one or more settings are unknown or invalid; the message lists every problem, one per line. */
public final class InvalidConfigurationException extends RuntimeException {

    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
