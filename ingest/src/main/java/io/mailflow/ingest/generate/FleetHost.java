package io.mailflow.ingest.generate;

import io.mailflow.schemas.HostInventoryEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One sending host of the generated fleet: its syslog name, tenant, sending IPs and the senders
 * that submit mail on it, plus the per-host state of a run (queue ids, daemon pids).
 *
 * <p>A host with several sending IPs binds each extra IP to its own {@code smtp} transport with its
 * own syslog name ({@code postfix-out2/smtp}, in master.cf {@code -o smtp_bind_address=IP
 * -o syslog_name=postfix-out2}); senders are mapped to transports by sender address. The inventory
 * lists the IP each syslog instance sends from.
 */
final class FleetHost {

    static final String DEFAULT_INSTANCE = "postfix";

    final String name;
    final String fqdn;
    final String tenant;
    final String tenantDomain;
    final DomainRoute tenantMailHome;
    final String[] sendingIps;
    final String[] smtpPrograms;
    final String[] instances;
    final double weight;
    final List<SenderIdentity> senders;
    private final double[] cumulativeSenderWeights;

    final QueueIdAllocator queueIds;
    final PidPool smtpdPids;
    final PidPool submissionPids;
    final PidPool cleanupPids;
    final PidPool smtpPids;
    final PidPool bouncePids;
    final PidPool localPids;
    final PidPool errorPids;
    final int qmgrPid;
    final int pickupPid;

    FleetHost(String name, String fqdn, String tenant, String tenantDomain, DomainRoute tenantMailHome,
            String[] sendingIps, double weight, List<SenderIdentity> senders, double[] kindShares,
            boolean longQueueIds, SplittableRandom random) {
        this.name = name;
        this.fqdn = fqdn;
        this.tenant = tenant;
        this.tenantDomain = tenantDomain;
        this.tenantMailHome = tenantMailHome;
        this.sendingIps = sendingIps;
        this.weight = weight;
        this.senders = List.copyOf(senders);
        this.instances = new String[sendingIps.length];
        this.smtpPrograms = new String[sendingIps.length];
        for (int i = 0; i < sendingIps.length; i++) {
            instances[i] = i == 0 ? DEFAULT_INSTANCE : "postfix-out" + (i + 1);
            smtpPrograms[i] = instances[i] + "/smtp";
        }
        this.cumulativeSenderWeights = senderWeights(senders, kindShares);

        this.queueIds = new QueueIdAllocator(longQueueIds, random);
        int basePid = 1_000 + random.nextInt(30_000);
        this.qmgrPid = basePid;
        this.pickupPid = basePid + 3 + random.nextInt(50);
        this.smtpdPids = new PidPool(6, 200, basePid + 100, random);
        this.submissionPids = new PidPool(6, 200, basePid + 400, random);
        this.cleanupPids = new PidPool(4, 300, basePid + 700, random);
        this.smtpPids = new PidPool(16, 100, basePid + 1_000, random);
        this.bouncePids = new PidPool(2, 100, basePid + 2_000, random);
        this.localPids = new PidPool(2, 100, basePid + 2_300, random);
        this.errorPids = new PidPool(2, 100, basePid + 2_600, random);
    }

    /**
     * A destination that the queue manager stopped delivering to after a connection timed out: until
     * {@code untilMicros} its mail is deferred by the {@code error} agent without connecting.
     */
    record Suspension(long fromMicros, long untilMicros, MxHost host, String address) {
    }

    // Looked up by recipient domain only, never iterated, so its order cannot leak into the output.
    private final HashMap<String, Suspension> suspensions = new HashMap<>();

    /** Returns the suspension of {@code domain} in force at {@code timeMicros}, or null. */
    Suspension suspension(String domain, long timeMicros) {
        Suspension suspension = suspensions.get(domain);
        if (suspension == null || timeMicros < suspension.fromMicros() || timeMicros >= suspension.untilMicros()) {
            return null;
        }
        return suspension;
    }

    void suspend(String domain, Suspension suspension) {
        suspensions.put(domain, suspension);
    }

    /** Picks the submitter of a normal message by activity. */
    SenderIdentity pickSender(SplittableRandom random) {
        return senders.get(WeightedChoice.pick(cumulativeSenderWeights, random));
    }

    /** Returns the index of the sending IP that carries the largest share of the host's submissions. */
    int busiestIpIndex() {
        double[] shares = new double[sendingIps.length];
        double previous = 0;
        for (int i = 0; i < senders.size(); i++) {
            shares[senders.get(i).ipIndex] += cumulativeSenderWeights[i] - previous;
            previous = cumulativeSenderWeights[i];
        }
        int busiest = 0;
        for (int i = 1; i < shares.length; i++) {
            if (shares[i] > shares[busiest]) {
                busiest = i;
            }
        }
        return busiest;
    }

    List<SenderIdentity> saslUsers() {
        List<SenderIdentity> users = new ArrayList<>();
        for (SenderIdentity sender : senders) {
            if (sender.kind == SenderIdentity.Kind.SASL_USER) {
                users.add(sender);
            }
        }
        return users;
    }

    /**
     * Returns the inventory of this host: one entry for the host, listing every sending IP with the default
     * instance's first, and one per extra instance with that instance's IP.
     */
    List<HostInventoryEntry> inventory() {
        List<HostInventoryEntry> entries = new ArrayList<>();
        entries.add(HostInventoryEntry.newBuilder()
                .setHost(name)
                .setInstance(null)
                .setSendingIps(List.of(sendingIps))
                .setTenant(tenant)
                .setLabels(Map.of("fqdn", fqdn, "role", "outbound"))
                .build());
        for (int i = 1; i < sendingIps.length; i++) {
            entries.add(HostInventoryEntry.newBuilder()
                    .setHost(name)
                    .setInstance(instances[i])
                    .setSendingIps(List.of(sendingIps[i]))
                    .setTenant(tenant)
                    .setLabels(Map.of("fqdn", fqdn, "role", "outbound"))
                    .build());
        }
        return entries;
    }

    // Each kind of sender gets its share of the host's messages, split within the kind by activity.
    private static double[] senderWeights(List<SenderIdentity> senders, double[] kindShares) {
        double[] kindTotals = new double[SenderIdentity.Kind.values().length];
        for (SenderIdentity sender : senders) {
            kindTotals[sender.kind.ordinal()] += sender.weight;
        }
        double[] cumulative = new double[senders.size()];
        double sum = 0;
        for (int i = 0; i < senders.size(); i++) {
            SenderIdentity sender = senders.get(i);
            sum += kindShares[sender.kind.ordinal()] * sender.weight / kindTotals[sender.kind.ordinal()];
            cumulative[i] = sum;
        }
        return cumulative;
    }
}
