package io.mailflow.bench;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints measured figures as {@code RESULT name value unit} lines, one per figure, so that a script
 * can collect them from the output of any subcommand.
 */
final class Results {

    private final PrintWriter out;

    Results(PrintWriter out) {
        this.out = out;
    }

    void add(String name, double value, String unit) {
        out.printf(Locale.ROOT, "RESULT %s %s %s%n", name, format(value), unit);
        out.flush();
    }

    /** Prints a line of context that is not a figure, such as the method of a measurement. */
    void note(String text) {
        out.println("NOTE " + text);
        out.flush();
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
