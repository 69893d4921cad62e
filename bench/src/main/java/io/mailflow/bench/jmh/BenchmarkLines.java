package io.mailflow.bench.jmh;

import java.util.List;

import io.mailflow.bench.BenchTraffic;
import io.mailflow.streams.parse.ParserSettings;

/** The generated lines that the JMH benchmarks share, and the settings they parse them with. */
final class BenchmarkLines {

    /**
     * Lines per benchmark invocation: large enough for realistic correlation state (about 26,000
     * messages in flight over the run), small enough for a 1 GiB heap (about 40 MB of strings).
     */
    static final int COUNT = 200_000;

    private BenchmarkLines() {
    }

    static String[] generate() {
        List<String> lines = BenchTraffic.lines(BenchTraffic.DEFAULT_SEED, COUNT);
        if (lines.size() != COUNT) {
            throw new IllegalStateException("generator wrote " + lines.size() + " lines, expected " + COUNT);
        }
        return lines.toArray(new String[0]);
    }

    /**
     * The parser's defaults, as {@code mailflow parse} and the topology use them: RFC 3164 lines get
     * their year from the clock, which is part of the per-line cost.
     */
    static ParserSettings parserSettings() {
        return ParserSettings.defaults();
    }
}
