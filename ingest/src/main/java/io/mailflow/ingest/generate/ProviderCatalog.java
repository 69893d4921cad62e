package io.mailflow.ingest.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The receiving side of generated traffic, loaded from the {@code providers.conf} resource: provider
 * profiles with their share of recipients. Immutable after loading.
 */
final class ProviderCatalog {

    static final String RESOURCE = "providers.conf";

    private final List<ProviderProfile> profiles;
    private final double[] cumulativeShares;

    private ProviderCatalog(List<ProviderProfile> profiles) {
        this.profiles = List.copyOf(profiles);
        this.cumulativeShares = new double[profiles.size()];
        double sum = 0;
        for (int i = 0; i < profiles.size(); i++) {
            sum += profiles.get(i).share;
            cumulativeShares[i] = sum;
        }
    }

    /**
     * Loads the shipped provider data.
     *
     * @throws IllegalArgumentException or IllegalStateException naming the invalid line
     */
    static ProviderCatalog loadDefault() {
        ConfFile file = ConfFile.loadResource(RESOURCE);
        List<ProviderProfile> profiles = new ArrayList<>();
        for (ConfFile.Section section : file.sections()) {
            profiles.add(ProviderProfile.parse(file, section));
        }
        if (profiles.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " defines no provider profile");
        }
        return new ProviderCatalog(profiles);
    }

    List<ProviderProfile> profiles() {
        return profiles;
    }

    /**
     * Returns the profile named {@code name}.
     *
     * @throws IllegalArgumentException naming the known profiles when there is none
     */
    ProviderProfile profile(String name) {
        for (ProviderProfile profile : profiles) {
            if (profile.name.equals(name)) {
                return profile;
            }
        }
        List<String> names = new ArrayList<>();
        profiles.forEach(profile -> names.add(profile.name));
        throw new IllegalArgumentException("unknown provider profile '" + name + "'; expected one of " + names);
    }

    /** Profiles whose provider value is {@code provider} and that have replies of {@code kind}. */
    List<ProviderProfile> profilesWith(String provider, ReplyKind kind) {
        List<ProviderProfile> matching = new ArrayList<>();
        for (ProviderProfile profile : profiles) {
            if (profile.provider.equals(provider) && profile.has(kind)) {
                matching.add(profile);
            }
        }
        return matching;
    }

    /** Picks a recipient domain of normal traffic: a profile by share, then a domain by weight. */
    DomainRoute pickRoute(SplittableRandom random) {
        return profiles.get(WeightedChoice.pick(cumulativeShares, random)).pickRoute(random);
    }
}
