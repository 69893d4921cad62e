package io.mailflow.sink.mapping;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mailflow.schemas.DeliveryStats;

/**
 * Maps the attempts of one sending IP to one provider in one window to a document in the daily index
 * {@code mailflow-stats-ip-provider-YYYY.MM.DD} of the window start.
 *
 * <p>The id is the window key {@code sendingIp|provider|windowSizeMs|windowStart}, so each update of
 * a window replaces the previous one, and windows of different sizes are separate documents.
 */
public final class DeliveryStatsMapper implements DocumentMapper<DeliveryStats> {

    static final String DATASET = "mailflow.stats.ip_provider";

    @Override
    public List<SinkDocument> map(DeliveryStats stats) {
        String index = IndexNames.daily(IndexNames.IP_PROVIDER_STATS, stats.getWindowStart());
        return List.of(new SinkDocument(index, id(stats), source(stats)));
    }

    /** Returns the document id: the window key, the same text as the Kafka key of the record. */
    public static String id(DeliveryStats stats) {
        return DocumentIds.joined(stats.getSendingIp(), stats.getProvider(), stats.getWindowSizeMs(), stats.getWindowStart());
    }

    private static Map<String, Object> source(DeliveryStats stats) {
        DocumentBuilder doc = new DocumentBuilder()
                .put("@timestamp", FieldValues.isoInstant(stats.getWindowStart()))
                .put("event.kind", "metric")
                .put("event.category", List.of("email"))
                .put("event.type", List.of("info"))
                .put("event.dataset", DATASET)
                .put("host.name", List.copyOf(stats.getHosts()))
                .put("source.address", stats.getSendingIp())
                .put("source.ip", FieldValues.ipAddressOrNull(stats.getSendingIp()));

        doc.put("mailflow.key", stats.getSendingIp() + "|" + stats.getProvider())
                .put("mailflow.provider", stats.getProvider())
                .put("mailflow.tenant", stats.getTenant())
                .put("mailflow.window.start", FieldValues.isoInstant(stats.getWindowStart()))
                .put("mailflow.window.end", FieldValues.isoInstant(stats.getWindowEnd()))
                .put("mailflow.window.size_ms", stats.getWindowSizeMs())
                .put("mailflow.attempts", stats.getAttempts())
                .put("mailflow.sent", stats.getSent())
                .put("mailflow.deferred", stats.getDeferred())
                .put("mailflow.bounced", stats.getBounced())
                .put("mailflow.expired", stats.getExpired())
                .put("mailflow.deferral_rate", FieldValues.finiteOrNull(stats.getDeferralRate()))
                .put("mailflow.bounce_rate", FieldValues.finiteOrNull(stats.getBounceRate()))
                .put("mailflow.category_counts", new TreeMap<>(stats.getCategoryCounts()))
                .put("mailflow.first_seen", FieldValues.isoInstant(stats.getFirstSeen()))
                .put("mailflow.last_seen", FieldValues.isoInstant(stats.getLastSeen()));
        SampleReplies.put(doc, stats.getSampleReplies());
        return doc.build();
    }
}
