package io.mailflow.streams.internals.ingest;

import java.time.Duration;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.mailflow.schemas.SourceCoordinates;
import io.mailflow.streams.internals.MailflowSensors;
import io.mailflow.streams.internals.ProgressTracker;
import io.mailflow.streams.internals.Watermarks;
import io.mailflow.streams.parse.MaillogParser;
import io.mailflow.streams.parse.ParseResult;
import io.mailflow.streams.parse.ParserSettings;

/**
 * Keys raw lines by the host they name, before the repartition that brings every line of a host
 * to one task. The topology uses it when shippers do not key lines by host.
 *
 * <p>Each line is parsed once here to find its host. Readable lines go on as raw text, keyed by
 * host, timestamped with their event time and with their source coordinates and original key in
 * headers. Failed lines go to the dead-letter topic from here, with the key and coordinates they
 * came with. Ignored lines are counted and dropped, so that the repartition carries only mail
 * flow.
 *
 * <p>This processor reads a raw partition, so it sends that partition's event-time progress as
 * watermark records ({@link ProgressTracker}), after the lines they cover; a shipper's watermark
 * line moves that progress too. After {@code idleAfterMs} of wall-clock silence it sends an idle
 * marker, so that an empty partition does not hold back every window. The repartition copies
 * watermark records to every partition.
 */
public final class KeyLineByHostProcessor implements Processor<String, String, String, LineOutcome> {

    /** How often the wall clock is checked for an idle partition. */
    static final Duration IDLE_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final ParserSettings parserSettings;
    private final long idleAfterMs;
    private ProcessorContext<String, LineOutcome> context;
    private MaillogParser parser;
    private MailflowSensors sensors;
    private LineScreening screening;
    private ProgressTracker progress;

    /**
     * @param idleAfterMs wall-clock silence after which this task declares its partition idle; 0 never
     */
    public KeyLineByHostProcessor(ParserSettings parserSettings, long idleAfterMs) {
        this.parserSettings = parserSettings;
        this.idleAfterMs = idleAfterMs;
    }

    @Override
    public void init(ProcessorContext<String, LineOutcome> processorContext) {
        this.context = processorContext;
        this.parser = new MaillogParser(parserSettings);
        this.sensors = new MailflowSensors(processorContext);
        this.screening = new LineScreening(sensors);
        this.progress = new ProgressTracker(idleAfterMs, processorContext.currentSystemTimeMs());
        if (idleAfterMs > 0) {
            processorContext.schedule(IDLE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::checkIdle);
        }
    }

    @Override
    public void process(Record<String, String> record) {
        String line = record.value();
        long watermark = MaillogParser.watermarkMillis(line);
        if (watermark >= 0) {
            screening.watermark();
            progress.watermark(watermark, context.currentSystemTimeMs()).ifPresent(this::forwardWatermark);
            return;
        }

        SourceCoordinates source = SourceHeaders.coordinates(record.headers(), context.recordMetadata().orElse(null));
        ParseResult result = parser.parse(line);
        if (result instanceof ParseResult.Failed failed) {
            context.forward(screening.reject(record, failed, source));
        } else if (result instanceof ParseResult.Ignored ignored) {
            screening.ignored(ignored);
        } else if (result instanceof ParseResult.Parsed parsed) {
            Headers headers = new RecordHeaders(record.headers().toArray());
            SourceHeaders.write(headers, source, record.key());
            long eventTime = parsed.record().eventTime();
            context.forward(new Record<>(Hosts.key(parsed.record().host()), new LineOutcome.Accepted(line), eventTime,
                    headers));
            progress.observe(eventTime, context.currentSystemTimeMs()).ifPresent(this::forwardWatermark);
        }
    }

    private void forwardWatermark(long time) {
        context.forward(Watermarks.record(Hosts.WATERMARK_KEY, time, context.taskId().partition(),
                progress.latestEventTime()));
    }

    private void checkIdle(long wallClockTime) {
        if (progress.idleDue(wallClockTime)) {
            forwardWatermark(Watermarks.IDLE);
        }
    }

    @Override
    public void close() {
        if (sensors != null) {
            sensors.close();
        }
    }
}
