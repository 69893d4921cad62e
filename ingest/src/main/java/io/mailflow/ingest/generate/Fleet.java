package io.mailflow.ingest.generate;

import io.mailflow.schemas.HostInventoryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The sending fleet of a run: hosts with tenants, sending IPs from the documentation range
 * 203.0.113.0/24, and their senders. Built from the {@code fleet.conf} vocabulary and the run's seed.
 */
final class Fleet {

    static final String RESOURCE = "fleet.conf";

    // Shares of a host's messages: authenticated users, application servers, local users (pickup).
    private static final double[] KIND_SHARES = {0.45, 0.40, 0.15};
    private static final int FIRST_SENDING_OCTET = 10;

    final List<FleetHost> hosts;
    private final double[] cumulativeHostWeights;

    private Fleet(List<FleetHost> hosts) {
        this.hosts = List.copyOf(hosts);
        this.cumulativeHostWeights = new double[hosts.size()];
        double sum = 0;
        for (int i = 0; i < hosts.size(); i++) {
            sum += hosts.get(i).weight;
            cumulativeHostWeights[i] = sum;
        }
    }

    static Fleet build(int hostCount, boolean longQueueIds, ProviderCatalog catalog, SplittableRandom random) {
        ConfFile vocabulary = ConfFile.loadResource(RESOURCE);
        List<String> tenants = vocabulary.section("tenants").words();
        List<String> mailHomes = vocabulary.section("mail-homes").words();
        Names names = new Names(vocabulary.section("first-names").words(), vocabulary.section("last-names").words());
        List<String> appSenders = vocabulary.section("app-senders").words();
        List<String> appServers = vocabulary.section("app-servers").words();

        List<FleetHost> hosts = new ArrayList<>();
        int nextOctet = FIRST_SENDING_OCTET;
        for (int h = 0; h < hostCount; h++) {
            String tenant = tenants.get(h % tenants.size());
            String tenantDomain = tenant + ".example";
            String hostName = String.format(Locale.ROOT, "mta%02d", h + 1);
            String fqdn = hostName + "." + tenantDomain;
            ProviderProfile home = catalog.profile(mailHomes.get(random.nextInt(mailHomes.size())));

            int ipCount = 1 + random.nextInt(3);
            String[] ips = new String[ipCount];
            for (int i = 0; i < ipCount; i++) {
                ips[i] = "203.0.113." + nextOctet++;
            }

            List<SenderIdentity> senders = new ArrayList<>();
            addSaslUsers(senders, names, tenantDomain, ipCount, random);
            addApplications(senders, appSenders, appServers, tenantDomain, h, ipCount, random);
            addLocalUsers(senders, fqdn);

            hosts.add(new FleetHost(hostName, fqdn, tenant, tenantDomain, home.route(tenantDomain), ips,
                    0.5 + random.nextDouble(), senders, KIND_SHARES, longQueueIds, random));
        }
        return new Fleet(hosts);
    }

    FleetHost pickHost(SplittableRandom random) {
        return hosts.get(WeightedChoice.pick(cumulativeHostWeights, random));
    }

    List<HostInventoryEntry> inventory() {
        List<HostInventoryEntry> entries = new ArrayList<>();
        for (FleetHost host : hosts) {
            entries.addAll(host.inventory());
        }
        return entries;
    }

    private static void addSaslUsers(List<SenderIdentity> senders, Names names, String tenantDomain, int ipCount,
            SplittableRandom random) {
        int userCount = 10 + random.nextInt(21);
        List<String> used = new ArrayList<>();
        for (int u = 0; u < userCount; u++) {
            String localPart = names.uniqueLocalPart(used, random);
            String address = localPart + "@" + tenantDomain;
            String login = random.nextDouble() < 0.7 ? address : localPart;
            int octet = 2 + random.nextInt(250);
            String clientIp = "198.51.100." + octet;
            String clientHost = random.nextDouble() < 0.4 ? "unknown" : "host-198-51-100-" + octet + ".dsl.example.net";
            // Activity is heavy-tailed: a few users send most of the mail.
            double weight = Math.exp(random.nextGaussian() * 1.1);
            senders.add(new SenderIdentity(SenderIdentity.Kind.SASL_USER, address, login, clientHost, clientIp, -1,
                    null, random.nextInt(ipCount), weight));
        }
    }

    private static void addApplications(List<SenderIdentity> senders, List<String> appSenders, List<String> appServers,
            String tenantDomain, int hostIndex, int ipCount, SplittableRandom random) {
        int serverCount = 1 + random.nextInt(3);
        for (int s = 0; s < serverCount; s++) {
            String serverHost = appServers.get((hostIndex + s) % appServers.size()) + "." + tenantDomain;
            String serverIp = "192.0.2." + (20 + hostIndex * 3 + s);
            int senderCount = 1 + random.nextInt(3);
            for (int a = 0; a < senderCount; a++) {
                String address = appSenders.get(random.nextInt(appSenders.size())) + "@" + tenantDomain;
                senders.add(new SenderIdentity(SenderIdentity.Kind.APPLICATION, address, null, serverHost, serverIp,
                        -1, null, random.nextInt(ipCount), 0.3 + random.nextDouble()));
            }
        }
    }

    private static void addLocalUsers(List<SenderIdentity> senders, String fqdn) {
        senders.add(new SenderIdentity(SenderIdentity.Kind.LOCAL_USER, "www-data@" + fqdn, null, null, null, 33,
                "www-data", 0, 3));
        senders.add(new SenderIdentity(SenderIdentity.Kind.LOCAL_USER, "root@" + fqdn, null, null, null, 0,
                "root", 0, 1));
        senders.add(new SenderIdentity(SenderIdentity.Kind.LOCAL_USER, "deploy@" + fqdn, null, null, null, 1000,
                "deploy", 0, 1));
    }
}
