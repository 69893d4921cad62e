package io.mailflow.bench;

/**
 * One measured span: how many lines went through in how many wall seconds, and how many CPU seconds
 * the process spent meanwhile.
 */
record Span(long lines, double wallSeconds, double cpuSeconds) {

    static Span between(long lines, CpuClock start, CpuClock end) {
        return new Span(lines, end.wallSecondsSince(start), end.cpuSecondsSince(start));
    }

    double linesPerSecond() {
        return lines / wallSeconds;
    }

    /** Cores kept busy on average: CPU seconds per wall second. */
    double cores() {
        return cpuSeconds / wallSeconds;
    }

    /** Lines per CPU second: the rate one fully busy core would reach. */
    double linesPerCoreSecond() {
        return lines / cpuSeconds;
    }

    void report(Results results, String name) {
        results.add(name + ".lines", lines, "lines");
        results.add(name + ".wall", wallSeconds, "s");
        results.add(name + ".cpu", cpuSeconds, "s");
        results.add(name + ".rate", linesPerSecond(), "lines/s");
        results.add(name + ".cores", cores(), "cores");
        results.add(name + ".rate_per_core", linesPerCoreSecond(), "lines/s/core");
    }
}
