package io.mailflow.app.demo;

import io.mailflow.app.elasticsearch.ElasticsearchHttp;
import java.time.Instant;
import java.util.List;

/**
 * Contents of the demo and replay report.
 *
 * @param inputDescription where the lines came from, such as "generated traffic (seed 42)" or a file list
 * @param lines raw lines shipped
 * @param hosts distinct syslog hosts of the input
 * @param firstEvent event time of the earliest delivery attempt, or null when there is none
 * @param lastEvent event time of the latest delivery attempt, or null when there is none
 * @param expectedDeliveries delivery attempts the offline parser finds in the same lines
 * @param deliveries delivery documents indexed
 * @param windows window aggregate documents indexed
 * @param expectedIncidents incidents known to be in the input; empty for the operator's own logs
 * @param elapsedSeconds wall-clock seconds from start to report
 */
public record ReportData(String inputDescription, long lines, int hosts, Instant firstEvent, Instant lastEvent,
        long expectedDeliveries, long deliveries, long windows, List<IndexedPair> pairs, List<IndexedAlert> alerts,
        List<ExpectedIncident> expectedIncidents, String elasticsearchUrl, ElasticsearchHttp.AuthKind authKind,
        double elapsedSeconds) {
}
