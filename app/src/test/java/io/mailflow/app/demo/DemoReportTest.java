package io.mailflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.app.elasticsearch.ElasticsearchHttp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoReportTest {

    private static final Instant START = Instant.parse("2026-06-10T08:00:00Z");

    @Test
    void tableListsPairsWithCountsAndRates() {
        String report = render(data(List.of(), List.of(), ElasticsearchHttp.AuthKind.NONE));

        assertThat(report).contains("Delivery attempts per sending IP and provider");
        assertThat(report).containsPattern("SENDING IP +PROVIDER +ATTEMPTS +SENT +DEFERRED +BOUNCED +EXPIRED +DEFER % +BOUNCE % +TOP REASONS");
        assertThat(report).containsPattern("203\\.0\\.113\\.13 +google +1,200 +800 +300 +100 +0 +25\\.0 +8\\.3 +reputation 350, rate_limit 50");
        assertThat(report).containsPattern("203\\.0\\.113\\.10 +microsoft +40 +40 +0 +0 +0 +0\\.0 +0\\.0 +-");
    }

    @Test
    void alertShowsEvidenceAndNextStep() {
        String report = render(data(List.of(gmailAlert()), List.of(), ElasticsearchHttp.AuthKind.NONE));

        assertThat(report).contains("1. CRITICAL reputation collapse: 203.0.113.13 -> google");
        assertThat(report).contains("Gmail refuses 203.0.113.13");
        assertThat(report).contains("category reputation, resolved, first seen 2026-06-10 08:43:30Z, last seen 2026-06-10 08:57:00Z, lasted 14 min");
        assertThat(report).contains("evidence: 350 of 420 attempts matched; latest window rate 83.3, baseline 2.0");
        assertThat(report).contains("   300x 421 4.7.0 Our system has detected an unusual rate of unsolicited mail (gmail.com)");
        assertThat(report).contains("next step: Slow down and check the Gmail bulk sender guidelines");
        assertThat(report).contains("see: https://support.google.com/mail/?p=UnsolicitedIPError");
    }

    @Test
    void injectedIncidentsShowDetectedAndMissed() {
        ExpectedIncident gmail = new ExpectedIncident("gmail-rate-limit", "REPUTATION_COLLAPSE", "mta02", "203.0.113.13",
                "google", "reputation", null, START.plusSeconds(43 * 60), START.plusSeconds(57 * 60));
        ExpectedIncident comcast = new ExpectedIncident("comcast-dnsbl", "BLOCKLISTED", "mta05", "203.0.113.22",
                "comcast", "blocklist", null, START.plusSeconds(96 * 60), START.plusSeconds(108 * 60));

        String report = render(data(List.of(gmailAlert()), List.of(gmail, comcast), ElasticsearchHttp.AuthKind.NONE));

        assertThat(report).contains("detected gmail-rate-limit, reputation collapse: 203.0.113.13 -> google, reputation");
        assertThat(report).contains("MISSED   comcast-dnsbl, blocklisted: 203.0.113.22 -> comcast, blocklist");
        assertThat(report).contains("1 of 2 injected incidents detected");
    }

    @Test
    void curlCommandsUseTheRunningElasticsearchAndNoSecret() {
        String report = render(data(List.of(gmailAlert()), List.of(), ElasticsearchHttp.AuthKind.API_KEY));

        assertThat(report).contains("curl -s -H \"Authorization: ApiKey $MAILFLOW_ELASTICSEARCH_API_KEY\" "
                + "-H 'Content-Type: application/json' 'http://127.0.0.1:9211/mailflow-alerts/_search?pretty'");
        assertThat(report).contains("{\"term\":{\"source.address\":\"203.0.113.13\"}},{\"term\":{\"mailflow.provider\":\"google\"}}");
        assertThat(report).contains("'http://127.0.0.1:9211/_cat/indices/mailflow-*?v&s=index'");
    }

    @Test
    void basicAuthRefersToEnvironmentVariables() {
        assertThat(DemoReport.curlAuth(ElasticsearchHttp.AuthKind.BASIC))
                .isEqualTo("-u \"$MAILFLOW_ELASTICSEARCH_USERNAME:$MAILFLOW_ELASTICSEARCH_PASSWORD\" ");
        assertThat(DemoReport.curlAuth(ElasticsearchHttp.AuthKind.NONE)).isEmpty();
    }

    @Test
    void noAlertIsSaidPlainly() {
        String report = render(data(List.of(), List.of(), ElasticsearchHttp.AuthKind.NONE));

        assertThat(report).contains("Alerts (0)").contains("No alert was raised.");
    }

    private static IndexedAlert gmailAlert() {
        return new IndexedAlert("a1", "reputation_collapse", "critical", "resolved", "203.0.113.13", "google", "mta02",
                null, "reputation", "Gmail refuses 203.0.113.13", START.plusSeconds(43 * 60 + 30),
                START.plusSeconds(57 * 60), 14L * 60_000, 420, 350, 0.8333, 0.02,
                List.of(new IndexedAlert.Sample(300, 421, "4.7.0", "Our system has detected  an unusual rate of unsolicited mail",
                        "gmail.com")),
                "Slow down and check the Gmail bulk sender guidelines", "https://support.google.com/mail/?p=UnsolicitedIPError");
    }

    private static ReportData data(List<IndexedAlert> alerts, List<ExpectedIncident> expected, ElasticsearchHttp.AuthKind auth) {
        Map<String, Long> reasons = new LinkedHashMap<>();
        reasons.put("reputation", 350L);
        reasons.put("rate_limit", 50L);
        List<IndexedPair> pairs = List.of(
                new IndexedPair("203.0.113.13", "google", 1200, 800, 300, 100, 0, reasons),
                new IndexedPair("203.0.113.10", "microsoft", 40, 40, 0, 0, 0, Map.of()));
        return new ReportData("generated traffic", 10_000, 5, START, START.plusSeconds(7200), 1240, 1240, 300, pairs,
                alerts, expected, "http://127.0.0.1:9211", auth, 42.5);
    }

    private static String render(ReportData data) {
        StringWriter out = new StringWriter();
        DemoReport.print(data, new PrintWriter(out));
        return out.toString();
    }
}
