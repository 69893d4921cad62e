package io.mailflow.ingest.generate;

import java.util.SplittableRandom;

/** Picks an index from cumulative weights. */
final class WeightedChoice {

    private WeightedChoice() {
    }

    /** Returns an index with probability proportional to its weight; {@code cumulative} is ascending. */
    static int pick(double[] cumulative, SplittableRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] > target) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }
}
