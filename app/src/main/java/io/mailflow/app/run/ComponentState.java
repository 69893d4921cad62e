package io.mailflow.app.run;

/** Life-cycle state of a component, as {@code /health} reports it. */
public enum ComponentState {
    CREATED,
    STARTING,
    /** Running but not serving, such as Kafka Streams during a rebalance. */
    REBALANCING,
    RUNNING,
    STOPPING,
    STOPPED,
    FAILED;

    public boolean isHealthy() {
        return this == RUNNING;
    }
}
