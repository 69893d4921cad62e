package io.mailflow.streams.internals.ingest;

import java.util.OptionalInt;
import java.util.OptionalLong;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import io.mailflow.schemas.SourceCoordinates;
import io.mailflow.streams.internals.MailflowSensors;
import io.mailflow.streams.internals.ProgressTracker;
import io.mailflow.streams.internals.StateStores;
import io.mailflow.streams.internals.WatermarkAlignment;
import io.mailflow.streams.internals.Watermarks;
import io.mailflow.streams.parse.MaillogParser;
import io.mailflow.streams.parse.MaillogRecord;
import io.mailflow.streams.parse.ParseResult;
import io.mailflow.streams.parse.ParserSettings;

/**
 * Parses raw maillog lines into records for correlation, timestamped with the line's event time
 * and carrying the coordinates of the raw line.
 *
 * <p>A line that is not understood goes on as a {@link LineOutcome.Rejected} for the dead-letter
 * topic, is counted by reason and logged at WARN (rate-limited). An ignored line is counted by
 * reason and dropped. Each task has its own parser, which is not thread-safe.
 *
 * <p>Watermarks: when lines come straight from a raw partition, this processor is the front and
 * sends the partition's progress ({@link ProgressTracker}) and idle markers, like
 * {@link KeyLineByHostProcessor}. When lines come through the repartition by host, it aligns the
 * watermarks of all raw partitions in {@link #WATERMARK_STORE} and sends their minimum on under
 * its own partition.
 */
public final class ParseMaillogLineProcessor implements Processor<String, String, String, LineOutcome> {

    /** Latest watermark per upstream partition, when lines come from the repartition by host. */
    public static final String WATERMARK_STORE = "parse-maillog-line-watermarks";

    private final ParserSettings parserSettings;
    private final int watermarkOrigins;
    private final long idleAfterMs;
    private ProcessorContext<String, LineOutcome> context;
    private MaillogParser parser;
    private MailflowSensors sensors;
    private LineScreening screening;
    private WatermarkAlignment alignment;
    private ProgressTracker progress;
    private long latestEventTime;

    /**
     * @param watermarkOrigins partitions of the raw topic when lines arrive through the repartition
     *                         by host, whose watermarks are aligned in {@link #WATERMARK_STORE}; 0 when
     *                         lines come straight from the raw topic, one partition per task
     * @param idleAfterMs      for lines straight from the raw topic: wall-clock silence after which
     *                         this task declares its partition idle; 0 never
     */
    public ParseMaillogLineProcessor(ParserSettings parserSettings, int watermarkOrigins, long idleAfterMs) {
        this.parserSettings = parserSettings;
        this.watermarkOrigins = watermarkOrigins;
        this.idleAfterMs = idleAfterMs;
    }

    /** Builder of the watermark store, needed when lines arrive through the repartition by host. */
    public static StoreBuilder<KeyValueStore<String, Long>> watermarkStoreBuilder() {
        return StateStores.persistent(WATERMARK_STORE, Serdes.Long());
    }

    @Override
    public void init(ProcessorContext<String, LineOutcome> processorContext) {
        this.context = processorContext;
        this.parser = new MaillogParser(parserSettings);
        this.sensors = new MailflowSensors(processorContext);
        this.screening = new LineScreening(sensors);
        if (watermarkOrigins > 0) {
            this.alignment = new WatermarkAlignment(processorContext.getStateStore(WATERMARK_STORE), watermarkOrigins);
        } else {
            this.progress = new ProgressTracker(idleAfterMs, processorContext.currentSystemTimeMs());
            if (idleAfterMs > 0) {
                processorContext.schedule(KeyLineByHostProcessor.IDLE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
                        this::checkIdle);
            }
        }
    }

    @Override
    public void process(Record<String, String> record) {
        String line = record.value();
        if (line == null) {
            alignUpstreamWatermark(record);
            return;
        }
        long watermark = MaillogParser.watermarkMillis(line);
        if (watermark >= 0) {
            screening.watermark();
            if (progress != null) {
                progress.watermark(watermark, context.currentSystemTimeMs()).ifPresent(this::forwardWatermark);
            }
            return;
        }

        SourceCoordinates source = SourceHeaders.coordinates(record.headers(), context.recordMetadata().orElse(null));
        ParseResult result = parser.parse(line);
        if (result instanceof ParseResult.Failed failed) {
            context.forward(screening.reject(record, failed, source));
        } else if (result instanceof ParseResult.Ignored ignored) {
            screening.ignored(ignored);
        } else if (result instanceof ParseResult.Parsed parsed) {
            screening.parsed();
            MaillogRecord parsedRecord = parsed.record().withSource(source);
            long eventTime = parsedRecord.eventTime();
            latestEventTime = Math.max(latestEventTime, eventTime);
            context.forward(new Record<>(Hosts.key(parsedRecord.host()), new LineOutcome.Parsed(parsedRecord),
                    eventTime, record.headers()));
            if (progress != null) {
                progress.observe(eventTime, context.currentSystemTimeMs()).ifPresent(this::forwardWatermark);
            }
        }
    }

    private void alignUpstreamWatermark(Record<String, String> record) {
        OptionalLong time = Watermarks.time(record.headers());
        OptionalInt origin = Watermarks.origin(record.headers());
        if (alignment == null || time.isEmpty() || origin.isEmpty()) {
            return;
        }
        WatermarkAlignment.Result result = alignment.advance(origin.getAsInt(), time.getAsLong());
        if (result instanceof WatermarkAlignment.Advanced advanced) {
            forwardWatermark(advanced.time());
        } else if (result instanceof WatermarkAlignment.AllIdle) {
            forwardWatermark(Watermarks.IDLE);
        }
    }

    private void checkIdle(long wallClockTime) {
        if (progress.idleDue(wallClockTime)) {
            forwardWatermark(Watermarks.IDLE);
        }
    }

    private void forwardWatermark(long time) {
        context.forward(Watermarks.record(Hosts.WATERMARK_KEY, time, context.taskId().partition(), latestEventTime));
    }

    @Override
    public void close() {
        if (sensors != null) {
            sensors.close();
        }
    }
}
