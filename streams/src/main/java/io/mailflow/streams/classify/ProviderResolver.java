package io.mailflow.streams.classify;

import io.mailflow.schemas.ProviderRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the operator of the receiving MX of a delivery attempt, such as {@code google} or
 * {@code microsoft}; {@code local} for delivery that never leaves the host or its private network;
 * {@code other} for everything else.
 *
 * <p>The decision uses, in this order: the local-delivery settings; the MX suffixes of the relay host;
 * when there is no relay host, the MX suffixes of the host the reply names; when no MX host is known
 * at all, the recipient domain. A known host that matches no rule gives {@code other}, not a guess
 * from the recipient domain, because a company domain hosted on its own MX is not its mailbox
 * provider's.
 *
 * <p>Rules are data ({@code providers.yaml} on the class path plus operator files). Among rules that
 * match, the lowest {@code priority} wins, then the longest suffix. Instances are immutable and
 * thread-safe. {@link #resolve(ProviderQuery)} returns {@code other} for missing or malformed input
 * instead of throwing, and a suffix lookup costs one table probe per host label.
 */
public final class ProviderResolver {

    static final String OTHER = "other";
    static final String LOCAL = "local";

    private static final Logger LOG = LoggerFactory.getLogger(ProviderResolver.class);
    private static final String SHIPPED_FILE = "providers.yaml";
    private static final int DEFAULT_PRIORITY = 100;
    private static final Set<String> FIELDS = Set.of("id", "provider", "mxSuffixes", "domains", "priority", "enabled", "note");
    private static final Set<String> TOGGLE_FIELDS = Set.of("id", "enabled", "note");
    private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern HOST_SUFFIX = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*");

    /** One provider rule after validation. */
    record Rule(String id, String provider, List<String> mxSuffixes, List<String> domains, int priority, boolean enabled) {
    }

    private final Map<String, Rule> rules;
    private final LocalDelivery local;
    private final HostSuffixIndex mxIndex;
    private final HostSuffixIndex domainIndex;

    private ProviderResolver(Map<String, Rule> rules, LocalDelivery local) {
        this.rules = Map.copyOf(rules);
        this.local = local;
        List<HostSuffixIndex.Entry> mx = new ArrayList<>();
        List<HostSuffixIndex.Entry> domains = new ArrayList<>();
        for (Rule rule : rules.values()) {
            if (!rule.enabled()) {
                continue;
            }
            for (String suffix : rule.mxSuffixes()) {
                mx.add(new HostSuffixIndex.Entry(suffix, rule.provider(), rule.priority(), rule.id()));
            }
            for (String domain : rule.domains()) {
                domains.add(new HostSuffixIndex.Entry(domain, rule.provider(), rule.priority(), rule.id()));
            }
        }
        this.mxIndex = HostSuffixIndex.of(mx);
        this.domainIndex = HostSuffixIndex.of(domains);
    }

    /** Loads the shipped provider rules. */
    public static ProviderResolver loadDefault() {
        return load(List.of());
    }

    /**
     * Loads the shipped provider rules, then the {@code providers} and {@code local} sections of the
     * operator files in order.
     *
     * @throws RuleFileException when a file cannot be read or a rule is invalid
     */
    public static ProviderResolver load(List<Path> extraRuleFiles) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        LocalDelivery local = LocalDelivery.NONE;

        List<RuleDocument> documents = new ArrayList<>();
        documents.add(RuleDocument.resource(SHIPPED_FILE));
        for (Path file : extraRuleFiles) {
            documents.add(RuleDocument.file(file));
        }
        for (RuleDocument document : documents) {
            addRules(document, rules);
            RuleNode localSection = document.mapping("local");
            if (localSection != null) {
                local = local.merge(localSection);
            }
        }

        ProviderResolver resolver = new ProviderResolver(rules, local);
        LOG.info("Loaded provider rules: rules={} operatorFiles={}", rules.size(), extraRuleFiles);
        return resolver;
    }

    /**
     * Returns a resolver with the given rules applied on top of this one's: a rule with the same id
     * replaces the existing rule, and a rule with {@code enabled=false} hides it.
     *
     * @throws IllegalArgumentException when a rule is invalid; the message names its id and field
     */
    public ProviderResolver withOverrides(Collection<ProviderRule> overrides) {
        Map<String, Rule> merged = new LinkedHashMap<>(rules);
        for (ProviderRule override : overrides) {
            Rule rule = fromAvro(override);
            merged.put(rule.id(), rule);
        }
        return new ProviderResolver(merged, local);
    }

    /** Returns the provider of the receiving MX; never null. */
    public String resolve(ProviderQuery query) {
        if (query == null) {
            return OTHER;
        }
        if (local.isLocal(query)) {
            return LOCAL;
        }
        String relayHost = query.relayHost();
        if (relayHost != null && !relayHost.isEmpty() && !relayHost.equalsIgnoreCase("none")) {
            return providerOf(mxIndex.lookup(relayHost));
        }
        String replyHost = query.replyHost();
        if (replyHost != null && !replyHost.isEmpty()) {
            return providerOf(mxIndex.lookup(replyHost));
        }
        return providerOf(domainIndex.lookup(query.recipientDomain()));
    }

    /** Returns the rules by id, including disabled ones. */
    Map<String, Rule> rules() {
        return rules;
    }

    private static String providerOf(HostSuffixIndex.Entry entry) {
        return entry == null ? OTHER : entry.provider();
    }

    private static void addRules(RuleDocument document, Map<String, Rule> rules) {
        Set<String> idsInFile = new HashSet<>();
        for (RuleNode node : document.entries("providers")) {
            String id = node.id("id");
            if (!idsInFile.add(id)) {
                throw node.error("id", "duplicate id in this file");
            }
            Rule existing = rules.get(id);

            if (node.onlyHas(TOGGLE_FIELDS)) {
                Boolean enabled = node.optionalBoolean("enabled");
                if (enabled == null) {
                    throw node.error("enabled", "missing required field: an entry with only an id must set enabled");
                }
                if (existing == null) {
                    throw node.error("id", "no earlier provider rule with this id to enable or disable");
                }
                rules.put(id, new Rule(id, existing.provider(), existing.mxSuffixes(), existing.domains(),
                        existing.priority(), enabled));
                continue;
            }

            node.rejectUnknownFields(FIELDS);
            String provider = node.requiredText("provider");
            List<String> mxSuffixes = hostSuffixes(node, "mxSuffixes");
            List<String> domains = hostSuffixes(node, "domains");
            if (mxSuffixes.isEmpty() && domains.isEmpty()) {
                throw node.error("mxSuffixes", "missing condition: name mxSuffixes, domains or both");
            }
            Integer priority = node.optionalInt("priority");
            Boolean enabled = node.optionalBoolean("enabled");
            try {
                rules.put(id, validated(id, provider, mxSuffixes, domains,
                        priority == null ? DEFAULT_PRIORITY : priority, enabled == null || enabled));
            } catch (InvalidField e) {
                throw node.error(e.field, e.getMessage());
            }
        }
    }

    private static List<String> hostSuffixes(RuleNode node, String field) {
        return node.textList(field).stream().map(ProviderResolver::normalizeSuffix).toList();
    }

    private static Rule fromAvro(ProviderRule rule) {
        String id = rule.getId();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("provider rule: field 'id': missing required field");
        }
        try {
            return validated(id, rule.getProvider(),
                    rule.getMxSuffixes() == null ? List.of() : rule.getMxSuffixes().stream().map(ProviderResolver::normalizeSuffix).toList(),
                    rule.getDomains() == null ? List.of() : rule.getDomains().stream().map(ProviderResolver::normalizeSuffix).toList(),
                    rule.getPriority(), rule.getEnabled());
        } catch (InvalidField e) {
            throw new IllegalArgumentException("provider rule '" + id + "': field '" + e.field + "': " + e.getMessage(), e);
        }
    }

    private static Rule validated(String id, String provider, List<String> mxSuffixes, List<String> domains,
                                  int priority, boolean enabled) {
        String name = provider == null ? "" : provider.trim().toLowerCase(Locale.ROOT);
        if (!PROVIDER_NAME.matcher(name).matches()) {
            throw new InvalidField("provider", "invalid provider name '" + provider
                    + "': use lower-case letters, digits, '-' and '_'");
        }
        for (String suffix : mxSuffixes) {
            if (!HOST_SUFFIX.matcher(suffix).matches()) {
                throw new InvalidField("mxSuffixes", "invalid host suffix '" + suffix + "'");
            }
        }
        for (String domain : domains) {
            if (!HOST_SUFFIX.matcher(domain).matches()) {
                throw new InvalidField("domains", "invalid domain '" + domain + "'");
            }
        }
        return new Rule(id, name, List.copyOf(mxSuffixes), List.copyOf(domains), priority, enabled);
    }

    private static String normalizeSuffix(String suffix) {
        String normalized = suffix.trim().toLowerCase(Locale.ROOT);
        while (normalized.startsWith(".") || normalized.startsWith("*.")) {
            normalized = normalized.substring(normalized.indexOf('.') + 1);
        }
        return normalized.endsWith(".") ? normalized.substring(0, normalized.length() - 1) : normalized;
    }

    private static final class InvalidField extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final String field;

        InvalidField(String field, String message) {
            super(message);
            this.field = field;
        }
    }
}
