package io.mailflow.ingest.generate;

/**
 * Where mail for one recipient domain goes: the provider profile that replies and the domain's MX
 * hosts, ordered by preference. A route without a profile is local delivery on the sending host.
 */
final class DomainRoute {

    final String domain;
    final ProviderProfile profile;
    final MxHost[] mxHosts;

    DomainRoute(String domain, ProviderProfile profile, MxHost[] mxHosts) {
        this.domain = domain;
        this.profile = profile;
        this.mxHosts = mxHosts;
    }

    static DomainRoute local(String domain) {
        return new DomainRoute(domain, null, new MxHost[0]);
    }

    boolean isLocal() {
        return profile == null;
    }
}
