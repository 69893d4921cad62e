package io.mailflow.streams.internals.detect;

import java.util.List;
import java.util.Locale;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import io.mailflow.schemas.Alert;
import io.mailflow.schemas.AlertType;
import io.mailflow.streams.internals.MailflowSensors;
import io.mailflow.streams.internals.StateStores;
import io.mailflow.streams.internals.window.IpProviderWindow;
import io.mailflow.streams.internals.window.WindowUpdate;

/**
 * Detects DEFERRAL_SPIKE, REPUTATION_COLLAPSE and BLOCKLISTED per sending IP and provider from the
 * updates of the detection window, and writes their OPEN, UPDATE and RESOLVE events keyed by alert
 * id.
 *
 * <p>Every change of the current window is evaluated at once, so an alert opens as soon as the
 * evidence passes the thresholds rather than when the window closes. Closed windows move the
 * baselines ({@link #BASELINE_STORE}); open incidents live in {@link #ALERT_STORE} until they
 * resolve on a horizon update.
 */
public final class DetectDeliveryIncidentProcessor
        implements Processor<String, WindowUpdate<IpProviderWindow>, String, Alert> {

    /** Baselines keyed {@code sendingIp|provider}. */
    public static final String BASELINE_STORE = "detect-delivery-incidents-baselines";

    /** Open incidents keyed {@code type|sendingIp|provider}. */
    public static final String ALERT_STORE = "detect-delivery-incidents-alerts";

    /** Builders of the stores this processor needs. */
    public static List<StoreBuilder<?>> storeBuilders() {
        return List.of(
                StateStores.persistentJson(BASELINE_STORE, DeliveryBaseline.class),
                StateStores.persistentJson(ALERT_STORE, OpenAlert.class));
    }

    private final DetectionSettings settings;
    private final DeliveryIncidentRules rules;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, DeliveryBaseline> baselines;
    private AlertLifecycle lifecycle;
    private MailflowSensors sensors;

    public DetectDeliveryIncidentProcessor(DetectionSettings settings) {
        this.settings = settings;
        this.rules = new DeliveryIncidentRules(settings);
    }

    @Override
    public void init(ProcessorContext<String, Alert> processorContext) {
        this.context = processorContext;
        this.baselines = processorContext.getStateStore(BASELINE_STORE);
        KeyValueStore<String, OpenAlert> alerts = processorContext.getStateStore(ALERT_STORE);
        this.sensors = new MailflowSensors(processorContext);
        this.lifecycle = new AlertLifecycle(alerts, settings, this::forward);
    }

    @Override
    public void process(Record<String, WindowUpdate<IpProviderWindow>> record) {
        WindowUpdate<IpProviderWindow> update = record.value();
        switch (update.kind()) {
            case HORIZON -> lifecycle.resolveThrough(update.horizon());
            case CHANGED -> evaluate(update.aggregate(), false);
            case CLOSED -> evaluate(update.aggregate(), true);
            case FLUSHED -> {
                // Flushed aggregates only feed the stats topic.
            }
        }
    }

    private void evaluate(IpProviderWindow window, boolean closed) {
        String key = window.sendingIp() + "|" + window.provider();
        DeliveryBaseline baseline = baselines.get(key);
        if (baseline == null) {
            baseline = DeliveryBaseline.initial(settings);
        }
        List<Verdict> verdicts = rules.evaluate(window, baseline);
        AlertSubject subject = AlertSubject.ipProvider(key, window.sendingIp(), window.provider(), window.tenant());
        for (Verdict verdict : verdicts) {
            lifecycle.onWindowUpdate(subject, window.windowStart(), verdict);
        }
        if (closed) {
            for (Verdict verdict : verdicts) {
                lifecycle.onWindowClosed(verdict.type(), key, window.windowStart());
            }
            learn(key, baseline, window, verdicts);
        }
    }

    private void learn(String key, DeliveryBaseline baseline, IpProviderWindow window, List<Verdict> verdicts) {
        if (window.windowStart() <= baseline.lastWindowStart) {
            return;
        }
        double alpha = settings.baselineAlpha();
        baseline.volume = baseline.lastWindowStart == Long.MIN_VALUE
                ? window.attempts() : Ewma.next(baseline.volume, window.attempts(), alpha);
        baseline.lastWindowStart = window.windowStart();

        long considered = rules.consideredAttempts(window);
        if (considered >= settings.baselineMinAttempts()) {
            if (calm(AlertType.DEFERRAL_SPIKE, key, verdicts)) {
                baseline.deferralRate = Ewma.next(baseline.deferralRate,
                        DeliveryIncidentRules.ratio(rules.significantDeferrals(window), considered), alpha);
            }
            if (calm(AlertType.REPUTATION_COLLAPSE, key, verdicts) && calm(AlertType.BLOCKLISTED, key, verdicts)) {
                baseline.acceptance = Ewma.next(baseline.acceptance,
                        DeliveryIncidentRules.ratio(window.sent(), considered), alpha);
                baseline.reputationShare = Ewma.next(baseline.reputationShare, verdicts.get(1).rate(), alpha);
                baseline.blocklistShare = Ewma.next(baseline.blocklistShare, verdicts.get(2).rate(), alpha);
            }
            baseline.windows++;
        }
        baselines.put(key, baseline);
    }

    private boolean calm(AlertType type, String key, List<Verdict> verdicts) {
        boolean opening = verdicts.stream().anyMatch(verdict -> verdict.type() == type && verdict.opens());
        return !opening && !lifecycle.isOpen(type, key);
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
