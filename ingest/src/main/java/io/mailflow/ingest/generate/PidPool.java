package io.mailflow.ingest.generate;

import java.util.SplittableRandom;

/**
 * Process ids of one Postfix daemon type on one host. Postfix keeps a few processes of each type
 * and replaces one after {@code max_use} requests or {@code max_idle} seconds, so the same pids
 * recur for a while and new, higher ones appear over time.
 */
final class PidPool {

    private static final int PID_MAX = 4_194_304;

    private final int[] pids;
    private final int replaceEvery;
    private int nextPid;
    private int uses;

    PidPool(int size, int replaceEvery, int firstPid, SplittableRandom random) {
        this.pids = new int[size];
        this.replaceEvery = replaceEvery;
        this.nextPid = firstPid;
        for (int i = 0; i < size; i++) {
            pids[i] = allocate(random);
        }
    }

    int next(SplittableRandom random) {
        int slot = random.nextInt(pids.length);
        if (++uses % replaceEvery == 0) {
            pids[slot] = allocate(random);
        }
        return pids[slot];
    }

    private int allocate(SplittableRandom random) {
        nextPid += 1 + random.nextInt(40);
        if (nextPid >= PID_MAX) {
            nextPid = 300 + random.nextInt(1000);
        }
        return nextPid;
    }
}
