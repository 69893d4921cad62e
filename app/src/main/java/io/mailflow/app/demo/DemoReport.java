package io.mailflow.app.demo;

import io.mailflow.app.elasticsearch.ElasticsearchHttp;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Renders the report of a demo or replay run as plain text for stdout. */
public final class DemoReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int MAX_PAIRS = 40;
    private static final int MAX_SAMPLES = 3;
    private static final int MAX_REPLY_CHARS = 160;

    /**
     * An alert counts for an incident when its first attempt lies within the incident widened by this
     * much: a few of the detection windows, whose alignment does not follow the incident's start.
     */
    public static final Duration DETECTION_TOLERANCE = Duration.ofMinutes(5);

    private DemoReport() {
    }

    public static void print(ReportData data, PrintWriter out) {
        printSummary(data, out);
        printPairs(data, out);
        printAlerts(data, out);
        printExpectedIncidents(data, out);
        printQueries(data, out);
        out.flush();
    }

    private static void printSummary(ReportData data, PrintWriter out) {
        out.println("mailflow report");
        out.println("===============");
        out.printf(Locale.ROOT, "Input:       %s%n", data.inputDescription());
        out.printf(Locale.ROOT, "Lines:       %,d from %d host%s%s%n", data.lines(), data.hosts(), data.hosts() == 1 ? "" : "s",
                data.firstEvent() == null ? "" : ", attempts from " + TIME.format(data.firstEvent()) + " to " + TIME.format(data.lastEvent()));
        out.printf(Locale.ROOT, "Indexed:     %,d delivery attempts (the offline parser finds %,d in the same lines), %,d window aggregates, %d incident%s%n",
                data.deliveries(), data.expectedDeliveries(), data.windows(), data.alerts().size(), data.alerts().size() == 1 ? "" : "s");
        out.printf(Locale.ROOT, "Elapsed:     %.1f s%n", data.elapsedSeconds());
        out.println();
    }

    private static void printPairs(ReportData data, PrintWriter out) {
        out.println("Delivery attempts per sending IP and provider");
        out.println("---------------------------------------------");
        if (data.pairs().isEmpty()) {
            out.println("  (no delivery attempts indexed)");
            out.println();
            return;
        }
        TextTable table = new TextTable("SENDING IP", "PROVIDER", ">ATTEMPTS", ">SENT", ">DEFERRED", ">BOUNCED",
                ">EXPIRED", ">DEFER %", ">BOUNCE %", "TOP REASONS");
        List<IndexedPair> shown = data.pairs().stream().limit(MAX_PAIRS).toList();
        for (IndexedPair pair : shown) {
            table.row(pair.sendingIp(), pair.provider(), number(pair.attempts()), number(pair.sent()),
                    number(pair.deferred()), number(pair.bounced()), number(pair.expired()),
                    percent(pair.deferralRate()), percent(pair.bounceRate()), reasons(pair.topCategories()));
        }
        table.print(out, "  ");
        if (data.pairs().size() > shown.size()) {
            out.printf(Locale.ROOT, "  ... and %d more pairs with fewer attempts%n", data.pairs().size() - shown.size());
        }
        out.println();
    }

    private static void printAlerts(ReportData data, PrintWriter out) {
        out.printf(Locale.ROOT, "Alerts (%d)%n", data.alerts().size());
        out.println("----------");
        if (data.alerts().isEmpty()) {
            out.println("  No alert was raised.");
            out.println();
            return;
        }
        int number = 1;
        for (IndexedAlert alert : data.alerts()) {
            printAlert(number++, alert, out);
        }
    }

    private static void printAlert(int number, IndexedAlert alert, PrintWriter out) {
        out.printf(Locale.ROOT, "%d. %s %s: %s%n", number, upper(alert.severity()), words(alert.type()), subject(alert));
        if (alert.summary() != null) {
            out.printf(Locale.ROOT, "   %s%n", alert.summary());
        }
        out.printf(Locale.ROOT, "   category %s, %s, first seen %s, last seen %s%s%n",
                Optional.ofNullable(alert.category()).orElse("-"),
                Optional.ofNullable(alert.state()).orElse("open"),
                alert.firstSeen() == null ? "-" : TIME.format(alert.firstSeen()),
                alert.lastSeen() == null ? "-" : TIME.format(alert.lastSeen()),
                alert.durationMs() == null ? "" : ", lasted " + minutes(alert.durationMs()));
        out.printf(Locale.ROOT, "   evidence: %,d of %,d attempts matched; latest window rate %s, baseline %s%n",
                alert.matching(), alert.attempts(), percent(alert.rate()), percent(alert.baseline()));
        alert.samples().stream().limit(MAX_SAMPLES).forEach(sample -> out.printf(Locale.ROOT, "   %6dx %s%n",
                sample.count(), sampleText(sample)));
        if (alert.nextStep() != null) {
            out.printf(Locale.ROOT, "   next step: %s%n", alert.nextStep());
        }
        if (alert.remediationUrl() != null) {
            out.printf(Locale.ROOT, "   see: %s%n", alert.remediationUrl());
        }
        out.println();
    }

    private static void printExpectedIncidents(ReportData data, PrintWriter out) {
        if (data.expectedIncidents().isEmpty()) {
            return;
        }
        out.println("Injected incidents (generator ground truth)");
        out.println("-------------------------------------------");
        int detected = 0;
        for (ExpectedIncident incident : data.expectedIncidents()) {
            Optional<IndexedAlert> alert = data.alerts().stream()
                    .filter(candidate -> incident.isDetectedBy(candidate, DETECTION_TOLERANCE))
                    .findFirst();
            if (alert.isPresent()) {
                detected++;
            }
            out.printf(Locale.ROOT, "  %-8s %s, %s: %s, %s to %s%n",
                    alert.isPresent() ? "detected" : "MISSED", incident.id(), words(incident.alertType()),
                    incident.subject(), TIME.format(incident.start()), TIME.format(incident.end()));
        }
        out.printf(Locale.ROOT, "  %d of %d injected incidents detected%n%n", detected, data.expectedIncidents().size());
    }

    private static void printQueries(ReportData data, PrintWriter out) {
        String url = data.elasticsearchUrl();
        String auth = curlAuth(data.authKind());
        out.println("Look further in Elasticsearch");
        out.println("-----------------------------");
        out.println("  # Incidents with evidence and next steps:");
        out.println("  " + curl(url, auth, ReportQueries.ALERTS, String.format(ReportQueries.ALERTS_QUERY, 20)));
        out.println("  # Attempts per sending IP and provider:");
        out.println("  " + curl(url, auth, ReportQueries.DELIVERIES, String.format(ReportQueries.PAIRS_QUERY, 100)));
        Optional<IndexedAlert> first = data.alerts().stream()
                .filter(alert -> alert.sendingIp() != null && alert.provider() != null)
                .findFirst();
        if (first.isPresent()) {
            IndexedAlert alert = first.get();
            out.printf(Locale.ROOT, "  # Failed attempts behind alert 1 (%s to %s):%n", alert.sendingIp(), alert.provider());
            out.println("  " + curl(url, auth, ReportQueries.DELIVERIES, failedAttemptsQuery(alert)));
            out.printf(Locale.ROOT, "  # Windows of %s to %s over time:%n", alert.sendingIp(), alert.provider());
            out.println("  " + curl(url, auth, ReportQueries.IP_PROVIDER_STATS, windowsQuery(alert)));
        }
        out.println("  # The indices:");
        out.println("  curl -s " + auth + "'" + url + "/_cat/indices/mailflow-*?v&s=index'");
        out.println();
    }

    static String failedAttemptsQuery(IndexedAlert alert) {
        return String.format(Locale.ROOT, """
                {"size":5,"sort":[{"@timestamp":"asc"}],"query":{"bool":{"filter":[\
                {"term":{"source.address":"%s"}},{"term":{"mailflow.provider":"%s"}},\
                {"terms":{"mailflow.status":["deferred","bounced","expired"]}}]}}}""",
                json(alert.sendingIp()), json(alert.provider()));
    }

    static String windowsQuery(IndexedAlert alert) {
        return String.format(Locale.ROOT, """
                {"size":50,"sort":[{"@timestamp":"asc"}],\
                "_source":["mailflow.window","mailflow.attempts","mailflow.deferred","mailflow.deferral_rate","mailflow.category_counts"],\
                "query":{"bool":{"filter":[{"term":{"source.address":"%s"}},{"term":{"mailflow.provider":"%s"}}]}}}""",
                json(alert.sendingIp()), json(alert.provider()));
    }

    /** Refers to the credentials by their environment variables, so the report never shows a secret. */
    static String curlAuth(ElasticsearchHttp.AuthKind kind) {
        return switch (kind) {
            case NONE -> "";
            case API_KEY -> "-H \"Authorization: ApiKey $MAILFLOW_ELASTICSEARCH_API_KEY\" ";
            case BASIC -> "-u \"$MAILFLOW_ELASTICSEARCH_USERNAME:$MAILFLOW_ELASTICSEARCH_PASSWORD\" ";
        };
    }

    private static String curl(String url, String auth, String index, String body) {
        return "curl -s " + auth + "-H 'Content-Type: application/json' '" + url + "/" + index
                + "/_search?pretty' -d '" + body.replace("'", "'\\''") + "'";
    }

    private static String subject(IndexedAlert alert) {
        if (alert.sendingIp() != null && alert.provider() != null) {
            return alert.sendingIp() + " -> " + alert.provider();
        }
        if (alert.host() != null && alert.identity() != null) {
            return alert.identity() + " on " + alert.host();
        }
        return Optional.ofNullable(alert.alertId()).orElse("-");
    }

    private static String sampleText(IndexedAlert.Sample sample) {
        StringBuilder text = new StringBuilder();
        if (sample.replyCode() != null) {
            text.append(sample.replyCode()).append(' ');
        }
        if (sample.enhancedStatusCode() != null) {
            text.append(sample.enhancedStatusCode()).append(' ');
        }
        String reply = Optional.ofNullable(sample.text()).orElse("").replaceAll("\\s+", " ");
        text.append(reply.length() <= MAX_REPLY_CHARS ? reply : reply.substring(0, MAX_REPLY_CHARS) + "...");
        if (sample.recipientDomain() != null) {
            text.append(" (").append(sample.recipientDomain()).append(')');
        }
        return text.toString();
    }

    private static String reasons(Map<String, Long> categories) {
        if (categories.isEmpty()) {
            return "-";
        }
        StringBuilder text = new StringBuilder();
        categories.forEach((category, count) -> {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(category).append(' ').append(count);
        });
        return text.toString();
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f", rate * 100);
    }

    private static String minutes(long millis) {
        return String.format(Locale.ROOT, "%d min", Math.round(millis / 60_000.0));
    }

    private static String upper(String text) {
        return text == null ? "ALERT" : text.toUpperCase(Locale.ROOT);
    }

    private static String words(String type) {
        return type == null ? "alert" : type.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String json(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
