package io.mailflow.bench;

import java.lang.management.ManagementFactory;

/**
 * Wall time and CPU time of this process, read together, so that a measurement can report how many
 * cores it kept busy: CPU seconds divided by wall seconds.
 */
record CpuClock(long wallNanos, long cpuNanos) {

    static CpuClock now() {
        return new CpuClock(System.nanoTime(), processCpuNanos());
    }

    /** Wall seconds since {@code start}. */
    double wallSecondsSince(CpuClock start) {
        return (wallNanos - start.wallNanos) / 1e9;
    }

    /** CPU seconds of all threads of this process since {@code start}, JIT and GC included. */
    double cpuSecondsSince(CpuClock start) {
        return (cpuNanos - start.cpuNanos) / 1e9;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report process CPU time");
    }
}
