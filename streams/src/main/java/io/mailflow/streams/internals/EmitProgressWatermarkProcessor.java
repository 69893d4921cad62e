package io.mailflow.streams.internals;

import java.time.Duration;
import java.util.OptionalLong;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.streams.internals.ingest.Hosts;

/**
 * Front of a topology that reads delivery events instead of raw lines: passes every event on and
 * sends its partition's event-time progress as watermark records ({@link ProgressTracker}) and an
 * idle marker after wall-clock silence. A watermark record on the input, such as one a test
 * sends, moves the progress like a shipper's watermark line.
 */
public final class EmitProgressWatermarkProcessor implements Processor<String, DeliveryEvent, String, DeliveryEvent> {

    private static final Duration IDLE_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final long idleAfterMs;
    private ProcessorContext<String, DeliveryEvent> context;
    private ProgressTracker progress;

    /** @param idleAfterMs wall-clock silence after which the partition is declared idle; 0 never */
    public EmitProgressWatermarkProcessor(long idleAfterMs) {
        this.idleAfterMs = idleAfterMs;
    }

    @Override
    public void init(ProcessorContext<String, DeliveryEvent> processorContext) {
        this.context = processorContext;
        this.progress = new ProgressTracker(idleAfterMs, processorContext.currentSystemTimeMs());
        if (idleAfterMs > 0) {
            processorContext.schedule(IDLE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, wallClock -> {
                if (progress.idleDue(wallClock)) {
                    forwardWatermark(Watermarks.IDLE);
                }
            });
        }
    }

    @Override
    public void process(Record<String, DeliveryEvent> record) {
        long wallClock = context.currentSystemTimeMs();
        if (record.value() == null) {
            OptionalLong time = Watermarks.time(record.headers());
            if (time.isPresent() && time.getAsLong() != Watermarks.IDLE) {
                progress.watermark(time.getAsLong(), wallClock).ifPresent(this::forwardWatermark);
            }
            return;
        }
        context.forward(record);
        progress.observe(record.value().getEventTime(), wallClock).ifPresent(this::forwardWatermark);
    }

    private void forwardWatermark(long time) {
        context.forward(Watermarks.record(Hosts.WATERMARK_KEY, time, context.taskId().partition(), progress.latestEventTime()));
    }
}
