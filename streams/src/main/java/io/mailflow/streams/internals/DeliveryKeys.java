package io.mailflow.streams.internals;

import io.mailflow.schemas.DeliveryEvent;

/** Keys that group delivery events by sending IP and provider. */
public final class DeliveryKeys {

    /** Stands in for a missing sending IP or provider, such as on an expiry without an earlier deferral. */
    public static final String UNKNOWN = "unknown";

    private DeliveryKeys() {
    }

    /** The sending IP of an event, or {@link #UNKNOWN}. */
    public static String sendingIp(DeliveryEvent event) {
        return event.getSendingIp() == null ? UNKNOWN : event.getSendingIp();
    }

    /** The provider of an event, or {@link #UNKNOWN}. */
    public static String provider(DeliveryEvent event) {
        return event.getProvider() == null ? UNKNOWN : event.getProvider();
    }

    /** Key {@code sendingIp|provider} of an event, as on the deliveries topic. */
    public static String ipProvider(DeliveryEvent event) {
        return ipProvider(sendingIp(event), provider(event));
    }

    /** Key {@code sendingIp|provider}. */
    public static String ipProvider(String sendingIp, String provider) {
        return sendingIp + "|" + provider;
    }

    /** Key of a windowed aggregate: the group key, then the window size and start in milliseconds. */
    public static String window(String groupKey, long windowSizeMs, long windowStart) {
        return groupKey + "|" + windowSizeMs + "|" + windowStart;
    }
}
