package io.mailflow.ingest.generate;

/**
 * Receives the lines of a {@link TrafficGenerator} run, one call per maillog line, in event-time
 * order.
 *
 * <p>The generator reuses its line buffer: {@code line} is valid only during the call, so a sink
 * that keeps lines must copy them ({@code line.toString()}). Lines carry no line ending.
 */
@FunctionalInterface
public interface LineSink {

    /**
     * Takes one line.
     *
     * @param line the whole syslog line, timestamp first
     * @param host the syslog host field of the line, suitable as a Kafka record key
     * @throws java.io.UncheckedIOException when the sink cannot write; the run stops with it
     */
    void accept(CharSequence line, String host);
}
