package io.mailflow.streams.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether an attempt never left the host or its private network: a local delivery agent
 * ({@code local}, {@code virtual}, {@code pipe}), a relay word such as {@code relay=local}, a Unix
 * socket ({@code [private/dovecot-lmtp]}), or a relay address inside a private or loopback network.
 *
 * @param programs       delivery agents that never leave the host
 * @param relayHosts     relay values that name a local transport rather than a host
 * @param socketPrograms delivery agents whose relay without an address is a Unix socket
 * @param networks       networks whose relay addresses count as local
 */
record LocalDelivery(Set<String> programs, Set<String> relayHosts, Set<String> socketPrograms, List<Cidr> networks) {

    static final Set<String> FIELDS = Set.of("programs", "relayHosts", "socketPrograms", "networks", "note");

    static final LocalDelivery NONE = new LocalDelivery(Set.of(), Set.of(), Set.of(), List.of());

    /** Returns these settings with each list the section names replaced. */
    LocalDelivery merge(RuleNode node) {
        node.rejectUnknownFields(FIELDS);
        Set<String> newPrograms = node.has("programs") ? lowerCaseSet(node.textList("programs")) : programs;
        Set<String> newRelayHosts = node.has("relayHosts") ? lowerCaseSet(node.textList("relayHosts")) : relayHosts;
        Set<String> newSocketPrograms = node.has("socketPrograms")
                ? lowerCaseSet(node.textList("socketPrograms"))
                : socketPrograms;
        List<Cidr> newNetworks = networks;
        if (node.has("networks")) {
            newNetworks = new ArrayList<>();
            for (String network : node.textList("networks")) {
                try {
                    newNetworks.add(Cidr.parse(network.trim()));
                } catch (IllegalArgumentException e) {
                    throw node.error("networks", e.getMessage());
                }
            }
            newNetworks = List.copyOf(newNetworks);
        }
        return new LocalDelivery(newPrograms, newRelayHosts, newSocketPrograms, newNetworks);
    }

    boolean isLocal(ProviderQuery query) {
        String program = lowerCase(query.program());
        String relayHost = lowerCase(query.relayHost());
        String relayIp = query.relayIp();

        if (program != null && programs.contains(program)) {
            return true;
        }
        if (relayHost != null && (relayHosts.contains(relayHost) || relayHost.indexOf('/') >= 0)) {
            return true;
        }
        if (relayIp != null && relayIp.indexOf('/') >= 0) {
            return true;
        }
        if (relayIp == null && relayHost != null && !relayHost.equals("none")
                && program != null && socketPrograms.contains(program)) {
            return true;
        }
        String address = relayIp != null ? relayIp : relayHost;
        return address != null && inLocalNetwork(address);
    }

    private boolean inLocalNetwork(String address) {
        if (networks.isEmpty()) {
            return false;
        }
        long ipv4 = IpAddresses.parseIpv4(address);
        if (ipv4 >= 0) {
            for (Cidr network : networks) {
                if (network.containsIpv4(ipv4)) {
                    return true;
                }
            }
            return false;
        }
        if (address.indexOf(':') < 0) {
            return false;
        }
        byte[] ipv6 = IpAddresses.parseIpv6(address);
        if (ipv6 == null) {
            return false;
        }
        for (Cidr network : networks) {
            if (network.containsIpv6(ipv6)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> lowerCaseSet(List<String> values) {
        return Set.copyOf(values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).toList());
    }

    private static String lowerCase(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
