package io.mailflow.streams.internals.detect;

/** Exponentially weighted moving average step. */
final class Ewma {

    private Ewma() {
    }

    /** Moves {@code current} towards {@code observation} by the weight {@code alpha}. */
    static double next(double current, double observation, double alpha) {
        return current + alpha * (observation - current);
    }
}
