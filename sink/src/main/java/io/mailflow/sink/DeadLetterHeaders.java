package io.mailflow.sink;

/**
 * Headers the sink adds to a record it writes to {@code mailflow.sink.rejected}. The record keeps the
 * original key, value and headers, so it can be replayed into its source topic once the cause is
 * fixed. Values are UTF-8 text.
 */
public final class DeadLetterHeaders {

    /** Short stable reason: an Elasticsearch error type such as {@code document_parsing_exception}, or a sink reason such as {@code decode-failed}. */
    public static final String REASON = "mailflow.reason";
    /** Human-readable explanation, cut to {@value #MAX_DETAIL_CHARS} characters. */
    public static final String DETAIL = "mailflow.detail";
    /** HTTP status Elasticsearch returned for the document; absent when the record never reached it. */
    public static final String STATUS = "mailflow.status";
    public static final String SOURCE_TOPIC = "mailflow.source.topic";
    public static final String SOURCE_PARTITION = "mailflow.source.partition";
    public static final String SOURCE_OFFSET = "mailflow.source.offset";
    /** Index of the rejected document, when the record was mapped. */
    public static final String INDEX = "mailflow.index";
    /** Id of the rejected document, when the record was mapped. */
    public static final String DOCUMENT_ID = "mailflow.document.id";

    public static final int MAX_DETAIL_CHARS = 2000;

    private DeadLetterHeaders() {
    }
}
