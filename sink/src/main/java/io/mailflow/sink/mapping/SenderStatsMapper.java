package io.mailflow.sink.mapping;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mailflow.schemas.SenderStats;

/**
 * Maps the attempts of one sender identity on one host in one window to a document in the daily
 * index {@code mailflow-stats-sender-YYYY.MM.DD} of the window start.
 *
 * <p>The id is the window key {@code host|identityType|identity|windowSizeMs|windowStart}; a key
 * longer than the 512 bytes an id may have is replaced by its hash.
 */
public final class SenderStatsMapper implements DocumentMapper<SenderStats> {

    static final String DATASET = "mailflow.stats.sender";

    @Override
    public List<SinkDocument> map(SenderStats stats) {
        String index = IndexNames.daily(IndexNames.SENDER_STATS, stats.getWindowStart());
        return List.of(new SinkDocument(index, id(stats), source(stats)));
    }

    /** Returns the document id: the window key, the same text as the Kafka key of the record. */
    public static String id(SenderStats stats) {
        return DocumentIds.joined(stats.getHost(), stats.getIdentityType(), stats.getIdentity(),
                stats.getWindowSizeMs(), stats.getWindowStart());
    }

    private static Map<String, Object> source(SenderStats stats) {
        DocumentBuilder doc = new DocumentBuilder()
                .put("@timestamp", FieldValues.isoInstant(stats.getWindowStart()))
                .put("event.kind", "metric")
                .put("event.category", List.of("email"))
                .put("event.type", List.of("info"))
                .put("event.dataset", DATASET)
                .put("host.name", stats.getHost())
                .put("source.address", List.copyOf(stats.getSendingIps()))
                .put("source.ip", FieldValues.ipAddresses(stats.getSendingIps()))
                .put("email.from.address", List.copyOf(stats.getSenderAddresses()));

        doc.put("mailflow.key", stats.getHost() + "|" + stats.getIdentityType() + "|" + stats.getIdentity())
                .put("mailflow.identity_type", FieldValues.lowerCase(stats.getIdentityType()))
                .put("mailflow.identity", stats.getIdentity())
                .put("mailflow.tenant", stats.getTenant())
                .put("mailflow.window.start", FieldValues.isoInstant(stats.getWindowStart()))
                .put("mailflow.window.end", FieldValues.isoInstant(stats.getWindowEnd()))
                .put("mailflow.window.size_ms", stats.getWindowSizeMs())
                .put("mailflow.attempts", stats.getAttempts())
                .put("mailflow.sent", stats.getSent())
                .put("mailflow.deferred", stats.getDeferred())
                .put("mailflow.bounced", stats.getBounced())
                .put("mailflow.expired", stats.getExpired())
                .put("mailflow.unknown_recipients", stats.getUnknownRecipients())
                .put("mailflow.rejections", stats.getRejections())
                .put("mailflow.category_counts", new TreeMap<>(stats.getCategoryCounts()))
                .put("mailflow.provider_counts", new TreeMap<>(stats.getProviderCounts()))
                .put("mailflow.distinct_recipient_domains", stats.getDistinctRecipientDomains())
                .put("mailflow.first_seen", FieldValues.isoInstant(stats.getFirstSeen()))
                .put("mailflow.last_seen", FieldValues.isoInstant(stats.getLastSeen()));
        return doc.build();
    }
}
