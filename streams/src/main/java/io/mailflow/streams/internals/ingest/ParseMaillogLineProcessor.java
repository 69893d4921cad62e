package io.mailflow.streams.internals.ingest;

import java.util.OptionalInt;
import java.util.OptionalLong;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import io.mailflow.schemas.SourceCoordinates;
import io.mailflow.streams.internals.MailflowSensors;
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
 * reason and dropped. A watermark line goes on as a watermark record of this task's partition;
 * watermark records from the repartition by host go on once every raw partition has sent one, at
 * their minimum. Each task has its own parser, which is not thread-safe.
 */
public final class ParseMaillogLineProcessor implements Processor<String, String, String, LineOutcome> {

    /** Latest watermark per upstream partition, when lines come from the repartition by host. */
    public static final String WATERMARK_STORE = "parse-maillog-line-watermarks";

    private final ParserSettings parserSettings;
    private final int watermarkOrigins;
    private ProcessorContext<String, LineOutcome> context;
    private WatermarkAlignment alignment;
    private long lastEventTime;
    private MaillogParser parser;
    private MailflowSensors sensors;
    private LineScreening screening;

    /**
     * @param watermarkOrigins partitions of the raw topic when lines arrive through the repartition
     *                         by host, whose watermarks are aligned in {@link #WATERMARK_STORE}; 0 when
     *                         lines come straight from the raw topic, one partition per task
     */
    public ParseMaillogLineProcessor(ParserSettings parserSettings, int watermarkOrigins) {
        this.parserSettings = parserSettings;
        this.watermarkOrigins = watermarkOrigins;
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
            forwardWatermark(watermark);
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
            lastEventTime = Math.max(lastEventTime, parsedRecord.eventTime());
            context.forward(new Record<>(Hosts.key(parsedRecord.host()), new LineOutcome.Parsed(parsedRecord),
                    parsedRecord.eventTime(), record.headers()));
        }
    }

    private void alignUpstreamWatermark(Record<String, String> record) {
        OptionalLong time = Watermarks.time(record.headers());
        OptionalInt origin = Watermarks.origin(record.headers());
        if (alignment == null || time.isEmpty() || origin.isEmpty()) {
            return;
        }
        alignment.advance(origin.getAsInt(), time.getAsLong()).ifPresent(this::forwardWatermark);
    }

    private void forwardWatermark(long time) {
        context.forward(Watermarks.record(Hosts.WATERMARK_KEY, time, context.taskId().partition(), lastEventTime));
    }

    @Override
    public void close() {
        if (sensors != null) {
            sensors.close();
        }
    }
}
