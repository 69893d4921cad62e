package io.mailflow.streams.internals.detect;

/**
 * What is normal for one sending IP and provider: EWMAs over closed detection windows; mutable
 * state kept in {@link DetectDeliveryIncidentProcessor#BASELINE_STORE}.
 *
 * <p>A measure is not moved by a window in which an alert of its kind is open or opening, so an
 * incident does not become the new normal while it lasts.
 */
public final class DeliveryBaseline {

    long windows;
    long lastWindowStart = Long.MIN_VALUE;
    double volume;
    double deferralRate;
    double acceptance;
    double reputationShare;
    double blocklistShare;

    DeliveryBaseline() {
    }

    static DeliveryBaseline initial(DetectionSettings settings) {
        DeliveryBaseline baseline = new DeliveryBaseline();
        baseline.deferralRate = settings.deferralPriorRate();
        baseline.acceptance = settings.reputationPriorAcceptance();
        return baseline;
    }

    /** Closed windows that moved the rate measures. */
    public long windows() {
        return windows;
    }

    /** EWMA of attempts per window. */
    public double volume() {
        return volume;
    }

    /** EWMA of the deferral rate without recipient noise. */
    public double deferralRate() {
        return deferralRate;
    }

    /** EWMA of the share of attempts accepted, without recipient noise. */
    public double acceptance() {
        return acceptance;
    }

    /** EWMA of the share of reputation and block-list refusals. */
    public double reputationShare() {
        return reputationShare;
    }

    /** EWMA of the share of block-list refusals. */
    public double blocklistShare() {
        return blocklistShare;
    }
}
