package io.mailflow.streams.classify;

/** An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
final class Cidr {

    private final long ipv4Network;
    private final long ipv4Mask;
    private final byte[] ipv6Network;
    private final int prefixLength;

    private Cidr(long ipv4Network, long ipv4Mask, byte[] ipv6Network, int prefixLength) {
        this.ipv4Network = ipv4Network;
        this.ipv4Mask = ipv4Mask;
        this.ipv6Network = ipv6Network;
        this.prefixLength = prefixLength;
    }

    /** Parses {@code address/prefix}; throws {@link IllegalArgumentException} naming the text. */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid network '" + text + "': expected address/prefix");
        }
        String address = text.substring(0, slash);
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid prefix length in network '" + text + "'", e);
        }

        long ipv4 = IpAddresses.parseIpv4(address);
        if (ipv4 >= 0) {
            if (prefix < 0 || prefix > 32) {
                throw new IllegalArgumentException("invalid prefix length in network '" + text + "': expected 0-32");
            }
            long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            return new Cidr(ipv4 & mask, mask, null, prefix);
        }
        byte[] ipv6 = IpAddresses.parseIpv6(address);
        if (ipv6 == null) {
            throw new IllegalArgumentException("invalid network '" + text + "': not an IPv4 or IPv6 address");
        }
        if (prefix < 0 || prefix > 128) {
            throw new IllegalArgumentException("invalid prefix length in network '" + text + "': expected 0-128");
        }
        return new Cidr(-1, 0, ipv6, prefix);
    }

    boolean containsIpv4(long address) {
        return ipv6Network == null && address >= 0 && (address & ipv4Mask) == ipv4Network;
    }

    boolean containsIpv6(byte[] address) {
        if (ipv6Network == null || address == null) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != ipv6Network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (address[fullBytes] & mask) == (ipv6Network[fullBytes] & mask);
    }
}
