package io.mailflow.sink;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.elasticsearch.client.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailflow.sink.mapping.IndexNames;

/**
 * Deletes daily indices whose day is older than a retention period, without ILM. Only indices whose
 * name is exactly a family and a day ({@code mailflow-deliveries-2026.06.10}) are considered, and they
 * are deleted by name, so the call works where wildcard deletes are forbidden. The incident index
 * {@code mailflow-alerts} is never deleted.
 */
public final class IndexRetention {

    private static final Logger log = LoggerFactory.getLogger(IndexRetention.class);

    private final ElasticsearchConnection connection;

    public IndexRetention(ElasticsearchConnection connection) {
        this.connection = connection;
    }

    /**
     * Deletes every daily index of every family whose day is before {@code firstDayToKeep}.
     *
     * @return the names of the deleted indices, sorted
     */
    public List<String> deleteBefore(LocalDate firstDayToKeep) throws IOException {
        List<String> expired = new ArrayList<>();
        for (String family : IndexNames.DAILY_FAMILIES) {
            for (String index : connection.indexAliases(IndexNames.dailyPattern(family)).keySet()) {
                LocalDate day = IndexNames.dayOf(family, index);
                if (day != null && day.isBefore(firstDayToKeep)) {
                    expired.add(index);
                }
            }
        }
        expired.sort(null);
        for (String index : expired) {
            connection.restClient().performRequest(new Request("DELETE", "/" + index));
            log.info("Deleted expired index index={} firstDayKept={}", index, firstDayToKeep);
        }
        return expired;
    }
}
