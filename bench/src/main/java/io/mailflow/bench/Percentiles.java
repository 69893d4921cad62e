package io.mailflow.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latency samples in milliseconds and their nearest-rank percentiles. */
final class Percentiles {

    private final List<Double> samples = new ArrayList<>();

    synchronized void add(double millis) {
        samples.add(millis);
    }

    synchronized int count() {
        return samples.size();
    }

    /** Returns the nearest-rank percentile {@code p} (0 to 100), or NaN without samples. */
    synchronized double percentile(double p) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    void report(Results results, String name) {
        results.add(name + ".samples", count(), "samples");
        results.add(name + ".p50", percentile(50), "ms");
        results.add(name + ".p99", percentile(99), "ms");
        results.add(name + ".max", percentile(100), "ms");
    }
}
