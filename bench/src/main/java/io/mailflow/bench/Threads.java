package io.mailflow.bench;

/** Joins the harness's helper threads when it shuts them down. */
final class Threads {

    private static final long JOIN_MILLIS = 10_000;

    private Threads() {
    }

    /** Waits up to 10 s for each thread; an interrupt ends the wait and keeps the interrupt flag. */
    static void join(Thread... threads) {
        for (Thread thread : threads) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
