package io.mailflow.ingest.generate;

/**
 * Baseline failure rates of normal traffic, as probabilities per recipient of a message. These are
 * the everyday failures that must not alert. Greylisting and connection timeouts also depend on the
 * receiving provider (its {@code greylisting} and {@code timeouts} in the provider data) and are
 * scaled here.
 *
 * @param unknownRecipient recipients whose mailbox does not exist (bounced, or deferred where the
 *     provider replies 4xx)
 * @param mailboxFull recipients over quota; some providers bounce, others defer until the mailbox
 *     has room or the message expires
 * @param temporaryFailure recipients whose first attempt meets a transient "try again later"
 * @param greylistingScale factor on each provider's greylisting probability
 * @param timeoutScale factor on each provider's connection timeout probability
 */
public record NoiseMix(
        double unknownRecipient,
        double mailboxFull,
        double temporaryFailure,
        double greylistingScale,
        double timeoutScale) {

    /** Rates of a healthy fleet: about 2.5% unknown recipients and 2 to 3% first-attempt deferrals. */
    public static final NoiseMix DEFAULT = new NoiseMix(0.025, 0.004, 0.008, 1.0, 1.0);

    /** No failures at all, for tests that need a clean baseline. */
    public static final NoiseMix NONE = new NoiseMix(0, 0, 0, 0, 0);

    public NoiseMix {
        checkProbability("unknownRecipient", unknownRecipient);
        checkProbability("mailboxFull", mailboxFull);
        checkProbability("temporaryFailure", temporaryFailure);
        if (unknownRecipient + mailboxFull + temporaryFailure > 1) {
            throw new IllegalArgumentException("noise rates add up to more than 1: "
                    + (unknownRecipient + mailboxFull + temporaryFailure));
        }
        if (greylistingScale < 0 || timeoutScale < 0) {
            throw new IllegalArgumentException("noise scales must not be negative: greylistingScale="
                    + greylistingScale + ", timeoutScale=" + timeoutScale);
        }
    }

    private static void checkProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability from 0 to 1, was " + value);
        }
    }
}
