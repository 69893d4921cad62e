package io.mailflow.streams.classify;

import io.mailflow.schemas.DeliveryStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies the reply of a delivery attempt into a reason category, names the rule that decided,
 * attaches a remediation hint and finds the sending IP the reply names.
 *
 * <p>All rules are data. The shipped files {@code reply-rules.yaml}, {@code sending-ip-rules.yaml}
 * and {@code remediations.yaml} live under {@code io/mailflow/rules/} on the class path; operator
 * files given to {@link #load(List)} are applied after them in list order: a rule with the same id
 * replaces the earlier one, an entry with only {@code id} and {@code enabled} switches it on or off,
 * and a new id adds a rule at its {@code order}. The first rule in order whose conditions all hold
 * wins; when none does, the category is {@code other}.
 *
 * <p>Instances are immutable and thread-safe. {@link #classify(ReplyFacts)} never throws: an
 * unexpected failure is logged, counted in {@link #failureCount()} and yields {@code other}.
 */
public final class ReplyClassifier {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyClassifier.class);
    private static final List<String> SHIPPED_FILES =
            List.of("remediations.yaml", "reply-rules.yaml", "sending-ip-rules.yaml");
    private static final int MAX_LOGGED_TEXT = 300;

    private final ReplyRuleEngine engine;
    private final RemediationCatalog remediations;
    private final ProviderResolver providers;
    private final AtomicLong failures = new AtomicLong();

    private ReplyClassifier(ReplyRuleEngine engine, RemediationCatalog remediations, ProviderResolver providers) {
        this.engine = engine;
        this.remediations = remediations;
        this.providers = providers;
    }

    /** Loads the shipped rule files. */
    public static ReplyClassifier loadDefault() {
        return load(List.of());
    }

    /**
     * Loads the shipped rule files, then the operator files in order.
     *
     * @throws RuleFileException when a file cannot be read or a rule is invalid; the message names the
     *                           file, the rule id and the field
     */
    public static ReplyClassifier load(List<Path> extraRuleFiles) {
        return load(extraRuleFiles, ProviderResolver.load(extraRuleFiles));
    }

    /**
     * Loads the shipped rule files and the operator files; rules with a {@code provider} condition
     * resolve the provider of an attempt with {@code providers}.
     */
    public static ReplyClassifier load(List<Path> extraRuleFiles, ProviderResolver providers) {
        RemediationCatalog remediations = new RemediationCatalog();
        OrderedRules<ReplyRuleSpec> rules = new OrderedRules<>("rules", ReplyRuleSpec::read);
        OrderedRules<SendingIpRule> ipRules = new OrderedRules<>("sendingIpRules", SendingIpRule::read);

        for (String file : SHIPPED_FILES) {
            addAll(RuleDocument.resource(file), remediations, rules, ipRules);
        }
        for (Path file : extraRuleFiles) {
            addAll(RuleDocument.file(file), remediations, rules, ipRules);
        }

        ReplyRuleEngine engine = new ReplyRuleEngine(rules.enabledInOrder(), ipRules.enabledInOrder(), remediations);
        LOG.info("Loaded reply rules: rules={} sendingIpRules={} remediations={} operatorFiles={}",
                engine.ruleIds().size(), engine.sendingIpRuleIds().size(), remediations.all().size(), extraRuleFiles);
        return new ReplyClassifier(engine, remediations, providers);
    }

    /**
     * Classifies one attempt. A sent attempt gets a null category; any other gets a category from
     * {@code reputation, blocklist, rate_limit, auth, content, unknown_recipient, mailbox_full, policy,
     * greylisting, tls, connection, dns, other}.
     */
    public Classification classify(ReplyFacts facts) {
        if (facts == null) {
            return new Classification(Categories.OTHER, null, null, null);
        }
        if (facts.status() == DeliveryStatus.SENT) {
            return Classification.SENT;
        }
        try {
            return classifyReply(facts);
        } catch (RuntimeException | StackOverflowError e) {
            long count = failures.incrementAndGet();
            if (count == 1 || count % 1000 == 0) {
                LOG.warn("Reply classification failed, using category other: failures={} relayHost={} text={}",
                        count, facts.relayHost(), cut(facts.replyText()), e);
            }
            return new Classification(Categories.OTHER, null, null, null);
        }
    }

    /** Returns how many replies failed to classify because of an unexpected error. */
    public long failureCount() {
        return failures.get();
    }

    /** Returns the ids of the enabled category rules in evaluation order. */
    List<String> ruleIds() {
        return engine.ruleIds();
    }

    /** Returns the ids of the enabled sending-IP rules in evaluation order. */
    List<String> sendingIpRuleIds() {
        return engine.sendingIpRuleIds();
    }

    List<SendingIpRule> sendingIpRules() {
        return engine.sendingIpRules();
    }

    RemediationCatalog remediations() {
        return remediations;
    }

    /** Returns the id of the sending-IP rule that finds an address in the reply, or null. */
    String sendingIpRuleOf(ReplyFacts facts) {
        ReplyInput input = new ReplyInput(facts, providers);
        ReplyRuleEngine.FoundIp found = engine.sendingIp(input, engine.scan(input.text));
        return found == null ? null : found.ruleId();
    }

    private Classification classifyReply(ReplyFacts facts) {
        ReplyInput input = new ReplyInput(facts, providers);
        long[] keywordBits = engine.scan(input.text);

        ReplyRule rule = engine.firstMatch(input, keywordBits);
        ReplyRuleEngine.FoundIp found = engine.sendingIp(input, keywordBits);
        String sendingIp = found == null ? null : found.ip();

        if (rule == null) {
            return new Classification(Categories.OTHER, null, null, sendingIp);
        }
        return new Classification(rule.category, rule.id,
                rule.hint == null ? null : rule.hint.toRemediation(), sendingIp);
    }

    private static void addAll(RuleDocument document, RemediationCatalog remediations,
                               OrderedRules<ReplyRuleSpec> rules, OrderedRules<SendingIpRule> ipRules) {
        remediations.addAll(document);
        rules.addAll(document);
        ipRules.addAll(document);
    }

    private static String cut(String text) {
        if (text == null || text.length() <= MAX_LOGGED_TEXT) {
            return text;
        }
        return text.substring(0, MAX_LOGGED_TEXT) + "...";
    }
}
