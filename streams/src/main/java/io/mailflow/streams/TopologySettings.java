package io.mailflow.streams;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.mailflow.streams.correlate.CorrelationSettings;
import io.mailflow.streams.parse.ParserSettings;
import io.mailflow.streams.settings.InvalidSettingException;
import io.mailflow.streams.settings.Setting;
import io.mailflow.streams.settings.SettingType;
import io.mailflow.streams.settings.SettingValues;

/**
 * Everything the topology depends on: topic names, windows, grace, time-to-live and detection
 * thresholds. Immutable; each key is declared once here with its type, default, unit and check.
 *
 * <p>{@link MailflowTopology#build(TopologySettings)} reads nothing else, so a test that builds the
 * topology with the same settings gets the same graph as production.
 */
public final class TopologySettings {

    private static final String RATIO = "ratio 0..1";

    // Topics.

    public static final Setting<String> TOPIC_MAILLOG_RAW = topic("mailflow.topic.maillog-raw", "mailflow.maillog.raw",
            "Topic of raw maillog lines, keyed by host or null, as the shippers write them.");
    public static final Setting<String> TOPIC_MAILLOG_REJECTED = topic("mailflow.topic.maillog-rejected",
            "mailflow.maillog.rejected",
            "Dead-letter topic of lines that could not be parsed, with the reason and source in headers.");
    public static final Setting<String> TOPIC_INVENTORY_HOSTS = topic("mailflow.topic.inventory-hosts",
            "mailflow.inventory.hosts", "Compacted topic of HostInventoryEntry records keyed by host or host/instance.");
    public static final Setting<String> TOPIC_PROVIDERS = topic("mailflow.topic.providers", "mailflow.providers",
            "Compacted topic of ProviderRule records keyed by rule id; they override shipped rules.");
    public static final Setting<String> TOPIC_DELIVERIES = topic("mailflow.topic.deliveries", "mailflow.deliveries",
            "Topic of DeliveryEvent records keyed sendingIp|provider.");
    public static final Setting<String> TOPIC_STATS_IP_PROVIDER = topic("mailflow.topic.stats-ip-provider",
            "mailflow.stats.ip-provider", "Topic of windowed DeliveryStats per sending IP and provider.");
    public static final Setting<String> TOPIC_STATS_SENDER = topic("mailflow.topic.stats-sender",
            "mailflow.stats.sender", "Topic of windowed SenderStats per host and sender identity.");
    public static final Setting<String> TOPIC_ALERTS = topic("mailflow.topic.alerts", "mailflow.alerts",
            "Topic of Alert records keyed by alert id.");

    /** Every topic setting. */
    public static final List<Setting<String>> TOPICS = List.of(TOPIC_MAILLOG_RAW, TOPIC_MAILLOG_REJECTED,
            TOPIC_INVENTORY_HOSTS, TOPIC_PROVIDERS, TOPIC_DELIVERIES, TOPIC_STATS_IP_PROVIDER, TOPIC_STATS_SENDER,
            TOPIC_ALERTS);

    // Input and parsing.

    public static final Setting<Boolean> INPUT_KEYED_BY_HOST = Setting.builder("mailflow.input.keyed-by-host",
                    SettingType.BOOLEAN)
            .defaultValue(false)
            .description("Whether every shipper keys raw lines by their syslog host; when false the topology "
                    + "repartitions lines by the parsed host, which costs one internal topic.")
            .build();
    public static final Setting<Integer> INPUT_PARTITIONS = Setting.builder("mailflow.input.partitions",
                    SettingType.INT)
            .defaultValue(1)
            .unit("partitions")
            .description("Partitions of the raw topic. Watermarks close windows only once every partition has "
                    + "sent one; MailflowStreamsApp sets this from the topic at start.")
            .check(Setting.atLeast(1), "at least 1")
            .build();
    public static final Setting<Integer> INTERNAL_PARTITIONS = Setting.builder("mailflow.internal.partitions",
                    SettingType.INT)
            .defaultValue(0)
            .unit("partitions")
            .description("Partitions of the repartition topics; 0 takes the partition count of the raw topic.")
            .check(Setting.atLeast(0), "at least 0")
            .build();
    public static final Setting<ZoneId> PARSE_ZONE = Setting.builder("mailflow.parse.zone", SettingType.ZONE)
            .defaultValue(ZoneOffset.UTC)
            .description("Zone of maillog timestamps written without an offset (RFC 3164, Exim).")
            .build();
    public static final Setting<Integer> PARSE_MAX_LINE_LENGTH = Setting.builder("mailflow.parse.max-line-length",
                    SettingType.INT)
            .defaultValue(64 * 1024)
            .unit("characters")
            .description("Longer lines go to the dead-letter topic.")
            .check(Setting.atLeast(64), "at least 64")
            .build();

    // Correlation.

    public static final Setting<Duration> CORRELATION_TTL = Setting.builder("mailflow.correlation.ttl",
                    SettingType.DURATION)
            .defaultValue(Duration.ofDays(7))
            .unit("event time")
            .description("How long the state of a queue id is kept after its latest line; longer than "
                    + "Postfix's maximal_queue_lifetime (5 days by default) so that expiry lines still find it.")
            .check(Setting.atLeast(Duration.ofMinutes(1)), "at least 1m")
            .build();
    public static final Setting<Duration> CORRELATION_ORIGIN_WAIT = Setting.builder("mailflow.correlation.origin-wait",
                    SettingType.DURATION)
            .defaultValue(Duration.ofMinutes(5))
            .unit("event time")
            .description("How long an attempt whose sender line has not been seen yet waits for it before it "
                    + "is emitted without a sender; 0 emits at once.")
            .check(Setting.atLeast(Duration.ZERO), "at least 0")
            .build();
    public static final Setting<Duration> CORRELATION_EVICTION_INTERVAL = Setting.builder(
                    "mailflow.correlation.eviction-interval", SettingType.DURATION)
            .defaultValue(Duration.ofMinutes(10))
            .description("How often expired queue states are looked for, in stream time and, as a safety net "
                    + "while no lines arrive, in wall-clock time.")
            .check(Setting.atLeast(Duration.ofSeconds(1)), "at least 1s")
            .build();

    // Windows.

    public static final Setting<List<Duration>> WINDOWS = Setting.builder("mailflow.windows", SettingType.DURATION_LIST)
            .defaultValue(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1)))
            .description("Sizes of the tumbling windows of the aggregates.")
            .check(values -> !values.isEmpty(), "at least one size")
            .check(Setting.every(Setting.atLeast(Duration.ofSeconds(1))), "each at least 1s")
            .check(values -> Set.copyOf(values).size() == values.size(), "no size twice")
            .build();
    public static final Setting<Duration> WINDOW_GRACE = Setting.builder("mailflow.window.grace", SettingType.DURATION)
            .defaultValue(Duration.ofSeconds(30))
            .unit("event time")
            .description("How long after its end a window still accepts out-of-order attempts before it is "
                    + "closed and its final aggregate written.")
            .check(Setting.atLeast(Duration.ZERO), "at least 0")
            .build();
    public static final Setting<Duration> WINDOW_IDLE_FLUSH_AFTER = Setting.builder("mailflow.window.idle-flush-after",
                    SettingType.DURATION)
            .defaultValue(Duration.ofSeconds(30))
            .unit("wall-clock time")
            .description("Wall-clock silence after which a raw partition stops holding back the windows of the "
                    + "others, and after which windows of a silent input close as if event time had moved on with "
                    + "the wall clock. 0 turns both off: then every raw partition must carry lines or watermark "
                    + "lines, and the last windows close only with watermark lines.")
            .check(Setting.atLeast(Duration.ZERO), "at least 0")
            .build();
    public static final Setting<Duration> STATS_EMIT_INTERVAL = Setting.builder("mailflow.stats.emit-interval",
                    SettingType.DURATION)
            .defaultValue(Duration.ofMillis(250))
            .unit("wall-clock time")
            .description("How often the changed aggregates of open windows are written; each window is also "
                    + "written once more when it closes.")
            .check(Setting.atLeast(Duration.ofMillis(10)), "at least 10ms")
            .build();

    // Detection shared by all alert types.

    public static final Setting<Duration> DETECT_WINDOW = Setting.builder("mailflow.detect.window", SettingType.DURATION)
            .defaultValue(Duration.ofMinutes(1))
            .description("Window size the detectors evaluate; must be one of mailflow.windows.")
            .build();
    public static final Setting<Double> DETECT_BASELINE_ALPHA = Setting.builder("mailflow.detect.baseline-alpha",
                    SettingType.DOUBLE)
            .defaultValue(0.1)
            .unit("weight 0..1")
            .description("Weight of the newest closed window in the EWMA baselines.")
            .check(value -> value > 0 && value <= 1, "greater than 0 and at most 1")
            .build();
    public static final Setting<Integer> DETECT_BASELINE_MIN_ATTEMPTS = Setting.builder(
                    "mailflow.detect.baseline-min-attempts", SettingType.INT)
            .defaultValue(5)
            .unit("attempts")
            .description("Closed windows with fewer attempts do not move rate baselines, since their rates are noise.")
            .check(Setting.atLeast(1), "at least 1")
            .build();
    public static final Setting<Integer> DETECT_RESOLVE_AFTER_WINDOWS = Setting.builder(
                    "mailflow.detect.resolve-after-windows", SettingType.INT)
            .defaultValue(3)
            .unit("windows")
            .description("An alert resolves after this many closed windows without the condition.")
            .check(Setting.atLeast(1), "at least 1")
            .build();
    public static final Setting<Duration> DETECT_UPDATE_INTERVAL = Setting.builder("mailflow.detect.update-interval",
                    SettingType.DURATION)
            .defaultValue(Duration.ofMinutes(5))
            .unit("event time")
            .description("Minimum time between two UPDATE events of one alert.")
            .check(Setting.atLeast(Duration.ZERO), "at least 0")
            .build();
    public static final Setting<Double> DETECT_UPDATE_MIN_GROWTH = Setting.builder("mailflow.detect.update-min-growth",
                    SettingType.DOUBLE)
            .defaultValue(1.0)
            .unit("ratio")
            .description("An UPDATE needs the matching attempts to have grown by this fraction since the last "
                    + "event (1.0 = doubled), a severity change, or a rate change of update-min-rate-change.")
            .check(value -> value > 0, "greater than 0")
            .build();
    public static final Setting<Double> DETECT_UPDATE_MIN_RATE_CHANGE = Setting.builder(
                    "mailflow.detect.update-min-rate-change", SettingType.DOUBLE)
            .defaultValue(0.2)
            .unit(RATIO)
            .description("Change of the rate since the last event that counts as material for an UPDATE.")
            .check(Setting.between(0, 1), "between 0 and 1")
            .build();
    public static final Setting<List<String>> DETECT_NOISE_CATEGORIES = Setting.builder(
                    "mailflow.detect.noise-categories", SettingType.STRING_LIST)
            .defaultValue(List.of("greylisting", "unknown_recipient", "mailbox_full"))
            .description("Reply categories caused by single recipients or by greylisting; they never count as "
                    + "deferrals or refusals of a sending IP.")
            .build();
    public static final Setting<List<String>> DETECT_CATCH_ALL_PROVIDERS = Setting.builder(
                    "mailflow.detect.catch-all-providers", SettingType.STRING_LIST)
            .defaultValue(List.of("other", "unknown"))
            .description("Providers that stand for many unrelated destinations, where one dead domain can "
                    + "dominate a window; the destination categories do not count for them.")
            .build();
    public static final Setting<List<String>> DETECT_DESTINATION_CATEGORIES = Setting.builder(
                    "mailflow.detect.destination-categories", SettingType.STRING_LIST)
            .defaultValue(List.of("connection", "dns", "tls"))
            .description("Reply categories of failures at the destination (unreachable or unresolvable hosts, "
                    + "missing TLS); they count as deferrals only for named providers, not for the catch-all ones.")
            .build();

    // DEFERRAL_SPIKE.

    public static final Setting<Integer> DEFERRAL_MIN_ATTEMPTS = Setting.builder(
                    "mailflow.detect.deferral.min-attempts", SettingType.INT)
            .defaultValue(20)
            .unit("attempts")
            .description("Attempts a window needs before a deferral spike is considered.")
            .check(Setting.atLeast(1), "at least 1")
            .build();
    public static final Setting<Double> DEFERRAL_MIN_RATE = Setting.builder("mailflow.detect.deferral.min-rate",
                    SettingType.DOUBLE)
            .defaultValue(0.3)
            .unit(RATIO)
            .description("Deferral rate (recipient noise excluded) a window must reach.")
            .check(Setting.between(0, 1), "between 0 and 1")
            .build();
    public static final Setting<Double> DEFERRAL_BASELINE_FACTOR = Setting.builder(
                    "mailflow.detect.deferral.baseline-factor", SettingType.DOUBLE)
            .defaultValue(3.0)
            .unit("ratio")
            .description("The deferral rate must also be this many times its baseline.")
            .check(value -> value >= 1, "at least 1")
            .build();
    public static final Setting<Double> DEFERRAL_PRIOR_RATE = Setting.builder("mailflow.detect.deferral.prior-rate",
                    SettingType.DOUBLE)
            .defaultValue(0.05)
            .unit(RATIO)
            .description("Baseline deferral rate of a sending IP and provider with no closed window yet.")
            .check(Setting.between(0, 1), "between 0 and 1")
            .build();
    public static final Setting<Double> DEFERRAL_CRITICAL_RATE = Setting.builder(
                    "mailflow.detect.deferral.critical-rate", SettingType.DOUBLE)
            .defaultValue(0.6)
            .unit(RATIO)
            .description("Deferral rate from which the alert is CRITICAL instead of WARNING.")
            .check(Setting.between(0, 1), "between 0 and 1")
            .build();

    // REPUTATION_COLLAPSE.

    public static final Setting<Integer> REPUTATION_MIN_ATTEMPTS = Setting.builder(
                    "mailflow.detect.reputation.min-attempts", SettingType.INT)
            .defaultValue(10)
            .unit("attempts")
            .description("Attempts a window needs before the share and acceptance conditions are considered.")
            .check(Setting.atLeast(1), "at least 1")
            .build();
    public static final Setting<Double> REPUTATION_MIN_SHARE = Setting.builder("mailflow.detect.reputation.min-share",
                    SettingType.DOUBLE)
            .defaultValue(0.2)
            .unit(RATIO)
            .description("Share of attempts refused for reputation or a block list that opens the alert.")
            .check(Setting.between(0, 1), "between 0 and 1")
            .build();
    public static final Setting<Integer> REPUTATION_MIN_REPLIES = Setting.builder(
                    "mailflow.detect.reputation.min-replies", SettingType.INT)
            .defaultValue(50)
            .unit("attempts")
            .description("Reputation or block-list replies in one window that open the alert whatever their share.")
            .check(Setting.atLeast(1), "at least 1")
            .build();
    public static final Setting<Double> REPUTATION_ACCEPTANCE_DROP = Setting.builder(
                    "mailflow.detect.reputation.acceptance-drop", SettingType.DOUBLE)
            .defaultValue(0.5)
            .unit(RATIO)
            .description("Drop of the acceptance rate below its baseline that opens the alert when sender-side "
                    + "refusals make up most of the failures.")
            .check(value -> value > 0 && value <= 1, "greater than 0 and at most 1")
            .build();
    public static final Setting<Double> REPUTATION_PRIOR_ACCEPTANCE = Setting.builder(
                    "mailflow.detect.reputation.prior-acceptance", SettingType.DOUBLE)
            .defaultValue(0.9)
            .unit(RATIO)
            .description("Baseline acceptance rate of a sending IP and provider with no closed window yet.")
            .check(Setting.between(0, 1), "between 0 and 1")
            .build();
    public static final Setting<Double> REPUTATION_CRITICAL_SHARE = Setting.builder(
                    "mailflow.detect.reputation.critical-share", SettingType.DOUBLE)
            .defaultValue(0.5)
            .unit(RATIO)
            .description("Share of reputation or block-list refusals from which the alert is CRITICAL.")
            .check(Setting.between(0, 1), "between 0 and 1")
            .build();

    // BLOCKLISTED.

    public static final Setting<Integer> BLOCKLIST_MIN_REPLIES = Setting.builder(
                    "mailflow.detect.blocklist.min-replies", SettingType.INT)
            .defaultValue(1)
            .unit("attempts")
            .description("Replies naming a block list in one window that open the alert.")
            .check(Setting.atLeast(1), "at least 1")
            .build();

    // SPAM_OUTPUT_SPIKE.

    public static final Setting<Integer> SPAM_MIN_ATTEMPTS = Setting.builder("mailflow.detect.spam.min-attempts",
                    SettingType.INT)
            .defaultValue(100)
            .unit("attempts")
            .description("Outbound attempts of one sender identity in a window that can open the alert.")
            .check(Setting.atLeast(1), "at least 1")
            .build();
    public static final Setting<Integer> SPAM_MIN_ATTEMPTS_WITH_REJECTIONS = Setting.builder(
                    "mailflow.detect.spam.min-attempts-with-rejections", SettingType.INT)
            .defaultValue(30)
            .unit("attempts")
            .description("Lower attempt threshold that applies when unknown recipients and refusals reach "
                    + "rejection-share.")
            .check(Setting.atLeast(1), "at least 1")
            .build();
    public static final Setting<Double> SPAM_REJECTION_SHARE = Setting.builder("mailflow.detect.spam.rejection-share",
                    SettingType.DOUBLE)
            .defaultValue(0.3)
            .unit(RATIO)
            .description("Share of unknown recipients and refusals that marks output as likely spam.")
            .check(Setting.between(0, 1), "between 0 and 1")
            .build();
    public static final Setting<Double> SPAM_VOLUME_FACTOR = Setting.builder("mailflow.detect.spam.volume-factor",
                    SettingType.DOUBLE)
            .defaultValue(5.0)
            .unit("ratio")
            .description("Attempts must be this many times the identity's baseline volume.")
            .check(value -> value >= 1, "at least 1")
            .build();
    public static final Setting<Double> SPAM_CRITICAL_FACTOR = Setting.builder("mailflow.detect.spam.critical-factor",
                    SettingType.DOUBLE)
            .defaultValue(20.0)
            .unit("ratio")
            .description("Volume ratio from which the alert is CRITICAL.")
            .check(value -> value >= 1, "at least 1")
            .build();
    public static final Setting<Double> SPAM_BASELINE_FLOOR = Setting.builder("mailflow.detect.spam.baseline-floor",
                    SettingType.DOUBLE)
            .defaultValue(5.0)
            .unit("attempts per window")
            .description("Smallest baseline volume the ratio divides by, so a quiet identity does not alert on "
                    + "a handful of messages.")
            .check(value -> value > 0, "greater than 0")
            .build();
    public static final Setting<Duration> SPAM_NEW_IDENTITY_WARMUP = Setting.builder(
                    "mailflow.detect.spam.new-identity-warmup", SettingType.DURATION)
            .defaultValue(Duration.ofHours(1))
            .unit("event time")
            .description("After a task first sees traffic, identities without history alert on volume alone only "
                    + "once this much event time has passed; before that they need rejection-share as well.")
            .check(Setting.atLeast(Duration.ZERO), "at least 0")
            .build();

    /** Every setting of the topology, in documentation order. */
    public static final List<Setting<?>> DEFINITIONS = List.of(
            TOPIC_MAILLOG_RAW, TOPIC_MAILLOG_REJECTED, TOPIC_INVENTORY_HOSTS, TOPIC_PROVIDERS, TOPIC_DELIVERIES,
            TOPIC_STATS_IP_PROVIDER, TOPIC_STATS_SENDER, TOPIC_ALERTS,
            INPUT_KEYED_BY_HOST, INPUT_PARTITIONS, INTERNAL_PARTITIONS, PARSE_ZONE, PARSE_MAX_LINE_LENGTH,
            CORRELATION_TTL, CORRELATION_ORIGIN_WAIT, CORRELATION_EVICTION_INTERVAL,
            WINDOWS, WINDOW_GRACE, WINDOW_IDLE_FLUSH_AFTER, STATS_EMIT_INTERVAL,
            DETECT_WINDOW, DETECT_BASELINE_ALPHA, DETECT_BASELINE_MIN_ATTEMPTS, DETECT_RESOLVE_AFTER_WINDOWS,
            DETECT_UPDATE_INTERVAL, DETECT_UPDATE_MIN_GROWTH, DETECT_UPDATE_MIN_RATE_CHANGE,
            DETECT_NOISE_CATEGORIES, DETECT_CATCH_ALL_PROVIDERS, DETECT_DESTINATION_CATEGORIES,
            DEFERRAL_MIN_ATTEMPTS, DEFERRAL_MIN_RATE, DEFERRAL_BASELINE_FACTOR, DEFERRAL_PRIOR_RATE,
            DEFERRAL_CRITICAL_RATE,
            REPUTATION_MIN_ATTEMPTS, REPUTATION_MIN_SHARE, REPUTATION_MIN_REPLIES, REPUTATION_ACCEPTANCE_DROP,
            REPUTATION_PRIOR_ACCEPTANCE, REPUTATION_CRITICAL_SHARE,
            BLOCKLIST_MIN_REPLIES,
            SPAM_MIN_ATTEMPTS, SPAM_MIN_ATTEMPTS_WITH_REJECTIONS, SPAM_REJECTION_SHARE, SPAM_VOLUME_FACTOR,
            SPAM_CRITICAL_FACTOR, SPAM_BASELINE_FLOOR, SPAM_NEW_IDENTITY_WARMUP);

    private final SettingValues values;

    private TopologySettings(SettingValues values) {
        this.values = values;
        validateTogether();
    }

    /** Settings with every default. */
    public static TopologySettings defaults() {
        return fromText(Map.of());
    }

    /**
     * Reads settings from text keyed by {@link Setting#key()}; keys of other modules are ignored.
     *
     * @throws InvalidSettingException naming the first key whose value is invalid
     */
    public static TopologySettings fromText(Map<String, String> text) {
        return new TopologySettings(SettingValues.fromText(DEFINITIONS, text));
    }

    /** Returns the value of one setting. */
    public <T> T get(Setting<T> setting) {
        return values.get(setting);
    }

    /**
     * Returns a copy with one value replaced.
     *
     * @throws InvalidSettingException when the value, alone or with the others, is invalid
     */
    public <T> TopologySettings with(Setting<T> setting, T value) {
        return new TopologySettings(values.with(setting, value));
    }

    /** Returns every value as text, keyed by setting key. */
    public Map<String, String> toText() {
        return values.toText();
    }

    /** Returns the topic catalogue for these settings. */
    public MailflowTopics topics() {
        return new MailflowTopics(this);
    }

    /** Window sizes, in the configured order. */
    public List<Duration> windows() {
        return get(WINDOWS);
    }

    public Duration grace() {
        return get(WINDOW_GRACE);
    }

    public Duration detectionWindow() {
        return get(DETECT_WINDOW);
    }

    public boolean inputKeyedByHost() {
        return get(INPUT_KEYED_BY_HOST);
    }

    /** Parser settings: the configured zone and line length, the year of RFC 3164 lines from the clock. */
    public ParserSettings parserSettings() {
        return ParserSettings.builder()
                .zone(get(PARSE_ZONE))
                .maxLineLength(get(PARSE_MAX_LINE_LENGTH))
                .build();
    }

    /** Correlation settings for streaming: unordered output, the configured time to live and origin wait. */
    public CorrelationSettings correlationSettings() {
        return CorrelationSettings.streaming().toBuilder()
                .stateTimeToLive(get(CORRELATION_TTL))
                .originWait(get(CORRELATION_ORIGIN_WAIT))
                .build();
    }

    private void validateTogether() {
        if (!windows().contains(detectionWindow())) {
            throw new InvalidSettingException(DETECT_WINDOW.key(), "Invalid value '"
                    + SettingType.formatDuration(detectionWindow()) + "' for " + DETECT_WINDOW.key()
                    + ": allowed one of the sizes in " + WINDOWS.key() + " (" + SettingType.DURATION_LIST.format(windows())
                    + ")");
        }
        Set<String> topicNames = new HashSet<>();
        for (Setting<String> setting : TOPICS) {
            String name = get(setting);
            if (!topicNames.add(name)) {
                throw new InvalidSettingException(setting.key(), "Invalid value '" + name + "' for "
                        + setting.key() + ": allowed a topic name not used by another mailflow.topic.* key");
            }
        }
        if (get(SPAM_MIN_ATTEMPTS_WITH_REJECTIONS) > get(SPAM_MIN_ATTEMPTS)) {
            throw new InvalidSettingException(SPAM_MIN_ATTEMPTS_WITH_REJECTIONS.key(), "Invalid value '"
                    + get(SPAM_MIN_ATTEMPTS_WITH_REJECTIONS) + "' for " + SPAM_MIN_ATTEMPTS_WITH_REJECTIONS.key()
                    + ": allowed at most " + SPAM_MIN_ATTEMPTS.key() + " (" + get(SPAM_MIN_ATTEMPTS) + ")");
        }
    }

    private static Setting<String> topic(String key, String defaultName, String description) {
        return Setting.builder(key, SettingType.STRING)
                .defaultValue(defaultName)
                .description(description)
                .check(Setting.notEmpty(), "a non-empty topic name")
                .check(name -> name.matches("[a-zA-Z0-9._-]{1,249}"), "letters, digits, '.', '_' and '-'")
                .build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopologySettings that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return "TopologySettings" + values;
    }
}
