package io.mailflow.app.demo;

import java.util.Map;

/**
 * Delivery attempts of one sending IP to one provider, counted from the delivery documents.
 *
 * @param topCategories the most frequent reason categories of non-successful attempts, by count
 */
public record IndexedPair(String sendingIp, String provider, long attempts, long sent, long deferred, long bounced,
        long expired, Map<String, Long> topCategories) {

    public double deferralRate() {
        return attempts == 0 ? 0 : (double) deferred / attempts;
    }

    public double bounceRate() {
        return attempts == 0 ? 0 : (double) bounced / attempts;
    }
}
