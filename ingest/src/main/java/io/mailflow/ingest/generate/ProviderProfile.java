package io.mailflow.ingest.generate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One receiving mail system of the provider data: its provider value, recipient domains, MX hosts,
 * latency, baseline greylisting and timeouts, and reply texts by kind. Immutable after loading.
 */
final class ProviderProfile {

    private record MxPattern(int preference, String hostPattern, String[] addressPatterns) {
    }

    final String name;
    final String provider;
    final double share;
    final double connectSeconds;
    final double transmitSeconds;
    final double greylisting;
    final double timeouts;
    final double outages;
    private final List<String> domains;
    private final double[] cumulativeDomainWeights;
    private final List<MxPattern> mxPatterns;
    private final Map<ReplyKind, ReplyTemplate[]> replies;
    private DomainRoute[] routes;

    private ProviderProfile(String name, String provider, double share, double connectSeconds, double transmitSeconds,
            double greylisting, double timeouts, double outages, List<String> domains, double[] cumulativeDomainWeights,
            List<MxPattern> mxPatterns, Map<ReplyKind, ReplyTemplate[]> replies) {
        this.name = name;
        this.provider = provider;
        this.share = share;
        this.connectSeconds = connectSeconds;
        this.transmitSeconds = transmitSeconds;
        this.greylisting = greylisting;
        this.timeouts = timeouts;
        this.outages = outages;
        this.domains = domains;
        this.cumulativeDomainWeights = cumulativeDomainWeights;
        this.mxPatterns = mxPatterns;
        this.replies = replies;
    }

    /**
     * Builds a profile from one section of the provider data.
     *
     * @throws IllegalArgumentException naming the file line of a missing or invalid directive
     */
    static ProviderProfile parse(ConfFile file, ConfFile.Section section) {
        String provider = null;
        double share = -1;
        double connect = 0.3;
        double transmit = 0.4;
        double greylisting = 0;
        double timeouts = 0;
        double outages = 0;
        List<String> domains = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<MxPattern> mx = new ArrayList<>();
        Map<ReplyKind, List<ReplyTemplate>> replies = new EnumMap<>(ReplyKind.class);

        for (ConfFile.Line line : section.lines()) {
            String where = file.where(line);
            if (line.key() == null) {
                throw new IllegalArgumentException(where + ": expected 'key = value', was '" + line.value() + "'");
            }
            String[] words = line.value().split("\\s+");
            switch (line.key()) {
                case "provider" -> provider = line.value();
                case "share" -> share = number(words[0], where);
                case "domain" -> {
                    requireWords(words, 2, where, "domain = NAME WEIGHT");
                    domains.add(words[0]);
                    weights.add(number(words[1], where));
                }
                case "mx" -> {
                    requireWords(words, 3, where, "mx = PREFERENCE HOST IP [IP ...]");
                    String[] addresses = new String[words.length - 2];
                    System.arraycopy(words, 2, addresses, 0, addresses.length);
                    mx.add(new MxPattern((int) number(words[0], where), words[1], addresses));
                }
                case "latency" -> {
                    requireWords(words, 2, where, "latency = CONNECT TRANSMIT");
                    connect = number(words[0], where);
                    transmit = number(words[1], where);
                }
                case "greylisting" -> greylisting = probability(words[0], where);
                case "timeouts" -> timeouts = probability(words[0], where);
                case "outages" -> outages = probability(words[0], where);
                default -> {
                    if (!line.key().startsWith("reply.")) {
                        throw new IllegalArgumentException(where + ": unknown directive '" + line.key() + "'");
                    }
                    ReplyKind kind = ReplyKind.fromDataName(line.key().substring("reply.".length()));
                    if (kind == null) {
                        throw new IllegalArgumentException(where + ": unknown reply kind '" + line.key() + "'");
                    }
                    replies.computeIfAbsent(kind, k -> new ArrayList<>()).add(ReplyTemplate.parse(kind, line.value(), where));
                }
            }
        }

        String where = file.name() + " section [" + section.name() + "]";
        if (provider == null || share < 0 || domains.isEmpty() || mx.isEmpty() || !replies.containsKey(ReplyKind.SENT)) {
            throw new IllegalArgumentException(where + " needs provider, share, at least one domain and mx, and reply.sent");
        }
        mx.sort((a, b) -> Integer.compare(a.preference(), b.preference()));

        Map<ReplyKind, ReplyTemplate[]> replyArrays = new EnumMap<>(ReplyKind.class);
        replies.forEach((kind, list) -> replyArrays.put(kind, list.toArray(new ReplyTemplate[0])));
        ProviderProfile profile = new ProviderProfile(section.name(), provider, share, connect, transmit, greylisting,
                timeouts, outages, List.copyOf(domains), cumulative(weights), List.copyOf(mx), replyArrays);
        profile.routes = new DomainRoute[domains.size()];
        for (int i = 0; i < domains.size(); i++) {
            profile.routes[i] = profile.route(domains.get(i));
        }
        return profile;
    }

    List<String> domains() {
        return domains;
    }

    boolean has(ReplyKind kind) {
        return replies.containsKey(kind);
    }

    /** Picks one of the profile's replies of {@code kind}, or returns null when it has none. */
    ReplyTemplate reply(ReplyKind kind, SplittableRandom random) {
        ReplyTemplate[] choices = replies.get(kind);
        if (choices == null) {
            return null;
        }
        return choices.length == 1 ? choices[0] : choices[random.nextInt(choices.length)];
    }

    /** Picks a recipient domain of the profile by weight. */
    DomainRoute pickRoute(SplittableRandom random) {
        return routes[WeightedChoice.pick(cumulativeDomainWeights, random)];
    }

    /** Derives the MX hosts of {@code domain} when the profile receives its mail. */
    DomainRoute route(String domain) {
        MxHost[] hosts = new MxHost[mxPatterns.size()];
        for (int i = 0; i < hosts.length; i++) {
            MxPattern pattern = mxPatterns.get(i);
            String[] addresses = new String[pattern.addressPatterns().length];
            for (int a = 0; a < addresses.length; a++) {
                addresses[a] = expandAddress(pattern.addressPatterns()[a], domain, i * 31 + a);
            }
            hosts[i] = new MxHost(pattern.preference(), expandHost(pattern.hostPattern(), domain), addresses);
        }
        return new DomainRoute(domain, this, hosts);
    }

    private static String expandHost(String pattern, String domain) {
        String host = pattern.replace("{domain}", domain).replace("{domain-dashed}", domain.replace('.', '-'));
        int open = host.indexOf("{domain-num:");
        while (open >= 0) {
            int close = host.indexOf('}', open);
            int digits = Integer.parseInt(host.substring(open + "{domain-num:".length(), close));
            long value = Math.floorMod(StableHash.of(domain + "#" + digits), pow10(digits));
            StringBuilder padded = new StringBuilder();
            EventTime.appendPadded(padded, value, digits);
            host = host.substring(0, open) + padded + host.substring(close + 1);
            open = host.indexOf("{domain-num:");
        }
        return host;
    }

    // An address ending in ".*" gets a last octet from 1 to 254 that depends only on the domain.
    private static String expandAddress(String pattern, String domain, int salt) {
        if (!pattern.endsWith(".*")) {
            return pattern;
        }
        long octet = 1 + Math.floorMod(StableHash.of(domain + "@" + salt), 254L);
        return pattern.substring(0, pattern.length() - 1) + octet;
    }

    private static long pow10(int digits) {
        long value = 1;
        for (int i = 0; i < digits; i++) {
            value *= 10;
        }
        return value;
    }

    private static double[] cumulative(List<Double> weights) {
        double[] cumulative = new double[weights.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += weights.get(i);
            cumulative[i] = sum;
        }
        return cumulative;
    }

    private static void requireWords(String[] words, int minimum, String where, String form) {
        if (words.length < minimum) {
            throw new IllegalArgumentException(where + ": expected '" + form + "'");
        }
    }

    private static double number(String text, String where) {
        try {
            double value = Double.parseDouble(text);
            if (value < 0) {
                throw new IllegalArgumentException(where + ": value must not be negative: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": invalid number '" + text + "'", e);
        }
    }

    private static double probability(String text, String where) {
        double value = number(text, where);
        if (value > 1) {
            throw new IllegalArgumentException(where + ": probability must be at most 1, was " + text);
        }
        return value;
    }
}
