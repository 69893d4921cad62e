package io.mailflow.streams.internals.ingest;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailflow.schemas.SourceCoordinates;
import io.mailflow.streams.MailflowHeaders;
import io.mailflow.streams.internals.MailflowSensors;
import io.mailflow.streams.internals.RateLimitedLogger;
import io.mailflow.streams.parse.ParseResult;

/**
 * What the front processors do with lines that do not parse into a record: a failed line becomes
 * a dead-letter record and a rate-limited WARN, an ignored line is counted by reason. Not
 * thread-safe; one per processor.
 */
final class LineScreening {

    /** Counter of lines parsed into a record. */
    static final String PARSED = "lines-parsed";
    /** Counter of lines understood but without mail flow, also per reason as {@code lines-ignored-<reason>}. */
    static final String IGNORED = "lines-ignored";
    /** Counter of lines sent to the dead-letter topic, also per reason as {@code lines-rejected-<reason>}. */
    static final String REJECTED = "lines-rejected";
    /** Counter of watermark lines. */
    static final String WATERMARKS = "watermarks";

    private static final Logger LOG = LoggerFactory.getLogger(LineScreening.class);
    private static final int MAX_DETAIL_LENGTH = 300;

    private final MailflowSensors sensors;
    private final RateLimitedLogger warnings = new RateLimitedLogger(LOG, 10, TimeUnit.SECONDS);

    LineScreening(MailflowSensors sensors) {
        this.sensors = sensors;
    }

    /**
     * The dead-letter record of a failed line: the raw line under the key it came with, the
     * original headers plus reason, detail and source.
     */
    Record<String, LineOutcome> reject(Record<String, String> record, ParseResult.Failed failed,
            SourceCoordinates source) {
        String code = failed.reason().code();
        String detail = cut(failed.detail());
        sensors.record(REJECTED);
        sensors.record(REJECTED + "-" + code);
        warnings.warn("Rejected maillog line reason={} source={} detail={}", code, SourceHeaders.describe(source),
                detail);

        Headers headers = new RecordHeaders(record.headers().toArray());
        SourceHeaders.write(headers, source, record.key());
        SourceHeaders.put(headers, MailflowHeaders.REASON, code);
        SourceHeaders.put(headers, MailflowHeaders.DETAIL, detail);
        String key = SourceHeaders.originalKey(record.headers(), record.key());
        return new Record<>(key, new LineOutcome.Rejected(record.value()), record.timestamp(), headers);
    }

    void ignored(ParseResult.Ignored ignored) {
        sensors.record(IGNORED);
        sensors.record(IGNORED + "-" + ignored.reason());
    }

    void parsed() {
        sensors.record(PARSED);
    }

    void watermark() {
        sensors.record(WATERMARKS);
    }

    /** Cuts the detail and replaces control characters, which would corrupt a log file or terminal. */
    private static String cut(String detail) {
        if (detail == null) {
            return "";
        }
        String cut = detail.length() <= MAX_DETAIL_LENGTH ? detail : detail.substring(0, MAX_DETAIL_LENGTH);
        StringBuilder printable = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            printable.append(Character.isISOControl(c) ? '?' : c);
        }
        return printable.toString();
    }
}
