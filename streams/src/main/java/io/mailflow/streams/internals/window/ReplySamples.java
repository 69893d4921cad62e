package io.mailflow.streams.internals.window;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.schemas.Remediation;

/**
 * The distinct non-successful replies of a window, with counts; mutable state.
 *
 * <p>At most {@link #CAPACITY} distinct replies are tracked. When that many are known, a reply of a
 * new kind is not kept, so the counts of the first kinds stay exact and the most frequent ones are
 * almost always among them.
 */
public final class ReplySamples {

    /** Distinct replies tracked per window. */
    static final int CAPACITY = 20;

    private static final Comparator<ReplySample> MOST_FREQUENT_FIRST = Comparator
            .comparingLong(ReplySample::count).reversed()
            .thenComparingLong(ReplySample::eventTime);

    List<ReplySample> samples = new ArrayList<>();

    /** Counts the reply of a non-successful attempt; successful attempts and missing texts are skipped. */
    void add(DeliveryEvent event) {
        if (event.getStatus() == DeliveryStatus.SENT || event.getReplyText() == null) {
            return;
        }
        for (ReplySample sample : samples) {
            if (sample.sameReply(event.getCategory(), event.getReplyCode(), event.getEnhancedStatusCode())) {
                sample.count++;
                return;
            }
        }
        if (samples.size() < CAPACITY) {
            samples.add(ReplySample.first(event.getCategory(), event.getReplyCode(), event.getEnhancedStatusCode(),
                    event.getReplyText(), event.getRecipientDomain(), event.getEventTime(), event.getRemediation()));
        }
    }

    /** The most frequent replies that pass the filter, at most {@code limit}, most frequent first. */
    public List<ReplySample> top(int limit, Predicate<ReplySample> filter) {
        return samples.stream()
                .filter(filter)
                .sorted(MOST_FREQUENT_FIRST)
                .limit(limit)
                .toList();
    }

    /** The remediation of the most frequent reply that passes the filter and has one, or null. */
    public Remediation remediation(Predicate<ReplySample> filter) {
        return samples.stream()
                .filter(filter)
                .filter(sample -> sample.remediationKey != null)
                .sorted(MOST_FREQUENT_FIRST)
                .map(ReplySample::remediation)
                .findFirst()
                .orElse(null);
    }
}
