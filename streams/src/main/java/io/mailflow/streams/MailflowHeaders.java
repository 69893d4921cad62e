package io.mailflow.streams;

/**
 * Names of the record headers mailflow writes. Values are UTF-8 text; partition and offset are
 * decimal numbers.
 *
 * <p>A record on the rejected-lines topic carries {@link #REASON}, {@link #DETAIL} and the source
 * headers of the raw line it holds. Raw lines that the topology repartitions by host carry the
 * source headers too, so that the coordinates of the original line survive the repartition.
 */
public final class MailflowHeaders {

    /** Why a line was rejected: a stable snake_case code such as {@code unknown_format}. */
    public static final String REASON = "mailflow.reason";

    /** What exactly was wrong with the line, cut to a few hundred characters. */
    public static final String DETAIL = "mailflow.detail";

    /** Topic of the raw line. */
    public static final String SOURCE_TOPIC = "mailflow.source.topic";

    /** Partition of the raw line. */
    public static final String SOURCE_PARTITION = "mailflow.source.partition";

    /** Offset of the raw line. */
    public static final String SOURCE_OFFSET = "mailflow.source.offset";

    /** Key of the raw line; absent when the key was null. */
    public static final String SOURCE_KEY = "mailflow.source.key";

    private MailflowHeaders() {
    }
}
