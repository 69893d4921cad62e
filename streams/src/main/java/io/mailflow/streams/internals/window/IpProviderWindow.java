package io.mailflow.streams.internals.window;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStats;
import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.schemas.SampleReply;

/**
 * Aggregate of the delivery attempts of one sending IP to one provider in one tumbling window;
 * mutable state kept in the window store of {@code AggregateDeliveryStatsProcessor}.
 */
public final class IpProviderWindow implements WindowAggregate {

    /** Hosts listed per window, as in {@link DeliveryStats#getHosts()}. */
    static final int MAX_HOSTS = 20;

    /** Sample replies written per aggregate. */
    static final int MAX_SAMPLE_REPLIES = 5;

    String sendingIp;
    String provider;
    String tenant;
    long windowStart;
    long windowSizeMs;
    long attempts;
    long sent;
    long deferred;
    long bounced;
    long expired;
    TreeMap<String, CategoryTally> categories = new TreeMap<>();
    LinkedHashSet<String> hosts = new LinkedHashSet<>();
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;
    ReplySamples replies = new ReplySamples();

    IpProviderWindow() {
    }

    static IpProviderWindow empty(String sendingIp, String provider, long windowStart, long windowSizeMs) {
        IpProviderWindow window = new IpProviderWindow();
        window.sendingIp = sendingIp;
        window.provider = provider;
        window.windowStart = windowStart;
        window.windowSizeMs = windowSizeMs;
        return window;
    }

    void add(DeliveryEvent event) {
        attempts++;
        switch (event.getStatus()) {
            case SENT -> sent++;
            case DEFERRED -> deferred++;
            case BOUNCED -> bounced++;
            case EXPIRED -> expired++;
        }
        long eventTime = event.getEventTime();
        String category = event.getCategory();
        if (category != null) {
            categories.computeIfAbsent(category, name -> new CategoryTally())
                    .add(event.getStatus() == DeliveryStatus.DEFERRED, eventTime);
        }
        if (event.getHost() != null && hosts.size() < MAX_HOSTS) {
            hosts.add(event.getHost());
        }
        if (event.getTenant() != null) {
            tenant = event.getTenant();
        }
        firstSeen = Math.min(firstSeen, eventTime);
        lastSeen = Math.max(lastSeen, eventTime);
        replies.add(event);
    }

    public String sendingIp() {
        return sendingIp;
    }

    public String provider() {
        return provider;
    }

    public String tenant() {
        return tenant;
    }

    @Override
    public long windowStart() {
        return windowStart;
    }

    @Override
    public long windowSizeMs() {
        return windowSizeMs;
    }

    public long windowEnd() {
        return windowStart + windowSizeMs;
    }

    public long attempts() {
        return attempts;
    }

    public long sent() {
        return sent;
    }

    public long deferred() {
        return deferred;
    }

    public long bounced() {
        return bounced;
    }

    @Override
    public long lastSeen() {
        return lastSeen;
    }

    public long firstSeen() {
        return firstSeen;
    }

    /** Tallies per reply category; read-only view. */
    public Map<String, CategoryTally> categories() {
        return Collections.unmodifiableMap(categories);
    }

    /** Attempts of any status whose category is one of {@code names}. */
    public long attemptsIn(Collection<String> names) {
        long total = 0;
        for (String name : names) {
            CategoryTally tally = categories.get(name);
            total += tally == null ? 0 : tally.attempts;
        }
        return total;
    }

    /** Deferred attempts whose category is one of {@code names}. */
    public long deferredIn(Collection<String> names) {
        long total = 0;
        for (String name : names) {
            CategoryTally tally = categories.get(name);
            total += tally == null ? 0 : tally.deferred;
        }
        return total;
    }

    public ReplySamples replies() {
        return replies;
    }

    /** The aggregate as written to the stats topic. */
    public DeliveryStats toDeliveryStats() {
        Map<String, Long> categoryCounts = new TreeMap<>();
        categories.forEach((name, tally) -> categoryCounts.put(name, tally.attempts));
        List<SampleReply> samples = new ArrayList<>();
        replies.top(MAX_SAMPLE_REPLIES, sample -> true).forEach(sample -> samples.add(sample.toSampleReply()));
        return DeliveryStats.newBuilder()
                .setSendingIp(sendingIp)
                .setProvider(provider)
                .setTenant(tenant)
                .setWindowStart(windowStart)
                .setWindowEnd(windowEnd())
                .setWindowSizeMs(windowSizeMs)
                .setAttempts(attempts)
                .setSent(sent)
                .setDeferred(deferred)
                .setBounced(bounced)
                .setExpired(expired)
                .setCategoryCounts(categoryCounts)
                .setDeferralRate(ratio(deferred, attempts))
                .setBounceRate(ratio(bounced, attempts))
                .setHosts(new ArrayList<>(hosts))
                .setFirstSeen(firstSeen)
                .setLastSeen(lastSeen)
                .setSampleReplies(samples)
                .build();
    }

    static double ratio(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
