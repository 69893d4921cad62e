package io.mailflow.streams.internals.window;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.SenderIdentityType;
import io.mailflow.schemas.SenderStats;

/**
 * Aggregate of the delivery attempts of one sender identity on one host in one tumbling window;
 * mutable state kept in the window store of {@code AggregateSenderStatsProcessor}.
 */
public final class SenderWindow implements WindowAggregate {

    /** Categories of refusals that blame the sender rather than the recipient. */
    public static final Set<String> REJECTION_CATEGORIES =
            Set.of("reputation", "blocklist", "content", "auth", "policy", "rate_limit");

    /** Category of replies saying that the mailbox does not exist. */
    public static final String UNKNOWN_RECIPIENT = "unknown_recipient";

    /** Category of greylisting deferrals. */
    public static final String GREYLISTING = "greylisting";

    /** Provider of deliveries that never leave the host, which are not output. */
    public static final String LOCAL_PROVIDER = "local";

    static final int MAX_RECIPIENT_DOMAINS = 1000;
    static final int MAX_SENDING_IPS = 20;
    static final int MAX_SENDER_ADDRESSES = 10;

    String host;
    SenderIdentityType identityType;
    String identity;
    String tenant;
    long windowStart;
    long windowSizeMs;
    long attempts;
    long sent;
    long deferred;
    long bounced;
    long expired;
    long unknownRecipients;
    long rejections;
    long localAttempts;
    TreeMap<String, Long> categoryCounts = new TreeMap<>();
    LinkedHashSet<String> recipientDomains = new LinkedHashSet<>();
    TreeMap<String, Long> providerCounts = new TreeMap<>();
    LinkedHashSet<String> sendingIps = new LinkedHashSet<>();
    LinkedHashSet<String> senderAddresses = new LinkedHashSet<>();
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;
    ReplySamples replies = new ReplySamples();

    SenderWindow() {
    }

    static SenderWindow empty(SenderIdentity identity, long windowStart, long windowSizeMs) {
        SenderWindow window = new SenderWindow();
        window.host = identity.host();
        window.identityType = identity.type();
        window.identity = identity.identity();
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
        String category = event.getCategory();
        if (category != null) {
            categoryCounts.merge(category, 1L, Long::sum);
            if (UNKNOWN_RECIPIENT.equals(category)) {
                unknownRecipients++;
            } else if (REJECTION_CATEGORIES.contains(category)) {
                rejections++;
            }
        }
        String provider = event.getProvider();
        if (provider != null) {
            providerCounts.merge(provider, 1L, Long::sum);
            if (LOCAL_PROVIDER.equals(provider)) {
                localAttempts++;
            }
        }
        addCapped(recipientDomains, event.getRecipientDomain(), MAX_RECIPIENT_DOMAINS);
        addCapped(sendingIps, event.getSendingIp(), MAX_SENDING_IPS);
        addCapped(senderAddresses, event.getSender(), MAX_SENDER_ADDRESSES);
        if (event.getTenant() != null) {
            tenant = event.getTenant();
        }
        firstSeen = Math.min(firstSeen, event.getEventTime());
        lastSeen = Math.max(lastSeen, event.getEventTime());
        replies.add(event);
    }

    private static void addCapped(Set<String> values, String value, int cap) {
        if (value != null && values.size() < cap) {
            values.add(value);
        }
    }

    public String host() {
        return host;
    }

    public SenderIdentityType identityType() {
        return identityType;
    }

    public String identity() {
        return identity;
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

    @Override
    public long lastSeen() {
        return lastSeen;
    }

    public long firstSeen() {
        return firstSeen;
    }

    public long attempts() {
        return attempts;
    }

    /** Attempts that left the host: all attempts except local deliveries. */
    public long outboundAttempts() {
        return attempts - localAttempts;
    }

    /**
     * Outbound attempts without greylisting deferrals: the volume that spam detection compares with
     * the baseline, since a receiver's greylisting multiplies retries without any new message.
     */
    public long outputVolume() {
        return outboundAttempts() - categoryCounts.getOrDefault(GREYLISTING, 0L);
    }

    public long unknownRecipients() {
        return unknownRecipients;
    }

    public long rejections() {
        return rejections;
    }

    /** Counts per reply category; read-only view. */
    public Map<String, Long> categoryCounts() {
        return Collections.unmodifiableMap(categoryCounts);
    }

    public ReplySamples replies() {
        return replies;
    }

    /** Sending IPs used in the window, in the order first seen. */
    public List<String> sendingIps() {
        return List.copyOf(sendingIps);
    }

    /** The aggregate as written to the stats topic. */
    public SenderStats toSenderStats() {
        return SenderStats.newBuilder()
                .setHost(host)
                .setIdentityType(identityType)
                .setIdentity(identity)
                .setTenant(tenant)
                .setWindowStart(windowStart)
                .setWindowEnd(windowEnd())
                .setWindowSizeMs(windowSizeMs)
                .setAttempts(attempts)
                .setSent(sent)
                .setDeferred(deferred)
                .setBounced(bounced)
                .setExpired(expired)
                .setUnknownRecipients(unknownRecipients)
                .setRejections(rejections)
                .setCategoryCounts(new TreeMap<>(categoryCounts))
                .setDistinctRecipientDomains(recipientDomains.size())
                .setProviderCounts(new TreeMap<>(providerCounts))
                .setSendingIps(new ArrayList<>(sendingIps))
                .setSenderAddresses(new ArrayList<>(senderAddresses))
                .setFirstSeen(firstSeen)
                .setLastSeen(lastSeen)
                .build();
    }
}
