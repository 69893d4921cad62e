package io.mailflow.streams.internals.enrich;

import java.util.List;

import io.mailflow.schemas.HostInventoryEntry;

/**
 * Picks the sending IP of an attempt: from the inventory entry of its host (the one the reply
 * names if the entry lists it, else the first), else the IP named in the reply, else the host name.
 *
 * @param sendingIp the chosen IP, or the host name standing in for it
 * @param source    {@link #INVENTORY}, {@link #REPLY} or {@link #HOST}
 * @param tenant    tenant from the inventory entry, or null
 */
public record SendingIpChoice(String sendingIp, String source, String tenant) {

    public static final String INVENTORY = "inventory";
    public static final String REPLY = "reply";
    public static final String HOST = "host";

    /** Stands in when an attempt has neither a known IP nor a host. */
    public static final String UNKNOWN_HOST = "unknown";

    /**
     * Chooses the sending IP.
     *
     * @param entry          inventory entry of the host/instance or host, or null
     * @param replySendingIp IP the remote reply names as the sender, or null
     * @param host           syslog host of the line, or null
     */
    public static SendingIpChoice choose(HostInventoryEntry entry, String replySendingIp, String host) {
        String tenant = entry == null ? null : entry.getTenant();
        List<String> inventoryIps = entry == null ? List.of() : entry.getSendingIps();
        if (!inventoryIps.isEmpty()) {
            String ip = replySendingIp != null && inventoryIps.contains(replySendingIp)
                    ? replySendingIp : inventoryIps.get(0);
            return new SendingIpChoice(ip, INVENTORY, tenant);
        }
        if (replySendingIp != null && !replySendingIp.isEmpty()) {
            return new SendingIpChoice(replySendingIp, REPLY, tenant);
        }
        return new SendingIpChoice(host == null ? UNKNOWN_HOST : host, HOST, tenant);
    }
}
