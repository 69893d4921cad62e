package io.mailflow.app.demo;

import io.mailflow.app.config.SettingTypes;
import java.time.Duration;
import picocli.CommandLine.ParameterException;

/** Parses duration options of the demo and replay commands the way settings are parsed. */
final class CommandDurations {

    private CommandDurations() {
    }

    static Duration parse(String option, String text) {
        try {
            return SettingTypes.duration(Duration.ofSeconds(1), Duration.ofDays(7)).parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value for " + option + ": " + e.getMessage()
                    + "; expected a duration with a unit (ms, s, m, h, d), such as 2h");
        }
    }
}
