package io.mailflow.ingest.generate;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything that decides the output of a {@link TrafficGenerator}: the same settings give
 * byte-identical lines. Nothing here reads a clock; the event time starts at {@link #start()}.
 *
 * <p>Build with {@link #builder()}; {@link Builder#build()} checks every value and names the one
 * that is invalid.
 *
 * @param seed seed of the single random stream behind every choice
 * @param start event time of the first line
 * @param duration event time span of the run; lines at or after {@code start + duration} are not
 *     written, so messages still queued then are cut off as in a log file that ends
 * @param messagesPerSecond mean rate of normal message submissions across the fleet, in messages per
 *     second of event time (the spam run comes on top)
 * @param maxLines stop after this many lines; 0 for no limit
 * @param hosts number of sending hosts, from 1 to 64
 * @param incidents incidents to inject; each runs in its own window of the run
 * @param incidentWindows windows that replace the default schedule of some incidents
 * @param greylistingStorm whether one provider greylists most first attempts for a while
 * @param greylistingStormWindow window of the storm; null for the default (8% to 16% of the run)
 * @param greylistingStormProfile provider profile (a section of the provider data) that greylists
 * @param diurnal whether the submission rate follows the time of day (low at night, peak in the
 *     afternoon, UTC); off keeps the rate flat
 * @param isoTimestamps RFC 3339 timestamps with microseconds and offset instead of RFC 3164 ones
 * @param longQueueIds Postfix long queue ids ({@code enable_long_queue_ids = yes}) instead of short hex ones
 * @param queueLifetime how long a deferred message is retried before it expires and is returned to
 *     its sender (Postfix {@code maximal_queue_lifetime}, which defaults to 5 days; the generator's
 *     default is 1 hour so that runs of a few hours show expiries)
 * @param minimalBackoff first retry delay of a deferred message; each retry doubles it
 * @param maximalBackoff longest retry delay
 * @param noise baseline failure rates
 * @param spamRunMessagesPerSecond submission rate of the compromised account during the spam run,
 *     in messages per second of event time; 0 derives it from {@code messagesPerSecond}
 * @param spamRunUnknownRecipientRate share of spam-run recipients that do not exist
 * @param spamRunContentRejectionRate share of spam-run recipients whose provider refuses the content
 */
public record GeneratorSettings(
        long seed,
        Instant start,
        Duration duration,
        double messagesPerSecond,
        long maxLines,
        int hosts,
        Set<IncidentKind> incidents,
        Map<IncidentKind, TimeWindow> incidentWindows,
        boolean greylistingStorm,
        TimeWindow greylistingStormWindow,
        String greylistingStormProfile,
        boolean diurnal,
        boolean isoTimestamps,
        boolean longQueueIds,
        Duration queueLifetime,
        Duration minimalBackoff,
        Duration maximalBackoff,
        NoiseMix noise,
        double spamRunMessagesPerSecond,
        double spamRunUnknownRecipientRate,
        double spamRunContentRejectionRate) {

    /** Default start of the event time: a fixed date, never the wall clock. */
    public static final Instant DEFAULT_START = Instant.parse("2026-06-10T08:00:00Z");

    public static final int MAX_HOSTS = 64;

    public GeneratorSettings {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(noise, "noise");
        Objects.requireNonNull(queueLifetime, "queueLifetime");
        Objects.requireNonNull(minimalBackoff, "minimalBackoff");
        Objects.requireNonNull(maximalBackoff, "maximalBackoff");
        Objects.requireNonNull(greylistingStormProfile, "greylistingStormProfile");
        incidents = incidents.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(incidents));
        incidentWindows = incidentWindows.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(incidentWindows));

        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        if (!(messagesPerSecond > 0 && messagesPerSecond <= 1_000_000)) {
            throw new IllegalArgumentException("messagesPerSecond must be above 0 and at most 1000000, was "
                    + messagesPerSecond);
        }
        if (maxLines < 0) {
            throw new IllegalArgumentException("maxLines must be 0 (no limit) or positive, was " + maxLines);
        }
        if (hosts < 1 || hosts > MAX_HOSTS) {
            throw new IllegalArgumentException("hosts must be from 1 to " + MAX_HOSTS + ", was " + hosts);
        }
        if (queueLifetime.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("queueLifetime must be at least one minute, was " + queueLifetime);
        }
        if (minimalBackoff.compareTo(Duration.ofSeconds(1)) < 0 || maximalBackoff.compareTo(minimalBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 1s <= minimalBackoff <= maximalBackoff, was "
                    + minimalBackoff + " and " + maximalBackoff);
        }
        if (spamRunMessagesPerSecond < 0) {
            throw new IllegalArgumentException("spamRunMessagesPerSecond must not be negative, was "
                    + spamRunMessagesPerSecond);
        }
        if (!(spamRunUnknownRecipientRate >= 0 && spamRunContentRejectionRate >= 0
                && spamRunUnknownRecipientRate + spamRunContentRejectionRate <= 1)) {
            throw new IllegalArgumentException("spam-run rates must be probabilities that add up to at most 1, were "
                    + spamRunUnknownRecipientRate + " and " + spamRunContentRejectionRate);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Exclusive end of the run's event time. */
    public Instant end() {
        return start.plus(duration);
    }

    /** Returns the spam run's submission rate, derived from the normal rate when not set. */
    public double effectiveSpamRunRate() {
        return spamRunMessagesPerSecond > 0 ? spamRunMessagesPerSecond : Math.max(0.5, messagesPerSecond * 0.3);
    }

    /** Builder with the defaults of a two-hour demo run: 6 hosts, 20 messages/s, all incidents. */
    public static final class Builder {
        private long seed = 1;
        private Instant start = DEFAULT_START;
        private Duration duration = Duration.ofHours(2);
        private double messagesPerSecond = 20;
        private long maxLines;
        private int hosts = 6;
        private Set<IncidentKind> incidents = EnumSet.allOf(IncidentKind.class);
        private final Map<IncidentKind, TimeWindow> incidentWindows = new EnumMap<>(IncidentKind.class);
        private boolean greylistingStorm;
        private TimeWindow greylistingStormWindow;
        private String greylistingStormProfile = "free";
        private boolean diurnal;
        private boolean isoTimestamps;
        private boolean longQueueIds;
        private Duration queueLifetime = Duration.ofHours(1);
        private Duration minimalBackoff = Duration.ofMinutes(5);
        private Duration maximalBackoff = Duration.ofSeconds(4000);
        private NoiseMix noise = NoiseMix.DEFAULT;
        private double spamRunMessagesPerSecond;
        private double spamRunUnknownRecipientRate = 0.35;
        private double spamRunContentRejectionRate = 0.10;

        private Builder() {
        }

        private Builder(GeneratorSettings settings) {
            seed = settings.seed;
            start = settings.start;
            duration = settings.duration;
            messagesPerSecond = settings.messagesPerSecond;
            maxLines = settings.maxLines;
            hosts = settings.hosts;
            incidents = settings.incidents.isEmpty() ? EnumSet.noneOf(IncidentKind.class) : EnumSet.copyOf(settings.incidents);
            incidentWindows.putAll(settings.incidentWindows);
            greylistingStorm = settings.greylistingStorm;
            greylistingStormWindow = settings.greylistingStormWindow;
            greylistingStormProfile = settings.greylistingStormProfile;
            diurnal = settings.diurnal;
            isoTimestamps = settings.isoTimestamps;
            longQueueIds = settings.longQueueIds;
            queueLifetime = settings.queueLifetime;
            minimalBackoff = settings.minimalBackoff;
            maximalBackoff = settings.maximalBackoff;
            noise = settings.noise;
            spamRunMessagesPerSecond = settings.spamRunMessagesPerSecond;
            spamRunUnknownRecipientRate = settings.spamRunUnknownRecipientRate;
            spamRunContentRejectionRate = settings.spamRunContentRejectionRate;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder start(Instant value) {
            start = value;
            return this;
        }

        public Builder duration(Duration value) {
            duration = value;
            return this;
        }

        public Builder messagesPerSecond(double value) {
            messagesPerSecond = value;
            return this;
        }

        public Builder maxLines(long value) {
            maxLines = value;
            return this;
        }

        public Builder hosts(int value) {
            hosts = value;
            return this;
        }

        public Builder incidents(Collection<IncidentKind> value) {
            incidents = value.isEmpty() ? EnumSet.noneOf(IncidentKind.class) : EnumSet.copyOf(value);
            return this;
        }

        public Builder noIncidents() {
            incidents = EnumSet.noneOf(IncidentKind.class);
            return this;
        }

        /** Runs {@code kind} in {@code window} instead of its default slot of the schedule. */
        public Builder incidentWindow(IncidentKind kind, TimeWindow window) {
            incidentWindows.put(kind, window);
            return this;
        }

        public Builder greylistingStorm(boolean value) {
            greylistingStorm = value;
            return this;
        }

        public Builder greylistingStormWindow(TimeWindow value) {
            greylistingStormWindow = value;
            return this;
        }

        public Builder greylistingStormProfile(String value) {
            greylistingStormProfile = value;
            return this;
        }

        public Builder diurnal(boolean value) {
            diurnal = value;
            return this;
        }

        public Builder isoTimestamps(boolean value) {
            isoTimestamps = value;
            return this;
        }

        public Builder longQueueIds(boolean value) {
            longQueueIds = value;
            return this;
        }

        public Builder queueLifetime(Duration value) {
            queueLifetime = value;
            return this;
        }

        public Builder backoff(Duration minimal, Duration maximal) {
            minimalBackoff = minimal;
            maximalBackoff = maximal;
            return this;
        }

        public Builder noise(NoiseMix value) {
            noise = value;
            return this;
        }

        public Builder spamRunMessagesPerSecond(double value) {
            spamRunMessagesPerSecond = value;
            return this;
        }

        public Builder spamRunRates(double unknownRecipientRate, double contentRejectionRate) {
            spamRunUnknownRecipientRate = unknownRecipientRate;
            spamRunContentRejectionRate = contentRejectionRate;
            return this;
        }

        /**
         * Checks and returns the settings.
         *
         * @throws IllegalArgumentException naming the invalid value
         */
        public GeneratorSettings build() {
            return new GeneratorSettings(seed, start, duration, messagesPerSecond, maxLines, hosts, incidents,
                    incidentWindows, greylistingStorm, greylistingStormWindow, greylistingStormProfile, diurnal,
                    isoTimestamps, longQueueIds, queueLifetime, minimalBackoff, maximalBackoff, noise,
                    spamRunMessagesPerSecond, spamRunUnknownRecipientRate, spamRunContentRejectionRate);
        }
    }
}
