package io.mailflow.sink.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Names of the indices and read aliases the sink writes to.
 *
 * <p>Deliveries, statistics and alert events go to daily indices named by the UTC day of their
 * event time ({@code mailflow-deliveries-2026.06.10}), so retention is a matter of deleting whole
 * old indices. Each family has a read alias that the index template attaches to every daily index.
 * Incidents live in the single index {@code mailflow-alerts}, one document per incident that each
 * alert event replaces in place.
 */
public final class IndexNames {

    public static final String DELIVERIES = "mailflow-deliveries";
    public static final String IP_PROVIDER_STATS = "mailflow-stats-ip-provider";
    public static final String SENDER_STATS = "mailflow-stats-sender";
    public static final String ALERTS = "mailflow-alerts";
    public static final String ALERT_EVENTS = "mailflow-alert-events";

    /** Read aliases whose indices are daily, in the order the templates are installed. */
    public static final List<String> DAILY_FAMILIES =
            List.of(DELIVERIES, IP_PROVIDER_STATS, SENDER_STATS, ALERT_EVENTS);

    /** Earliest and latest event times (epoch ms) a daily index name and an ISO-8601 date can carry. */
    static final long MIN_EVENT_TIME = Instant.parse("1970-01-01T00:00:00Z").toEpochMilli();
    static final long MAX_EVENT_TIME = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    private IndexNames() {
    }

    /**
     * Returns the daily index of a family for an event time, such as
     * {@code mailflow-deliveries-2026.06.10}.
     *
     * @throws UnmappableRecordException when the event time lies outside years 1970 to 9999
     */
    public static String daily(String family, long eventTimeMs) {
        LocalDate day = utcDay(eventTimeMs);
        return String.format(Locale.ROOT, "%s-%04d.%02d.%02d",
                family, day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }

    /** Returns the pattern that matches every daily index of a family, such as {@code mailflow-deliveries-*}. */
    public static String dailyPattern(String family) {
        return family + "-*";
    }

    /**
     * Returns the UTC day that a daily index name encodes, or null when the name is not a daily index
     * of that family.
     */
    public static LocalDate dayOf(String family, String indexName) {
        String prefix = family + "-";
        if (!indexName.startsWith(prefix)) {
            return null;
        }
        String suffix = indexName.substring(prefix.length());
        if (!suffix.matches("\\d{4}\\.\\d{2}\\.\\d{2}")) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(suffix.substring(0, 4)),
                    Integer.parseInt(suffix.substring(5, 7)),
                    Integer.parseInt(suffix.substring(8, 10)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    static LocalDate utcDay(long eventTimeMs) {
        checkEventTime(eventTimeMs);
        return Instant.ofEpochMilli(eventTimeMs).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Rejects event times that would give a five-digit or negative year, such as microseconds read as milliseconds. */
    static void checkEventTime(long eventTimeMs) {
        if (eventTimeMs < MIN_EVENT_TIME || eventTimeMs > MAX_EVENT_TIME) {
            throw new UnmappableRecordException("event time " + eventTimeMs
                    + " ms is outside years 1970 to 9999; expected epoch milliseconds");
        }
    }
}
