package io.mailflow.ingest.generate;

import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.schemas.HostInventoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the Postfix maillog of a fleet of sending hosts: realistic, seeded and reproducible
 * traffic with baseline noise and injected incidents, and the ground truth of what was injected.
 *
 * <p>Each message has a coherent life: submission ({@code smtpd} with or without SASL, or
 * {@code pickup}), {@code cleanup}, {@code qmgr}, one or more delivery rounds by {@code smtp} with
 * per-MX replies, retries on the Postfix backoff schedule, expiry, bounce notifications and removal.
 * Lines of all hosts come out in event-time order. The same {@link GeneratorSettings} give
 * byte-identical output: every choice comes from one random stream seeded by
 * {@link GeneratorSettings#seed()}, and no clock is read.
 *
 * <p>An instance may run {@link #generate(LineSink)} several times, each time with the same
 * output. Not thread-safe.
 */
public final class TrafficGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficGenerator.class);

    private final GeneratorSettings settings;
    private final ProviderCatalog catalog;
    private final List<Incident> incidents;
    private final List<NoiseEpisode> noiseEpisodes;
    private final List<HostInventoryEntry> inventory;

    /**
     * Prepares a run: loads the provider data, builds the fleet and schedules the incidents.
     *
     * @throws IllegalArgumentException when a setting names an unknown provider profile
     */
    public TrafficGenerator(GeneratorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.catalog = ProviderCatalog.loadDefault();
        World world = buildWorld();
        this.incidents = world.plan.incidents();
        this.noiseEpisodes = world.plan.noiseEpisodes();
        this.inventory = world.fleet.inventory();
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /** Ground truth of the planned incidents, in start order; a run cut short by the line limit may write fewer. */
    public List<Incident> incidents() {
        return incidents;
    }

    /** Harmless episodes (the greylisting storm) that must not alert. */
    public List<NoiseEpisode> noiseEpisodes() {
        return noiseEpisodes;
    }

    /** Returns the spans of the planned run with no incident in them, where no alert is expected. */
    public List<TimeWindow> cleanPeriods() {
        return cleanPeriods(incidents, settings.start(), settings.end());
    }

    /** Hosts with their sending IPs and tenants, one entry per host and one per extra syslog instance. */
    public List<HostInventoryEntry> inventory() {
        return inventory;
    }

    /**
     * Writes the run's lines to {@code sink} in event-time order and returns what was written.
     *
     * @throws java.io.UncheckedIOException when the sink fails to write
     */
    public GenerationSummary generate(LineSink sink) {
        Objects.requireNonNull(sink, "sink");
        World world = buildWorld();
        Run run = new Run(world, sink);
        run.execute();
        GenerationSummary summary = run.summary();
        LOG.info("Generated traffic: lines={} messages={} spamMessages={} attempts={} deferred={} bounced={}"
                        + " expired={} firstEventTime={} lastEventTime={} stoppedByLineLimit={}",
                summary.lines(), summary.messagesSubmitted(), summary.spamMessages(), summary.attempts(),
                summary.attemptsDeferred(), summary.attemptsBounced(), summary.messagesExpired(),
                summary.firstEventTime(), summary.lastEventTime(), summary.stoppedByLineLimit());
        return summary;
    }

    /** The seeded state of a run: separate random streams for fleet, incidents and traffic. */
    private record World(Fleet fleet, IncidentPlan plan, SplittableRandom trafficRandom) {
    }

    private World buildWorld() {
        SplittableRandom root = new SplittableRandom(settings.seed());
        SplittableRandom fleetRandom = root.split();
        SplittableRandom planRandom = root.split();
        SplittableRandom trafficRandom = root.split();
        Fleet fleet = Fleet.build(settings.hosts(), settings.longQueueIds(), catalog, fleetRandom);
        IncidentPlan plan = new IncidentPlan(settings, fleet, catalog, planRandom);
        return new World(fleet, plan, trafficRandom);
    }

    static List<TimeWindow> cleanPeriods(List<Incident> incidents, Instant start, Instant end) {
        List<TimeWindow> busy = new ArrayList<>();
        incidents.forEach(incident -> busy.add(incident.window()));
        busy.sort(Comparator.comparing(TimeWindow::start));
        List<TimeWindow> clean = new ArrayList<>();
        Instant cursor = start;
        for (TimeWindow window : busy) {
            if (window.start().isAfter(cursor)) {
                clean.add(new TimeWindow(cursor, window.start().isBefore(end) ? window.start() : end));
            }
            if (window.end().isAfter(cursor)) {
                cursor = window.end();
            }
        }
        if (cursor.isBefore(end)) {
            clean.add(new TimeWindow(cursor, end));
        }
        clean.removeIf(window -> !window.start().isBefore(window.end()));
        return clean;
    }

    /** One execution of the event loop. */
    private final class Run {

        private static final double TWO_PI = 2 * Math.PI;

        private final World world;
        private final LineSink sink;
        private final SplittableRandom random;
        private final MessagePlanner planner;
        private final LineRenderer renderer;
        private final LifeQueue queue = new LifeQueue();
        private final long startMicros = EventTime.micros(settings.start());
        private final long endMicros = EventTime.micros(settings.end());
        private long sequence;
        private long lines;
        private long messages;
        private long spamMessages;
        private long notifications;
        private long sent;
        private long deferred;
        private long bounced;
        private long expired;
        private long firstMicros = Long.MIN_VALUE;
        private long lastMicros = Long.MIN_VALUE;
        private boolean stoppedByLineLimit;

        Run(World world, LineSink sink) {
            this.world = world;
            this.sink = sink;
            this.random = world.trafficRandom();
            EventTime eventTime = new EventTime();
            Names names = new Names(
                    ConfFile.loadResource(Fleet.RESOURCE).section("first-names").words(),
                    ConfFile.loadResource(Fleet.RESOURCE).section("last-names").words());
            this.planner = new MessagePlanner(settings, world.fleet(), catalog, world.plan(), names, random, eventTime);
            this.renderer = new LineRenderer(settings.isoTimestamps(), eventTime, new ReplyContext(random, eventTime));
        }

        void execute() {
            IncidentPlan.SpamRun spamRun = world.plan().spamRun();
            double spamRate = settings.effectiveSpamRunRate();
            long nextNormal = startMicros + interArrival(startMicros, settings.messagesPerSecond(), settings.diurnal());
            long nextSpam = spamRun == null ? Long.MAX_VALUE
                    : spamRun.startMicros() + interArrival(spamRun.startMicros(), spamRate, false);

            while (true) {
                MessageLife head = queue.peek();
                long headMicros = head == null ? Long.MAX_VALUE : head.nextMicros;
                long arrivalMicros = Math.min(nextNormal, nextSpam);
                if (headMicros <= arrivalMicros) {
                    if (headMicros >= endMicros) {
                        return;
                    }
                    queue.poll();
                    writeStep(head);
                    if (settings.maxLines() > 0 && lines >= settings.maxLines()) {
                        stoppedByLineLimit = true;
                        return;
                    }
                    continue;
                }
                if (arrivalMicros >= endMicros) {
                    return;
                }
                if (arrivalMicros == nextSpam) {
                    schedule(planner.newSpamMessage(nextSpam));
                    spamMessages++;
                    nextSpam += interArrival(nextSpam, spamRate, false);
                    if (nextSpam >= spamRun.endMicros()) {
                        nextSpam = Long.MAX_VALUE;
                    }
                } else {
                    schedule(planner.newMessage(nextNormal));
                    nextNormal += interArrival(nextNormal, settings.messagesPerSecond(), settings.diurnal());
                }
                messages++;
            }
        }

        private void writeStep(MessageLife life) {
            Step step = life.take();
            StringBuilder line = renderer.render(life, step);
            sink.accept(line, life.host.name);
            lines++;
            if (firstMicros == Long.MIN_VALUE) {
                firstMicros = step.timeMicros;
            }
            lastMicros = step.timeMicros;

            switch (step.kind) {
                case QMGR_ACTIVE -> planner.planRound(life, step.timeMicros);
                case NOTIFICATION_BOUNCE -> {
                    schedule(step.notification);
                    notifications++;
                }
                case DELIVERY -> countAttempt(step);
                case EXPIRED -> expired++;
                default -> {
                }
            }
            if (life.hasSteps()) {
                schedule(life);
            }
        }

        private void countAttempt(Step step) {
            Session session = step.session;
            if (session.timedOut) {
                deferred++;
                return;
            }
            ReplyTemplate reply = session.replies.get(step.index);
            DeliveryStatus status = reply == null ? DeliveryStatus.SENT : reply.status();
            switch (status) {
                case SENT -> sent++;
                case DEFERRED -> deferred++;
                default -> bounced++;
            }
        }

        private void schedule(MessageLife life) {
            life.nextMicros = life.peek().timeMicros;
            life.sequence = sequence++;
            queue.add(life);
        }

        // Exponential gaps make a Poisson process; the diurnal factor swings the rate from 0.4x at
        // 03:00 UTC to 1.6x at 15:00 UTC.
        private long interArrival(long nowMicros, double perSecond, boolean diurnal) {
            double rate = perSecond;
            if (diurnal) {
                double hour = Math.floorMod(nowMicros, 86_400_000_000L) / 3_600_000_000.0;
                rate *= 1 + 0.6 * Math.sin(TWO_PI * (hour - 9) / 24);
            }
            double gapSeconds = -Math.log(1 - random.nextDouble()) / rate;
            return Math.max(1, (long) (gapSeconds * 1_000_000));
        }

        GenerationSummary summary() {
            Instant first = lines == 0 ? settings.start() : EventTime.instant(firstMicros);
            Instant last = lines == 0 ? settings.start() : EventTime.instant(lastMicros);
            Instant writtenEnd = stoppedByLineLimit ? EventTime.instant(lastMicros + 1) : settings.end();

            List<Incident> written = new ArrayList<>();
            for (Incident incident : incidents) {
                if (incident.start().isBefore(writtenEnd)) {
                    written.add(incident.end().isAfter(writtenEnd) ? incident.endingAt(writtenEnd) : incident);
                }
            }
            List<NoiseEpisode> episodes = new ArrayList<>();
            for (NoiseEpisode episode : noiseEpisodes) {
                if (episode.start().isBefore(writtenEnd)) {
                    Instant end = episode.end().isAfter(writtenEnd) ? writtenEnd : episode.end();
                    episodes.add(new NoiseEpisode(episode.id(), episode.provider(), episode.recipientDomains(),
                            episode.category(), episode.start(), end, episode.summary()));
                }
            }
            return new GenerationSummary(lines, messages, spamMessages, notifications, sent, deferred, bounced, expired,
                    first, last, stoppedByLineLimit, written, episodes,
                    cleanPeriods(written, settings.start(), writtenEnd));
        }
    }
}
