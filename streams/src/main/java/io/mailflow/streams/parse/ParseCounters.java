package io.mailflow.streams.parse;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of parsed lines: parsed per kind of record, ignored per reason, failed per reason, and
 * inbound rejections (smtpd and Exim rejects, postscreen rejections). Not thread-safe: each parser
 * keeps its own, and {@link #add(ParseCounters)} sums them.
 */
public final class ParseCounters {

    private long lines;
    private final long[] parsedByKind = new long[MaillogBody.Kind.values().length];
    private final Map<String, Long> ignoredByReason = new TreeMap<>();
    private final EnumMap<ParseFailureReason, Long> failedByReason = new EnumMap<>(ParseFailureReason.class);
    private long inboundRejects;

    void countParsed(MaillogBody body) {
        lines++;
        parsedByKind[body.kind().ordinal()]++;
        if (body instanceof MaillogBody.InboundReject
                || (body instanceof MaillogBody.Postscreen postscreen && postscreen.rejected())) {
            inboundRejects++;
        }
    }

    void countIgnored(String reason) {
        lines++;
        ignoredByReason.merge(reason, 1L, Long::sum);
    }

    void countFailed(ParseFailureReason reason) {
        lines++;
        failedByReason.merge(reason, 1L, Long::sum);
    }

    /** Adds another parser's counts to these. */
    public void add(ParseCounters other) {
        lines += other.lines;
        for (int i = 0; i < parsedByKind.length; i++) {
            parsedByKind[i] += other.parsedByKind[i];
        }
        other.ignoredByReason.forEach((reason, count) -> ignoredByReason.merge(reason, count, Long::sum));
        other.failedByReason.forEach((reason, count) -> failedByReason.merge(reason, count, Long::sum));
        inboundRejects += other.inboundRejects;
    }

    /** Returns the number of lines seen. */
    public long lines() {
        return lines;
    }

    /** Lines that became a {@link MaillogRecord}. */
    public long parsed() {
        long sum = 0;
        for (long count : parsedByKind) {
            sum += count;
        }
        return sum;
    }

    public long parsed(MaillogBody.Kind kind) {
        return parsedByKind[kind.ordinal()];
    }

    /** Parsed lines per kind of record, kinds without lines left out. */
    public Map<MaillogBody.Kind, Long> parsedByKind() {
        EnumMap<MaillogBody.Kind, Long> counts = new EnumMap<>(MaillogBody.Kind.class);
        for (MaillogBody.Kind kind : MaillogBody.Kind.values()) {
            if (parsedByKind[kind.ordinal()] > 0) {
                counts.put(kind, parsedByKind[kind.ordinal()]);
            }
        }
        return counts;
    }

    public long ignored() {
        return ignoredByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> ignoredByReason() {
        return Collections.unmodifiableMap(new TreeMap<>(ignoredByReason));
    }

    public long failed() {
        return failedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public long failed(ParseFailureReason reason) {
        return failedByReason.getOrDefault(reason, 0L);
    }

    public Map<ParseFailureReason, Long> failedByReason() {
        return Collections.unmodifiableMap(new EnumMap<>(failedByReason));
    }

    /** smtpd, sendmail and Exim rejections of inbound clients, and postscreen rejections. */
    public long inboundRejects() {
        return inboundRejects;
    }

    @Override
    public String toString() {
        return "lines=" + lines + " parsed=" + parsed() + " ignored=" + ignoredByReason + " failed=" + failedByReason
                + " inboundRejects=" + inboundRejects;
    }
}
