package io.mailflow.ingest.generate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * When and where each incident of a run happens, and which reply an attempt gets while one is
 * active.
 *
 * <p>Default schedule, as fractions of the run: a clean baseline until 20%, then the incidents one
 * after another with clean gaps between them (spam run 20-32%, Gmail 36-48%, Microsoft 52-62%,
 * IronPort 66-76%, Comcast 80-90%), then a clean recovery. Each incident targets a different host
 * when the fleet has enough hosts, and the busiest sending IP of that host, so that detectors see
 * enough attempts per window.
 */
final class IncidentPlan {

    private static final Map<IncidentKind, double[]> DEFAULT_SLOTS = new EnumMap<>(Map.of(
            IncidentKind.SPAM_RUN, new double[] {0.20, 0.32},
            IncidentKind.GMAIL_RATE_LIMIT, new double[] {0.36, 0.48},
            IncidentKind.MICROSOFT_BLOCKLIST, new double[] {0.52, 0.62},
            IncidentKind.IRONPORT_REPUTATION, new double[] {0.66, 0.76},
            IncidentKind.COMCAST_DNSBL, new double[] {0.80, 0.90}));
    private static final double[] STORM_SLOT = {0.08, 0.16};

    // Share of the Gmail window with 421 throttling before the 550 blocks start.
    private static final double GMAIL_THROTTLE_SHARE = 0.4;
    private static final double GMAIL_THROTTLE_PROBABILITY = 0.75;
    private static final double GMAIL_BLOCK_PROBABILITY = 0.95;
    private static final double STORM_FIRST_ATTEMPT_PROBABILITY = 0.7;
    private static final double STORM_RETRY_PROBABILITY = 0.15;

    /** An incident that changes replies of some profiles for one sending IP. */
    private record ReplyIncident(IncidentKind kind, FleetHost host, int ipIndex, List<ProviderProfile> profiles,
            long startMicros, long endMicros, long escalationMicros) {
    }

    private final List<Incident> incidents = new ArrayList<>();
    private final List<ReplyIncident> replyIncidents = new ArrayList<>();
    private final List<NoiseEpisode> noiseEpisodes = new ArrayList<>();
    private SpamRun spamRun;
    private ProviderProfile stormProfile;
    private long stormStartMicros;
    private long stormEndMicros;

    /** The spam run's target and timing. */
    record SpamRun(FleetHost host, SenderIdentity account, long startMicros, long endMicros) {
    }

    IncidentPlan(GeneratorSettings settings, Fleet fleet, ProviderCatalog catalog, SplittableRandom random) {
        for (IncidentKind kind : IncidentKind.values()) {
            if (settings.incidents().contains(kind)) {
                TimeWindow window = settings.incidentWindows().get(kind);
                if (window == null) {
                    window = slot(settings, DEFAULT_SLOTS.get(kind));
                }
                plan(kind, window, fleet, catalog, random);
            }
        }
        incidents.sort(Comparator.comparing(Incident::start));
        if (settings.greylistingStorm()) {
            TimeWindow window = settings.greylistingStormWindow() != null
                    ? settings.greylistingStormWindow() : slot(settings, STORM_SLOT);
            planStorm(catalog.profile(settings.greylistingStormProfile()), window);
        }
    }

    List<Incident> incidents() {
        return List.copyOf(incidents);
    }

    List<NoiseEpisode> noiseEpisodes() {
        return List.copyOf(noiseEpisodes);
    }

    SpamRun spamRun() {
        return spamRun;
    }

    /**
     * Returns the reply kind an incident forces on an attempt from {@code host}'s IP {@code ipIndex}
     * to {@code profile} at {@code timeMicros}, or null when no incident applies.
     */
    ReplyKind incidentReply(FleetHost host, int ipIndex, ProviderProfile profile, long timeMicros,
            SplittableRandom random) {
        for (int i = 0; i < replyIncidents.size(); i++) {
            ReplyIncident incident = replyIncidents.get(i);
            if (incident.host != host || incident.ipIndex != ipIndex
                    || timeMicros < incident.startMicros || timeMicros >= incident.endMicros
                    || !incident.profiles.contains(profile)) {
                continue;
            }
            if (incident.kind != IncidentKind.GMAIL_RATE_LIMIT) {
                return incident.kind.replyKind();
            }
            if (timeMicros < incident.escalationMicros) {
                return random.nextDouble() < GMAIL_THROTTLE_PROBABILITY ? ReplyKind.RATE_LIMIT : null;
            }
            return random.nextDouble() < GMAIL_BLOCK_PROBABILITY ? ReplyKind.IP_BLOCKED : null;
        }
        return null;
    }

    /**
     * Returns the reply kind of the incident phase in force at {@code timeMicros} for this sending IP
     * and profile, drawing nothing at random; null when no incident is in force then. The planner uses
     * it to keep every incident reply line inside its phase.
     */
    ReplyKind incidentPhase(FleetHost host, int ipIndex, ProviderProfile profile, long timeMicros) {
        for (int i = 0; i < replyIncidents.size(); i++) {
            ReplyIncident incident = replyIncidents.get(i);
            if (incident.host == host && incident.ipIndex == ipIndex && timeMicros >= incident.startMicros
                    && timeMicros < incident.endMicros && incident.profiles.contains(profile)) {
                if (incident.kind != IncidentKind.GMAIL_RATE_LIMIT) {
                    return incident.kind.replyKind();
                }
                return timeMicros < incident.escalationMicros ? ReplyKind.RATE_LIMIT : ReplyKind.IP_BLOCKED;
            }
        }
        return null;
    }

    /** Returns whether the greylisting storm greylists this attempt. */
    boolean stormGreylists(ProviderProfile profile, int round, long timeMicros, SplittableRandom random) {
        if (profile != stormProfile || timeMicros < stormStartMicros || timeMicros >= stormEndMicros) {
            return false;
        }
        return random.nextDouble() < (round == 0 ? STORM_FIRST_ATTEMPT_PROBABILITY : STORM_RETRY_PROBABILITY);
    }

    private void plan(IncidentKind kind, TimeWindow window, Fleet fleet, ProviderCatalog catalog,
            SplittableRandom random) {
        List<FleetHost> hosts = fleet.hosts;
        long start = EventTime.micros(window.start());
        long end = EventTime.micros(window.end());
        switch (kind) {
            case SPAM_RUN -> planSpamRun(hosts.get(0), window, random);
            case GMAIL_RATE_LIMIT -> {
                FleetHost host = hosts.get(1 % hosts.size());
                int ipIndex = host.busiestIpIndex();
                long escalation = start + (long) ((end - start) * GMAIL_THROTTLE_SHARE);
                addReplyIncident(kind, host, ipIndex, catalog, window, escalation,
                        "Gmail throttles " + host.sendingIps[ipIndex] + " with 421 4.7.0 (unusual rate of unsolicited mail),"
                                + " then blocks it with 550 5.7.1 from " + EventTime.instant(escalation));
            }
            case MICROSOFT_BLOCKLIST -> {
                FleetHost host = hosts.get(2 % hosts.size());
                int ipIndex = host.busiestIpIndex();
                addReplyIncident(kind, host, ipIndex, catalog, window, end,
                        "Microsoft rejects mail from " + host.sendingIps[ipIndex]
                                + ": S3150 block list at outlook.com and hotmail.com, 5.7.606 banned sending IP at Microsoft 365");
            }
            case IRONPORT_REPUTATION -> {
                FleetHost host = hosts.get(3 % hosts.size());
                int ipIndex = host.busiestIpIndex();
                addReplyIncident(kind, host, ipIndex, catalog, window, end,
                        "Company domains behind Cisco IronPort reject " + host.sendingIps[ipIndex]
                                + " for the sending MTA's poor reputation (SenderBase)");
            }
            case COMCAST_DNSBL -> {
                FleetHost host = hosts.get(4 % hosts.size());
                int ipIndex = host.busiestIpIndex();
                addReplyIncident(kind, host, ipIndex, catalog, window, end,
                        "Comcast refuses " + host.sendingIps[ipIndex]
                                + " at the greeting: found on one or more DNSBLs (BL000010)");
            }
        }
    }

    private void planSpamRun(FleetHost host, TimeWindow window, SplittableRandom random) {
        // A quiet account is the usual victim, because a leaked password of a rarely used account goes unnoticed.
        List<SenderIdentity> users = new ArrayList<>(host.saslUsers());
        users.sort(Comparator.comparingDouble(user -> user.weight));
        SenderIdentity account = users.get(random.nextInt(Math.max(1, users.size() / 2)));
        spamRun = new SpamRun(host, account, EventTime.micros(window.start()), EventTime.micros(window.end()));
        incidents.add(new Incident(IncidentKind.SPAM_RUN.optionName(), IncidentKind.SPAM_RUN,
                IncidentKind.SPAM_RUN.alertType(), host.name, host.tenant, host.sendingIps[account.ipIndex], null,
                List.of(), IncidentKind.SPAM_RUN.category(), account.saslUsername, window.start(), window.end(), null,
                "SASL account " + account.saslUsername + " on " + host.name
                        + " submits spam to many recipients across providers, many of them unknown, until it is stopped"));
    }

    private void addReplyIncident(IncidentKind kind, FleetHost host, int ipIndex, ProviderCatalog catalog,
            TimeWindow window, long escalationMicros, String summary) {
        List<ProviderProfile> profiles = catalog.profilesWith(kind.provider(), kind.replyKind());
        long start = EventTime.micros(window.start());
        long end = EventTime.micros(window.end());
        replyIncidents.add(new ReplyIncident(kind, host, ipIndex, profiles, start, end, escalationMicros));

        List<String> domains = new ArrayList<>();
        if (kind == IncidentKind.IRONPORT_REPUTATION) {
            profiles.forEach(profile -> domains.addAll(profile.domains()));
        }
        Instant escalation = kind == IncidentKind.GMAIL_RATE_LIMIT ? EventTime.instant(escalationMicros) : null;
        incidents.add(new Incident(kind.optionName(), kind, kind.alertType(), host.name, host.tenant,
                host.sendingIps[ipIndex], kind.provider(), domains, kind.category(), null, window.start(), window.end(),
                escalation, summary));
    }

    private void planStorm(ProviderProfile profile, TimeWindow window) {
        if (!profile.has(ReplyKind.GREYLISTING)) {
            throw new IllegalArgumentException("greylisting storm profile '" + profile.name
                    + "' has no greylisting reply in " + ProviderCatalog.RESOURCE);
        }
        stormProfile = profile;
        stormStartMicros = EventTime.micros(window.start());
        stormEndMicros = EventTime.micros(window.end());
        noiseEpisodes.add(new NoiseEpisode("greylisting-storm", profile.provider, profile.domains(), "greylisting",
                window.start(), window.end(),
                "Provider profile " + profile.name + " greylists most first attempts from every sending IP;"
                        + " retries succeed, so no alert is expected"));
    }

    private static TimeWindow slot(GeneratorSettings settings, double[] fractions) {
        long millis = settings.duration().toMillis();
        Instant start = settings.start().plus(Duration.ofMillis((long) (millis * fractions[0])));
        Instant end = settings.start().plus(Duration.ofMillis((long) (millis * fractions[1])));
        return new TimeWindow(start, end);
    }
}
