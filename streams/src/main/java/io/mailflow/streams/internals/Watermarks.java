package io.mailflow.streams.internals;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end-of-input marker a shipper may write into a raw partition: {@code #mailflow-watermark
 * <epoch-ms>}. It promises that no later line of that partition is older than the given time.
 *
 * <p>Inside the topology a watermark travels as a record with a null value whose timestamp is the
 * watermark time. Every processor passes such records on without counting them, repartition steps
 * copy them to every partition ({@link WatermarkPartitioner}), and the window processors close the
 * windows that the new stream time allows.
 */
public final class Watermarks {

    /** Text a watermark line starts with. */
    public static final String PREFIX = "#mailflow-watermark";

    private static final Pattern LINE = Pattern.compile("#mailflow-watermark\\s+(\\d{1,18})\\s*");

    private Watermarks() {
    }

    /** Returns the time of a watermark line, or empty when the line is not one. */
    public static OptionalLong parse(String line) {
        if (line == null || !line.startsWith(PREFIX)) {
            return OptionalLong.empty();
        }
        Matcher matcher = LINE.matcher(line);
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    /** Formats a watermark line for a shipper or a test. */
    public static String line(long epochMillis) {
        return PREFIX + " " + epochMillis;
    }
}
