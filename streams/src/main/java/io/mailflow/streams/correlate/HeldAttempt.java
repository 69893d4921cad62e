package io.mailflow.streams.correlate;

import io.mailflow.schemas.DeliveryEvent;

/**
 * An attempt held until its queue id's sender is known. The event carries everything but the
 * origin facts (sender, client, SASL, uid, size, message id), which are filled in on release.
 *
 * @param sequence position in the ordered output, or -1 when output is not ordered
 */
public record HeldAttempt(long sequence, DeliveryEvent event) {
}
