package io.mailflow.streams.internals.ingest;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.ProviderRule;
import io.mailflow.streams.classify.ProviderResolver;
import io.mailflow.streams.classify.ReplyClassifier;
import io.mailflow.streams.correlate.CorrelationSettings;
import io.mailflow.streams.correlate.QueueCorrelator;
import io.mailflow.streams.correlate.QueueState;
import io.mailflow.streams.correlate.QueueStateSerde;
import io.mailflow.streams.internals.MailflowSensors;
import io.mailflow.streams.internals.StateStores;
import io.mailflow.streams.internals.Watermarks;
import io.mailflow.streams.internals.enrich.ProviderOverrideClassifier;
import io.mailflow.streams.internals.enrich.ProviderRuleVersion;
import io.mailflow.streams.internals.enrich.StoreProviderRuleProcessor;

/**
 * Correlates parsed records by host and queue id ({@link QueueCorrelator}) in the persistent store
 * {@link #STORE} and emits one delivery event per attempt, timestamped with its event time and
 * keyed by host. Providers are resolved with the operator's rules from the global provider-rules
 * store on top of the shipped ones.
 *
 * <p>The stream time of this processor is the latest event time it has seen, from records and
 * watermarks; it is not the task's stream time, which follows the raw records' Kafka timestamps
 * when the input is keyed by host. Whenever it crosses a {@link #RELEASE_INTERVAL} boundary, a
 * sweep releases the attempts whose wait for their sender line is over, and every eviction
 * interval the sweep also drops states past their time to live. As a safety net while no line
 * arrives, a wall-clock punctuation sweeps with that time moved on by the idle wall-clock time,
 * so that held attempts of a stopped input are not kept forever.
 */
public final class CorrelateQueueProcessor implements Processor<String, LineOutcome, String, DeliveryEvent> {

    /** Queue states keyed {@code host|queueId}. */
    public static final String STORE = "correlate-by-queue-id-store";

    /** Interval, in event time, at which held attempts are checked for release. */
    static final Duration RELEASE_INTERVAL = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(CorrelateQueueProcessor.class);

    private final CorrelationSettings correlationSettings;
    private final ReplyClassifier replies;
    private final ProviderResolver providers;
    private final ProviderRuleVersion ruleVersion;
    private final Duration evictionInterval;
    private ProcessorContext<String, DeliveryEvent> context;
    private KeyValueCorrelationStore store;
    private QueueCorrelator correlator;
    private MailflowSensors sensors;
    private long eventClock = Long.MIN_VALUE;
    private long nextEviction = Long.MIN_VALUE;
    private long nextRelease = Long.MIN_VALUE;
    private long lastRecordWallClock;
    private boolean heldIndexBuilt;

    public CorrelateQueueProcessor(CorrelationSettings correlationSettings, ReplyClassifier replies,
            ProviderResolver providers, ProviderRuleVersion ruleVersion, Duration evictionInterval) {
        this.correlationSettings = correlationSettings;
        this.replies = replies;
        this.providers = providers;
        this.ruleVersion = ruleVersion;
        this.evictionInterval = evictionInterval;
    }

    /** Builder of the store this processor needs. */
    public static StoreBuilder<KeyValueStore<String, QueueState>> storeBuilder() {
        return StateStores.persistent(STORE, new QueueStateSerde());
    }

    @Override
    public void init(ProcessorContext<String, DeliveryEvent> processorContext) {
        this.context = processorContext;
        this.store = new KeyValueCorrelationStore(processorContext.getStateStore(STORE));
        this.sensors = new MailflowSensors(processorContext);
        KeyValueStore<String, ProviderRule> rules = processorContext.getStateStore(StoreProviderRuleProcessor.STORE);
        ProviderOverrideClassifier classifier = new ProviderOverrideClassifier(replies, providers, rules, ruleVersion,
                ruleId -> sensors.record("provider-rules-invalid"));
        this.correlator = new QueueCorrelator(store, classifier, correlationSettings);
        this.lastRecordWallClock = processorContext.currentSystemTimeMs();
        processorContext.schedule(evictionInterval, PunctuationType.WALL_CLOCK_TIME, this::sweepWhileIdle);
    }

    @Override
    public void process(Record<String, LineOutcome> record) {
        lastRecordWallClock = context.currentSystemTimeMs();
        if (record.value() == null) {
            Watermarks.time(record.headers()).ifPresent(time -> {
                if (time != Watermarks.IDLE) {
                    eventClock = Math.max(eventClock, time);
                    sweep(eventClock);
                }
            });
            context.forward(new Record<>(record.key(), null, record.timestamp(), record.headers()));
            return;
        }
        if (!(record.value() instanceof LineOutcome.Parsed parsed)) {
            return;
        }
        eventClock = Math.max(eventClock, parsed.record().eventTime());
        forward(correlator.accept(parsed.record()));
        if (eventClock >= nextRelease) {
            sweep(eventClock);
        }
    }

    private void sweepWhileIdle(long wallClockTime) {
        long idleMs = wallClockTime - lastRecordWallClock;
        if (eventClock != Long.MIN_VALUE && idleMs >= evictionInterval.toMillis()) {
            sweep(eventClock + idleMs);
        }
    }

    /** Releases due held attempts and, when the eviction interval has passed, drops expired states. */
    private void sweep(long now) {
        if (now == Long.MIN_VALUE) {
            return;
        }
        if (!heldIndexBuilt) {
            store.rebuildHeldIndex();
            heldIndexBuilt = true;
        }
        long evictedBefore = correlator.counters().evictedStates();
        nextRelease = now + RELEASE_INTERVAL.toMillis();
        if (now >= nextEviction) {
            nextEviction = now + evictionInterval.toMillis();
            forward(correlator.expireAll(now));
        } else {
            for (String key : store.heldKeys()) {
                forward(correlator.expire(key, now));
            }
        }
        long evicted = correlator.counters().evictedStates() - evictedBefore;
        for (long i = 0; i < evicted; i++) {
            sensors.record("queue-states-evicted");
        }
        if (evicted > 0) {
            LOG.info("Evicted queue states count={} task={} eventClock={}", evicted, context.taskId(), now);
        }
    }

    private void forward(List<DeliveryEvent> events) {
        for (DeliveryEvent event : events) {
            sensors.record("delivery-events");
            context.forward(new Record<>(Hosts.key(event.getHost()), event, event.getEventTime()));
        }
    }

    @Override
    public void close() {
        if (sensors != null) {
            sensors.close();
        }
    }
}
