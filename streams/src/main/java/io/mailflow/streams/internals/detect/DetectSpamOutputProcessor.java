package io.mailflow.streams.internals.detect;

import java.util.List;
import java.util.Locale;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import io.mailflow.schemas.Alert;
import io.mailflow.schemas.AlertType;
import io.mailflow.schemas.SenderIdentityType;
import io.mailflow.streams.internals.MailflowSensors;
import io.mailflow.streams.internals.StateStores;
import io.mailflow.streams.internals.window.SenderWindow;
import io.mailflow.streams.internals.window.WindowUpdate;

/**
 * Detects SPAM_OUTPUT_SPIKE per host and sender identity from the updates of the detection window
 * and writes its OPEN, UPDATE and RESOLVE events keyed by alert id. Identities of kind UNKNOWN are
 * not evaluated, since an alert could not say whom to stop.
 *
 * <p>Stores: {@link #BASELINE_STORE} (volume baselines), {@link #ALERT_STORE} (open incidents) and
 * {@link #CLOCK_STORE} (stream time at which this task first saw traffic, for the warm-up).
 */
public final class DetectSpamOutputProcessor implements Processor<String, WindowUpdate<SenderWindow>, String, Alert> {

    /** Baselines keyed {@code host|identityType|identity}. */
    public static final String BASELINE_STORE = "detect-spam-output-baselines";

    /** Open incidents keyed {@code type|host|identityType|identity}. */
    public static final String ALERT_STORE = "detect-spam-output-alerts";

    /** Stream time at which the task first saw traffic, under {@link #FIRST_SEEN_KEY}. */
    public static final String CLOCK_STORE = "detect-spam-output-clock";

    static final String FIRST_SEEN_KEY = "first-seen";

    /** Builders of the stores this processor needs. */
    public static List<StoreBuilder<?>> storeBuilders() {
        return List.of(
                StateStores.persistentJson(BASELINE_STORE, SenderBaseline.class),
                StateStores.persistentJson(ALERT_STORE, OpenAlert.class),
                StateStores.persistent(CLOCK_STORE, Serdes.Long()));
    }

    private final DetectionSettings settings;
    private final SpamOutputRule rule;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, SenderBaseline> baselines;
    private KeyValueStore<String, Long> clock;
    private AlertLifecycle lifecycle;
    private MailflowSensors sensors;

    public DetectSpamOutputProcessor(DetectionSettings settings) {
        this.settings = settings;
        this.rule = new SpamOutputRule(settings);
    }

    @Override
    public void init(ProcessorContext<String, Alert> processorContext) {
        this.context = processorContext;
        this.baselines = processorContext.getStateStore(BASELINE_STORE);
        this.clock = processorContext.getStateStore(CLOCK_STORE);
        KeyValueStore<String, OpenAlert> alerts = processorContext.getStateStore(ALERT_STORE);
        this.sensors = new MailflowSensors(processorContext);
        this.lifecycle = new AlertLifecycle(alerts, settings, this::forward);
    }

    @Override
    public void process(Record<String, WindowUpdate<SenderWindow>> record) {
        WindowUpdate<SenderWindow> update = record.value();
        switch (update.kind()) {
            case HORIZON -> lifecycle.resolveThrough(update.horizon());
            case CHANGED -> evaluate(update.aggregate(), false);
            case CLOSED -> evaluate(update.aggregate(), true);
            case FLUSHED -> {
                // Flushed aggregates only feed the stats topic.
            }
        }
    }

    private void evaluate(SenderWindow window, boolean closed) {
        if (window.identityType() == SenderIdentityType.UNKNOWN) {
            return;
        }
        String key = window.host() + "|" + window.identityType() + "|" + window.identity();
        SenderBaseline baseline = baselines.get(key);
        if (baseline == null) {
            baseline = new SenderBaseline();
        }
        Verdict verdict = rule.evaluate(window, baseline, warmedUp(window.lastSeen()));
        AlertSubject subject = AlertSubject.sender(key, window.host(), window.identityType(), window.identity(),
                window.tenant());
        lifecycle.onWindowUpdate(subject, window.windowStart(), verdict);
        if (closed) {
            lifecycle.onWindowClosed(AlertType.SPAM_OUTPUT_SPIKE, key, window.windowStart());
            learn(key, baseline, window, verdict);
        }
    }

    private boolean warmedUp(long eventTime) {
        Long firstSeen = clock.get(FIRST_SEEN_KEY);
        if (firstSeen == null) {
            clock.put(FIRST_SEEN_KEY, eventTime);
            firstSeen = eventTime;
        }
        return eventTime - firstSeen >= settings.spamNewIdentityWarmupMs();
    }

    private void learn(String key, SenderBaseline baseline, SenderWindow window, Verdict verdict) {
        if (window.windowStart() <= baseline.lastWindowStart) {
            return;
        }
        baseline.lastWindowStart = window.windowStart();
        if (verdict.opens() || lifecycle.isOpen(AlertType.SPAM_OUTPUT_SPIKE, key)) {
            baselines.put(key, baseline);
            return;
        }
        double badShare = window.attempts() == 0 ? 0.0
                : (double) (window.unknownRecipients() + window.rejections()) / window.attempts();
        if (baseline.windows == 0) {
            baseline.volume = window.outputVolume();
            baseline.badShare = badShare;
        } else {
            baseline.volume = Ewma.next(baseline.volume, window.outputVolume(), settings.baselineAlpha());
            baseline.badShare = Ewma.next(baseline.badShare, badShare, settings.baselineAlpha());
        }
        baseline.windows++;
        baselines.put(key, baseline);
    }

    private void forward(Alert alert) {
        sensors.record("alerts-" + alert.getEvent().name().toLowerCase(Locale.ROOT));
        context.forward(new Record<>(alert.getAlertId(), alert, alert.getEventTime()));
    }

    @Override
    public void close() {
        if (sensors != null) {
            sensors.close();
        }
    }
}
