package io.mailflow.streams.internals.ingest;

/** Keys of the host-partitioned part of the topology. */
public final class Hosts {

    /** Key of lines and events without a host field, such as Exim main-log lines. */
    public static final String NO_HOST = "";

    /** Key of watermark records (null values); the watermark partitioner ignores it. */
    public static final String WATERMARK_KEY = "#watermark";

    private Hosts() {
    }

    /** The partition key of a host: the host as written, or {@link #NO_HOST}. */
    public static String key(String host) {
        return host == null ? NO_HOST : host;
    }
}
