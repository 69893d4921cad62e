package io.mailflow.ingest.generate;

import io.mailflow.schemas.DeliveryStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Decides what happens to generated messages: who submits them, to whom, and for each delivery round
 * which MX hosts reply what and when. It adds the resulting steps to each {@link MessageLife}; the
 * {@link LineRenderer} writes them later.
 *
 * <p>Not thread-safe. Every choice draws from the run's single random stream in event-time order,
 * which is what makes a run reproducible.
 */
final class MessagePlanner {

    private static final long SECOND = 1_000_000L;
    private static final long MILLI = 1_000L;
    private static final long CONNECT_TIMEOUT_MICROS = 30 * SECOND;
    private static final double REPEATED_OUTAGE_PROBABILITY = 0.4;
    private static final double MAILBOX_STILL_FULL_PROBABILITY = 0.6;
    private static final double TEMPORARY_AGAIN_PROBABILITY = 0.15;
    private static final double NEXT_MX_AFTER_DEFERRAL_PROBABILITY = 0.6;

    private final GeneratorSettings settings;
    private final Fleet fleet;
    private final ProviderCatalog catalog;
    private final IncidentPlan plan;
    private final Names names;
    private final SplittableRandom random;
    private final EventTime eventTime;
    private final NoiseMix noise;
    private final long queueLifetimeMicros;
    private final long minimalBackoffMicros;
    private final long maximalBackoffMicros;
    private final StringBuilder scratch = new StringBuilder(128);

    MessagePlanner(GeneratorSettings settings, Fleet fleet, ProviderCatalog catalog, IncidentPlan plan, Names names,
            SplittableRandom random, EventTime eventTime) {
        this.settings = settings;
        this.fleet = fleet;
        this.catalog = catalog;
        this.plan = plan;
        this.names = names;
        this.random = random;
        this.eventTime = eventTime;
        this.noise = settings.noise();
        this.queueLifetimeMicros = settings.queueLifetime().toMillis() * MILLI;
        this.minimalBackoffMicros = settings.minimalBackoff().toMillis() * MILLI;
        this.maximalBackoffMicros = settings.maximalBackoff().toMillis() * MILLI;
    }

    /** Creates a message of normal traffic whose submission starts at {@code startMicros}. */
    MessageLife newMessage(long startMicros) {
        FleetHost host = fleet.pickHost(random);
        SenderIdentity origin = host.pickSender(random);
        int recipientCount = normalRecipientCount();
        Recipient[] recipients = new Recipient[recipientCount];
        for (int i = 0; i < recipientCount; i++) {
            DomainRoute route = catalog.pickRoute(random);
            recipients[i] = new Recipient(recipientAddress(route), route, normalFate(route.profile));
        }
        int size = messageSize(origin.kind == SenderIdentity.Kind.APPLICATION ? 10.3 : 9.6);
        return submit(host, origin, recipients, size, startMicros, false, origin.clientHost, origin.clientIp);
    }

    /** Creates a spam-run message: the compromised account, many recipients, a client IP it never used before. */
    MessageLife newSpamMessage(long startMicros) {
        IncidentPlan.SpamRun run = plan.spamRun();
        int recipientCount = 1 + random.nextInt(8);
        Recipient[] recipients = new Recipient[recipientCount];
        for (int i = 0; i < recipientCount; i++) {
            DomainRoute route = catalog.pickRoute(random);
            recipients[i] = new Recipient(recipientAddress(route), route, spamFate(route.profile));
        }
        String clientIp = "198.51.100." + (200 + random.nextInt(50));
        return submit(run.host(), run.account(), recipients, messageSize(8.8), startMicros, true, "unknown", clientIp);
    }

    /**
     * Plans the delivery round that starts with the queue manager line at {@code activeMicros}: one
     * SMTP session per destination (or per recipient whose reply ends its session), then the bounce
     * notification, and the removal, the next retry or the expiry.
     */
    void planRound(MessageLife life, long activeMicros) {
        life.bouncedThisRound = false;
        List<Session> sessions = new ArrayList<>();
        List<DomainRoute> routes = new ArrayList<>();
        List<List<Recipient>> groups = new ArrayList<>();
        for (Recipient recipient : life.recipients) {
            if (recipient.done) {
                continue;
            }
            int group = routes.indexOf(recipient.route);
            if (group < 0) {
                routes.add(recipient.route);
                groups.add(new ArrayList<>());
                group = routes.size() - 1;
            }
            groups.get(group).add(recipient);
        }
        for (int g = 0; g < routes.size(); g++) {
            planDestination(life, routes.get(g), groups.get(g), activeMicros, sessions);
        }

        long roundEnd = activeMicros;
        for (Session session : sessions) {
            addSessionSteps(life, session);
            roundEnd = Math.max(roundEnd, session.endMicros);
            for (int r = 0; r < session.recipients.size(); r++) {
                Recipient recipient = session.recipients.get(r);
                ReplyTemplate reply = session.replies.get(r);
                DeliveryStatus status = session.timedOut ? DeliveryStatus.DEFERRED
                        : reply == null ? DeliveryStatus.SENT : reply.status();
                recipient.done = status != DeliveryStatus.DEFERRED;
                recipient.unreachable = session.timedOut;
                if (status == DeliveryStatus.BOUNCED) {
                    life.bouncedThisRound = true;
                }
            }
        }
        finishRound(life, roundEnd);
    }

    private void planDestination(MessageLife life, DomainRoute route, List<Recipient> recipients, long activeMicros,
            List<Session> sessions) {
        if (route.isLocal()) {
            Session session = newSession(life, route, "postfix/local", life.host.localPids.next(random), activeMicros);
            for (Recipient recipient : recipients) {
                session.recipients.add(recipient);
                session.replies.add(null);
            }
            session.connectMicros = 0;
            session.transmitMicros = randomMicros(0.002, 0.05);
            session.endMicros = activeMicros + session.queueManagerMicros + session.transmitMicros;
            sessions.add(session);
            return;
        }

        ProviderProfile profile = route.profile;
        ReplyKind incidentKind = plan.incidentReply(life.host, life.ipIndex, profile, activeMicros, random);
        if (incidentKind != null) {
            Session session = sharedSession(life, route, recipients, profile.reply(incidentKind, random), activeMicros,
                    false);
            // A reply is logged when its session ends. A session that would end after its incident
            // phase is planned as a normal attempt, so incident replies stay inside their windows.
            if (plan.incidentPhase(life.host, life.ipIndex, profile, session.endMicros) == incidentKind) {
                sessions.add(session);
                return;
            }
        }
        FleetHost.Suspension suspension = life.host.suspension(route.domain, activeMicros);
        if (suspension != null) {
            sessions.add(suspendedSession(life, route, recipients, suspension, activeMicros));
            return;
        }
        if (random.nextDouble() < outageProbability(profile, recipients, life.round)) {
            Session session = newSmtpSession(life, route, activeMicros);
            session.recipients.addAll(recipients);
            recipients.forEach(recipient -> session.replies.add(null));
            timeOut(session, activeMicros);
            // Postfix stops delivering to a destination whose connections time out, until its next
            // retry; meanwhile its mail is deferred with "delivery temporarily suspended".
            life.host.suspend(route.domain, new FleetHost.Suspension(session.endMicros,
                    session.endMicros + minimalBackoffMicros, session.finalHost, session.finalAddress));
            sessions.add(session);
            return;
        }

        boolean firstMxTimesOut = hasSecondChoice(route.mxHosts)
                && random.nextDouble() < Math.min(1, profile.timeouts * noise.timeoutScale());
        Session shared = null;
        for (Recipient recipient : recipients) {
            ReplyTemplate reply = recipientReply(recipient, profile, life.round, activeMicros);
            boolean endsSession = reply.status() != DeliveryStatus.SENT && reply.stage() != SmtpStage.RCPT;
            if (endsSession) {
                sessions.add(sharedSession(life, route, List.of(recipient), reply, activeMicros, firstMxTimesOut));
                continue;
            }
            if (shared == null) {
                shared = newSmtpSession(life, route, activeMicros);
                sessions.add(shared);
            }
            shared.recipients.add(recipient);
            shared.replies.add(reply);
        }
        if (shared != null) {
            settleSession(life, shared, activeMicros, firstMxTimesOut);
        }
    }

    private Session suspendedSession(MessageLife life, DomainRoute route, List<Recipient> recipients,
            FleetHost.Suspension suspension, long activeMicros) {
        Session session = newSession(life, route, "postfix/error", life.host.errorPids.next(random), activeMicros);
        for (Recipient recipient : recipients) {
            session.recipients.add(recipient);
            session.replies.add(null);
        }
        session.suspended = true;
        session.timedOut = true;
        session.finalHost = suspension.host();
        session.finalAddress = suspension.address();
        session.connectMicros = 0;
        session.transmitMicros = 0;
        session.endMicros = activeMicros + session.queueManagerMicros + randomMicros(0.0005, 0.01);
        return session;
    }

    private Session sharedSession(MessageLife life, DomainRoute route, List<Recipient> recipients, ReplyTemplate reply,
            long activeMicros, boolean firstMxTimesOut) {
        Session session = newSmtpSession(life, route, activeMicros);
        for (Recipient recipient : recipients) {
            session.recipients.add(recipient);
            session.replies.add(reply);
        }
        settleSession(life, session, activeMicros, firstMxTimesOut);
        return session;
    }

    private Session newSmtpSession(MessageLife life, DomainRoute route, long activeMicros) {
        return newSession(life, route, life.host.smtpPrograms[life.ipIndex], life.host.smtpPids.next(random),
                activeMicros);
    }

    private Session newSession(MessageLife life, DomainRoute route, String program, int pid, long activeMicros) {
        Session session = new Session(route, program, pid);
        session.queueMicros = activeMicros - life.arrivalMicros;
        session.queueManagerMicros = random.nextDouble() < 0.02 ? randomMicros(0.5, 3) : randomMicros(0, 0.05);
        return session;
    }

    /**
     * Picks the MX hosts tried and the timing of a session whose replies are known. When
     * {@code firstMxTimesOut}, the first host does not accept the connection within Postfix's
     * 30-second connect timeout and the session goes on with the next one.
     */
    private void settleSession(MessageLife life, Session session, long activeMicros, boolean firstMxTimesOut) {
        ProviderProfile profile = session.route.profile;
        ReplyTemplate first = session.replies.get(0);
        boolean allSent = true;
        boolean sameDeferral = first.status() == DeliveryStatus.DEFERRED;
        for (ReplyTemplate reply : session.replies) {
            allSent &= reply.status() == DeliveryStatus.SENT;
            sameDeferral &= reply == first;
        }

        MxHost[] hosts = session.route.mxHosts;
        long start = activeMicros + session.queueManagerMicros;
        long connect = 0;
        int host = firstHostIndex(hosts);
        String address = address(hosts[host]);
        if (firstMxTimesOut) {
            connect += CONNECT_TIMEOUT_MICROS;
            session.earlierTries.add(new Session.MxTry(start + connect, hosts[host], address, null));
            host = nextHostIndex(hosts, host);
            address = otherAddress(hosts[host], address);
        }
        boolean tryNext = sameDeferral && session.recipients.size() == 1 && hasSecondChoice(hosts)
                && (first.stage() == SmtpStage.CONNECT || random.nextDouble() < NEXT_MX_AFTER_DEFERRAL_PROBABILITY);
        if (tryNext) {
            connect += randomMicros(profile.connectSeconds * 0.5, profile.connectSeconds * 1.5);
            session.earlierTries.add(new Session.MxTry(start + connect, hosts[host], address, first));
            host = nextHostIndex(hosts, host);
            address = otherAddress(hosts[host], address);
        }
        session.finalHost = hosts[host];
        session.finalAddress = address;

        if (allSent && !tryNext && !firstMxTimesOut && random.nextDouble() < 0.25) {
            session.connectionReuse = 2 + random.nextInt(7);
        } else {
            connect += randomMicros(profile.connectSeconds * 0.5, profile.connectSeconds * 1.5);
        }
        session.connectMicros = connect;
        session.transmitMicros = switch (allSent ? SmtpStage.DATA : first.stage()) {
            case CONNECT, MAIL -> 0;
            case RCPT -> randomMicros(0.01, 0.12);
            default -> randomMicros(profile.transmitSeconds * 0.5, profile.transmitSeconds * 1.5)
                    + (long) (life.size / (1.0 + random.nextDouble() * 4.0));
        };
        session.endMicros = start + session.connectMicros + session.transmitMicros;
    }

    private void timeOut(Session session, long activeMicros) {
        MxHost[] hosts = session.route.mxHosts;
        int host = firstHostIndex(hosts);
        long start = activeMicros + session.queueManagerMicros;
        int tries = hasSecondChoice(hosts) ? 2 : 1;
        String previousAddress = null;
        for (int t = 0; t < tries; t++) {
            MxHost mx = hosts[host];
            String address = previousAddress == null ? address(mx) : otherAddress(mx, previousAddress);
            session.earlierTries.add(new Session.MxTry(start + (t + 1) * CONNECT_TIMEOUT_MICROS, mx, address, null));
            session.finalHost = mx;
            session.finalAddress = address;
            previousAddress = address;
            if (hosts.length > 1) {
                host = nextHostIndex(hosts, host);
                previousAddress = null;
            }
        }
        session.timedOut = true;
        session.connectMicros = tries * CONNECT_TIMEOUT_MICROS;
        session.transmitMicros = 0;
        session.endMicros = start + session.connectMicros;
    }

    private void addSessionSteps(MessageLife life, Session session) {
        for (int t = 0; t < session.earlierTries.size(); t++) {
            Session.MxTry mxTry = session.earlierTries.get(t);
            Step.Kind kind = mxTry.reply() == null ? Step.Kind.CONNECT_TIMEOUT : Step.Kind.MX_REPLY;
            life.add(new Step(mxTry.timeMicros(), kind, session, t, null));
        }
        for (int r = 0; r < session.recipients.size(); r++) {
            life.add(new Step(session.endMicros, Step.Kind.DELIVERY, session, r, null));
        }
    }

    private void finishRound(MessageLife life, long roundEnd) {
        long time = roundEnd + randomMicros(0.001, 0.02);
        if (life.bouncedThisRound && !life.isNotification()) {
            time = addNotification(life, time);
        }
        if (life.pendingRecipients() == 0) {
            life.add(Step.of(time + randomMicros(0.0005, 0.005), Step.Kind.REMOVED));
            return;
        }

        long backoff = Math.min(maximalBackoffMicros, minimalBackoffMicros << Math.min(life.round, 20));
        long retry = roundEnd + backoff + randomMicros(0, 30);
        life.round++;
        if (retry - life.arrivalMicros < queueLifetimeMicros) {
            life.add(Step.of(retry, Step.Kind.QMGR_ACTIVE));
            return;
        }
        for (Recipient recipient : life.recipients) {
            recipient.done = true;
        }
        life.add(Step.of(retry, Step.Kind.EXPIRED));
        long after = retry + randomMicros(0.001, 0.02);
        if (!life.isNotification()) {
            after = addNotification(life, after);
        }
        life.add(Step.of(after + randomMicros(0.0005, 0.005), Step.Kind.REMOVED));
    }

    /** Adds the cleanup and bounce lines of a non-delivery notification; returns the time after them. */
    private long addNotification(MessageLife life, long time) {
        long cleanupTime = time;
        long bounceTime = cleanupTime + randomMicros(0.0005, 0.01);
        MessageLife notification = newNotification(life, bounceTime);
        life.add(new Step(cleanupTime, Step.Kind.NOTIFICATION_CLEANUP, null, 0, notification));
        life.add(new Step(bounceTime, Step.Kind.NOTIFICATION_BOUNCE, null, 0, notification));
        return bounceTime;
    }

    private MessageLife newNotification(MessageLife parent, long bounceMicros) {
        FleetHost host = parent.host;
        String queueId = host.queueIds.next(bounceMicros);
        DomainRoute route = parent.origin.kind == SenderIdentity.Kind.LOCAL_USER
                ? DomainRoute.local(host.fqdn) : host.tenantMailHome;
        boolean unknown = parent.sender.startsWith("no-reply@") && random.nextDouble() < 0.5;
        Recipient recipient = new Recipient(parent.sender, route,
                unknown ? Recipient.Fate.UNKNOWN_RECIPIENT : Recipient.Fate.DELIVER);
        int size = 2_400 + random.nextInt(1_500) + Math.min(parent.size, 50_000);
        MessageLife notification = new MessageLife(host, queueId, null, "", postfixMessageId(queueId, host, bounceMicros),
                size, 0, new Recipient[] {recipient}, bounceMicros, false, null, null);
        notification.add(Step.of(bounceMicros + randomMicros(0.0005, 0.01), Step.Kind.QMGR_ACTIVE));
        return notification;
    }

    private MessageLife submit(FleetHost host, SenderIdentity origin, Recipient[] recipients, int size, long startMicros,
            boolean spam, String clientHost, String clientIp) {
        boolean smtp = origin.kind != SenderIdentity.Kind.LOCAL_USER;
        long arrival = smtp ? startMicros + randomMicros(0.03, 0.4) : startMicros;
        String queueId = host.queueIds.next(arrival);
        String messageId = smtp ? clientMessageId(origin) : postfixMessageId(queueId, host, arrival);
        MessageLife life = new MessageLife(host, queueId, origin, origin.address, messageId, size, origin.ipIndex,
                recipients, arrival, spam, clientHost, clientIp);

        if (smtp) {
            PidPool pool = origin.kind == SenderIdentity.Kind.SASL_USER ? host.submissionPids : host.smtpdPids;
            life.sessionPid = pool.next(random);
        }
        long cleanup = arrival + randomMicros(0.002, 0.03) + (smtp ? (long) (size / (0.5 + random.nextDouble() * 3.0)) : 0);
        long active = cleanup + randomMicros(0.0005, 0.01);
        if (smtp) {
            life.add(Step.of(startMicros, Step.Kind.SMTPD_CONNECT));
            life.add(Step.of(arrival, Step.Kind.SMTPD_CLIENT));
            life.add(Step.of(active + randomMicros(0.002, 0.08), Step.Kind.SMTPD_DISCONNECT));
        } else {
            life.add(Step.of(arrival, Step.Kind.PICKUP));
        }
        life.add(Step.of(cleanup, Step.Kind.CLEANUP));
        life.add(Step.of(active, Step.Kind.QMGR_ACTIVE));
        return life;
    }

    private ReplyTemplate recipientReply(Recipient recipient, ProviderProfile profile, int round, long timeMicros) {
        ReplyKind kind;
        if (plan.stormGreylists(profile, round, timeMicros, random)) {
            kind = ReplyKind.GREYLISTING;
        } else {
            kind = switch (recipient.fate) {
                case DELIVER -> ReplyKind.SENT;
                case UNKNOWN_RECIPIENT -> ReplyKind.UNKNOWN_RECIPIENT;
                case CONTENT -> ReplyKind.CONTENT;
                case MAILBOX_FULL -> round == 0 || random.nextDouble() < MAILBOX_STILL_FULL_PROBABILITY
                        ? ReplyKind.MAILBOX_FULL : ReplyKind.SENT;
                case GREYLISTED -> round == 0 ? ReplyKind.GREYLISTING : ReplyKind.SENT;
                case TEMPORARY -> round == 0 || random.nextDouble() < TEMPORARY_AGAIN_PROBABILITY
                        ? ReplyKind.TEMPORARY : ReplyKind.SENT;
            };
        }
        ReplyTemplate reply = profile.reply(kind, random);
        return reply != null ? reply : profile.reply(ReplyKind.SENT, random);
    }

    private double outageProbability(ProviderProfile profile, List<Recipient> recipients, int round) {
        if (round > 0) {
            for (Recipient recipient : recipients) {
                if (recipient.unreachable) {
                    return REPEATED_OUTAGE_PROBABILITY;
                }
            }
        }
        return Math.min(1, profile.outages * noise.timeoutScale());
    }

    private Recipient.Fate normalFate(ProviderProfile profile) {
        double draw = random.nextDouble();
        if (draw < noise.unknownRecipient()) {
            return profile.has(ReplyKind.UNKNOWN_RECIPIENT) ? Recipient.Fate.UNKNOWN_RECIPIENT : Recipient.Fate.DELIVER;
        }
        draw -= noise.unknownRecipient();
        if (draw < noise.mailboxFull()) {
            return profile.has(ReplyKind.MAILBOX_FULL) ? Recipient.Fate.MAILBOX_FULL : Recipient.Fate.DELIVER;
        }
        draw -= noise.mailboxFull();
        if (draw < noise.temporaryFailure()) {
            return profile.has(ReplyKind.TEMPORARY) ? Recipient.Fate.TEMPORARY : Recipient.Fate.DELIVER;
        }
        if (profile.has(ReplyKind.GREYLISTING)
                && random.nextDouble() < Math.min(1, profile.greylisting * noise.greylistingScale())) {
            return Recipient.Fate.GREYLISTED;
        }
        return Recipient.Fate.DELIVER;
    }

    private Recipient.Fate spamFate(ProviderProfile profile) {
        double draw = random.nextDouble();
        if (draw < settings.spamRunUnknownRecipientRate()) {
            return profile.has(ReplyKind.UNKNOWN_RECIPIENT) ? Recipient.Fate.UNKNOWN_RECIPIENT : Recipient.Fate.DELIVER;
        }
        draw -= settings.spamRunUnknownRecipientRate();
        if (draw < settings.spamRunContentRejectionRate()) {
            return profile.has(ReplyKind.CONTENT) ? Recipient.Fate.CONTENT : Recipient.Fate.DELIVER;
        }
        return normalFate(profile);
    }

    private int normalRecipientCount() {
        double draw = random.nextDouble();
        if (draw < 0.85) {
            return 1;
        }
        return draw < 0.97 ? 2 + random.nextInt(3) : 5 + random.nextInt(11);
    }

    // Log-normal sizes around e^mu bytes, from a short notification to a large attachment.
    private int messageSize(double mu) {
        double size = Math.exp(mu + random.nextGaussian() * 0.9);
        return (int) Math.max(600, Math.min(12_000_000, size));
    }

    private String recipientAddress(DomainRoute route) {
        scratch.setLength(0);
        boolean company = route.domain.endsWith(".example")
                || (route.profile != null && route.profile.provider.equals("other"));
        if (company) {
            names.appendCompanyLocalPart(scratch, random);
        } else {
            names.appendFreemailLocalPart(scratch, random);
        }
        return scratch.append('@').append(route.domain).toString();
    }

    private String clientMessageId(SenderIdentity origin) {
        scratch.setLength(0);
        String domain = origin.address.substring(origin.address.indexOf('@') + 1);
        if (origin.kind == SenderIdentity.Kind.APPLICATION) {
            scratch.append(Long.toHexString(random.nextLong() >>> 4)).append('.');
            scratch.append(random.nextInt(1_000_000)).append("@").append(origin.clientHost);
            return scratch.toString();
        }
        appendHex(scratch, 8);
        scratch.append('-');
        appendHex(scratch, 4);
        scratch.append('-');
        appendHex(scratch, 4);
        scratch.append('-');
        appendHex(scratch, 4);
        scratch.append('-');
        appendHex(scratch, 12);
        return scratch.append('@').append(domain).toString();
    }

    /** Returns the Message-ID that Postfix's cleanup adds to a message without one: date, queue id, host. */
    private String postfixMessageId(String queueId, FleetHost host, long micros) {
        scratch.setLength(0);
        eventTime.appendCompact(scratch, micros);
        return scratch.append('.').append(queueId).append('@').append(host.fqdn).toString();
    }

    private void appendHex(StringBuilder out, int digits) {
        for (int i = 0; i < digits; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
    }

    private long randomMicros(double lowSeconds, double highSeconds) {
        return (long) ((lowSeconds + random.nextDouble() * (highSeconds - lowSeconds)) * SECOND);
    }

    // Among the hosts of lowest preference, one at random: Postfix shuffles equal-preference MX hosts.
    private int firstHostIndex(MxHost[] hosts) {
        int equal = 1;
        while (equal < hosts.length && hosts[equal].preference() == hosts[0].preference()) {
            equal++;
        }
        return equal == 1 ? 0 : random.nextInt(equal);
    }

    private static int nextHostIndex(MxHost[] hosts, int current) {
        return (current + 1) % hosts.length;
    }

    private static boolean hasSecondChoice(MxHost[] hosts) {
        return hosts.length > 1 || hosts[0].addresses().length > 1;
    }

    private String address(MxHost host) {
        String[] addresses = host.addresses();
        return addresses.length == 1 ? addresses[0] : addresses[random.nextInt(addresses.length)];
    }

    private String otherAddress(MxHost host, String previous) {
        String[] addresses = host.addresses();
        for (int attempt = 0; attempt < 4; attempt++) {
            String candidate = address(host);
            if (!candidate.equals(previous)) {
                return candidate;
            }
        }
        return previous;
    }
}
