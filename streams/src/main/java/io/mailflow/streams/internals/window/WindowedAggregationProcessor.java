package io.mailflow.streams.internals.window;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.streams.internals.MailflowSensors;
import io.mailflow.streams.internals.WatermarkAlignment;
import io.mailflow.streams.internals.Watermarks;

/**
 * Base of the window processors. It adds each attempt to its tumbling windows and sends each change
 * of the detection window on at once. It writes changed open windows every emit interval, and
 * closes windows when the horizon passes their end plus grace.
 *
 * <p>The horizon is the low watermark of the upstream tasks: the minimum of their watermarks
 * ({@link WatermarkAlignment}), never Kafka Streams' stream time, so that a slow upstream task
 * does not see its attempts dropped because a fast one ran ahead. Watermark records are never
 * counted. While neither an attempt nor a watermark arrives for the idle-flush time (idle markers
 * of upstream tasks do not count), the horizon follows the wall
 * clock from the last low watermark (or stream time, before the first), so the last windows of a
 * quiet or finished input still close and the detectors still learn that time passed. An attempt
 * whose window is already closed is dropped and counted in the processor's late metric, once per
 * window size.
 *
 * @param <A> aggregate type
 */
abstract class WindowedAggregationProcessor<A extends WindowAggregate>
        implements Processor<String, DeliveryEvent, String, WindowUpdate<A>> {

    private final WindowSettings settings;
    private final String windowStoreName;
    private final String clockStoreName;
    private final String lateMetric;
    private ProcessorContext<String, WindowUpdate<A>> context;
    private TumblingWindows<A> windows;
    private WatermarkAlignment alignment;
    private MailflowSensors sensors;
    private long lastRecordWallClock;
    private long lastForwardedHorizon = Long.MIN_VALUE;

    WindowedAggregationProcessor(WindowSettings settings, String windowStoreName, String clockStoreName,
            String lateMetric) {
        this.settings = settings;
        this.windowStoreName = windowStoreName;
        this.clockStoreName = clockStoreName;
        this.lateMetric = lateMetric;
    }

    /** Key of the group an attempt belongs to. */
    abstract String groupKey(DeliveryEvent event);

    /** Creates the aggregate of a new window for the group of this attempt. */
    abstract A createWindow(DeliveryEvent event, long windowStart, long windowSizeMs);

    /** Adds an attempt to an aggregate. */
    abstract void addTo(A aggregate, DeliveryEvent event);

    /** Key of the aggregate in the output topic. */
    abstract String groupKeyOf(A aggregate);

    @Override
    public void init(ProcessorContext<String, WindowUpdate<A>> processorContext) {
        this.context = processorContext;
        KeyValueStore<String, A> windowStore = processorContext.getStateStore(windowStoreName);
        KeyValueStore<String, Long> clockStore = processorContext.getStateStore(clockStoreName);
        this.windows = new TumblingWindows<>(windowStore, clockStore, settings.sizesMs(), settings.graceMs());
        this.alignment = new WatermarkAlignment(clockStore, settings.watermarkOrigins());
        this.sensors = new MailflowSensors(processorContext);
        this.lastRecordWallClock = processorContext.currentSystemTimeMs();
        processorContext.schedule(settings.emitInterval(), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(Record<String, DeliveryEvent> record) {
        DeliveryEvent event = record.value();
        if (event == null) {
            onWatermark(record);
            return;
        }
        lastRecordWallClock = context.currentSystemTimeMs();
        long horizon = windows.horizon(alignment.aligned());
        String groupKey = groupKey(event);
        TumblingWindows.Added<A> added = windows.add(groupKey, event.getEventTime(), horizon,
                (start, size) -> createWindow(event, start, size), aggregate -> addTo(aggregate, event));
        for (int i = 0; i < added.late(); i++) {
            sensors.record(lateMetric);
        }
        for (A aggregate : added.changed()) {
            if (aggregate.windowSizeMs() == settings.detectionSizeMs()) {
                context.forward(new Record<>(groupKey, new WindowUpdate<>(WindowUpdate.Kind.CHANGED, aggregate, horizon),
                        record.timestamp()));
            }
        }
    }

    private void onWatermark(Record<String, DeliveryEvent> record) {
        OptionalLong time = Watermarks.time(record.headers());
        OptionalInt origin = Watermarks.origin(record.headers());
        if (time.isEmpty() || origin.isEmpty()) {
            return;
        }
        if (time.getAsLong() != Watermarks.IDLE) {
            lastRecordWallClock = context.currentSystemTimeMs();
        }
        WatermarkAlignment.Result result = alignment.advance(origin.getAsInt(), time.getAsLong());
        if (result instanceof WatermarkAlignment.Advanced advanced) {
            long horizon = windows.horizon(advanced.time());
            if (windows.mayClose(horizon) || horizon >= lastForwardedHorizon + settings.detectionSizeMs()) {
                close(horizon);
            }
        }
    }

    private void close(long horizon) {
        List<A> closed = windows.closeThrough(horizon);
        for (A aggregate : closed) {
            context.forward(new Record<>(groupKeyOf(aggregate),
                    new WindowUpdate<>(WindowUpdate.Kind.CLOSED, aggregate, horizon), aggregate.lastSeen()));
        }
        context.forward(new Record<>(null, new WindowUpdate<A>(WindowUpdate.Kind.HORIZON, null, horizon), horizon));
        lastForwardedHorizon = horizon;
    }

    private void onWallClock(long wallClockTime) {
        long horizon = windows.horizon(alignment.aligned());
        for (A aggregate : windows.drainChanged()) {
            context.forward(new Record<>(groupKeyOf(aggregate),
                    new WindowUpdate<>(WindowUpdate.Kind.FLUSHED, aggregate, horizon), aggregate.lastSeen()));
        }
        flushIfIdle(wallClockTime);
    }

    private void flushIfIdle(long wallClockTime) {
        long idleMs = wallClockTime - lastRecordWallClock;
        if (settings.idleFlushAfterMs() <= 0 || idleMs < settings.idleFlushAfterMs()) {
            return;
        }
        long base = alignment.aligned() != Long.MIN_VALUE ? alignment.aligned() : context.currentStreamTimeMs();
        if (base < 0) {
            return;
        }
        long horizon = windows.horizon(base + idleMs);
        boolean detectionWindowPassed = lastForwardedHorizon == Long.MIN_VALUE
                || horizon >= lastForwardedHorizon + settings.detectionSizeMs();
        if (windows.mayClose(horizon) || detectionWindowPassed) {
            close(horizon);
        }
    }

    @Override
    public void close() {
        if (sensors != null) {
            sensors.close();
        }
    }
}
