package io.mailflow.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.streams.parse.ParseCounters;

/**
 * A pflogsumm-like report of delivery attempts: per host, per sending IP and per provider the
 * attempts by status and by category, and the most frequent reply texts of attempts that were not
 * sent. Keeps counts only, so memory grows with the number of distinct keys and texts, not lines.
 */
final class DeliverySummary {

    private static final int TOP_REPLIES = 10;
    private static final int MAX_REPLY_LENGTH = 160;
    private static final String NONE = "(none)";

    /** Counts of one host, sending IP or provider. */
    private static final class Tally {
        final EnumMap<DeliveryStatus, Long> byStatus = new EnumMap<>(DeliveryStatus.class);
        final Map<String, Long> byCategory = new TreeMap<>();
        long attempts;

        void add(DeliveryEvent event) {
            attempts++;
            byStatus.merge(event.getStatus(), 1L, Long::sum);
            if (event.getCategory() != null) {
                byCategory.merge(event.getCategory(), 1L, Long::sum);
            }
        }

        long status(DeliveryStatus status) {
            return byStatus.getOrDefault(status, 0L);
        }
    }

    private record ReplyKey(String provider, String category, String text) {
    }

    private final Tally total = new Tally();
    private final Map<String, Tally> byHost = new TreeMap<>();
    private final Map<String, Tally> bySendingIp = new TreeMap<>();
    private final Map<String, Tally> byProvider = new TreeMap<>();
    private final Map<ReplyKey, Long> replies = new HashMap<>();

    void add(DeliveryEvent event) {
        total.add(event);
        byHost.computeIfAbsent(orNone(event.getHost()), key -> new Tally()).add(event);
        bySendingIp.computeIfAbsent(orNone(event.getSendingIp()), key -> new Tally()).add(event);
        byProvider.computeIfAbsent(orNone(event.getProvider()), key -> new Tally()).add(event);
        if (event.getStatus() != DeliveryStatus.SENT && event.getReplyText() != null) {
            String text = event.getReplyText();
            if (text.length() > MAX_REPLY_LENGTH) {
                text = text.substring(0, MAX_REPLY_LENGTH) + "...";
            }
            replies.merge(new ReplyKey(orNone(event.getProvider()), orNone(event.getCategory()), text), 1L, Long::sum);
        }
    }

    void print(PrintWriter out, ParseCounters counters) {
        out.println("mailflow parse summary");
        out.println();
        out.printf(Locale.ROOT, "Lines: %d read, %d parsed, %d ignored, %d rejected, %d inbound rejects%n",
                counters.lines(), counters.parsed(), counters.ignored(), counters.failed(), counters.inboundRejects());
        out.printf(Locale.ROOT, "Attempts: %d (sent %d, deferred %d, bounced %d, expired %d)%n",
                total.attempts, total.status(DeliveryStatus.SENT), total.status(DeliveryStatus.DEFERRED),
                total.status(DeliveryStatus.BOUNCED), total.status(DeliveryStatus.EXPIRED));
        out.println();
        table(out, "Per host", "host", byHost);
        table(out, "Per sending IP", "sending IP", bySendingIp);
        table(out, "Per provider", "provider", byProvider);
        topReplies(out);
        out.flush();
    }

    private static void table(PrintWriter out, String title, String keyName, Map<String, Tally> tallies) {
        out.println(title);
        int width = Math.max(keyName.length(), tallies.keySet().stream().mapToInt(String::length).max().orElse(0));
        String format = "  %-" + width + "s %9s %9s %9s %9s %9s  %s%n";
        out.printf(Locale.ROOT, format, keyName, "attempts", "sent", "deferred", "bounced", "expired", "categories");
        List<Map.Entry<String, Tally>> rows = new ArrayList<>(tallies.entrySet());
        rows.sort(Comparator.comparingLong((Map.Entry<String, Tally> row) -> row.getValue().attempts).reversed()
                .thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, Tally> row : rows) {
            Tally tally = row.getValue();
            out.printf(Locale.ROOT, format, row.getKey(), tally.attempts, tally.status(DeliveryStatus.SENT),
                    tally.status(DeliveryStatus.DEFERRED), tally.status(DeliveryStatus.BOUNCED),
                    tally.status(DeliveryStatus.EXPIRED), categories(tally.byCategory));
        }
        out.println();
    }

    private static String categories(Map<String, Long> byCategory) {
        if (byCategory.isEmpty()) {
            return "-";
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(byCategory.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry::getKey));
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Long> entry : entries) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(entry.getKey()).append('=').append(entry.getValue());
        }
        return text.toString();
    }

    private void topReplies(PrintWriter out) {
        out.println("Top reply texts of attempts not sent");
        if (replies.isEmpty()) {
            out.println("  none");
            return;
        }
        List<Map.Entry<ReplyKey, Long>> entries = new ArrayList<>(replies.entrySet());
        entries.sort(Map.Entry.<ReplyKey, Long>comparingByValue().reversed()
                .thenComparing(entry -> entry.getKey().text()));
        Function<Map.Entry<ReplyKey, Long>, String> line = entry -> String.format(Locale.ROOT, "  %6d  %-10s %-17s %s",
                entry.getValue(), entry.getKey().provider(), entry.getKey().category(), entry.getKey().text());
        entries.stream().limit(TOP_REPLIES).map(line).forEach(out::println);
    }

    private static String orNone(String value) {
        return value == null ? NONE : value;
    }
}
