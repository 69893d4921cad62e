package io.mailflow.streams.internals.ingest;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.mailflow.schemas.SourceCoordinates;
import io.mailflow.streams.internals.MailflowSensors;
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
 * reason and dropped. A watermark, as a line or as a null value from the repartition, goes on as
 * a null value at its time. Each task has its own parser, which is not thread-safe.
 */
public final class ParseMaillogLineProcessor implements Processor<String, String, String, LineOutcome> {

    private final ParserSettings parserSettings;
    private ProcessorContext<String, LineOutcome> context;
    private MaillogParser parser;
    private MailflowSensors sensors;
    private LineScreening screening;

    public ParseMaillogLineProcessor(ParserSettings parserSettings) {
        this.parserSettings = parserSettings;
    }

    @Override
    public void init(ProcessorContext<String, LineOutcome> processorContext) {
        this.context = processorContext;
        this.parser = new MaillogParser(parserSettings);
        this.sensors = new MailflowSensors(processorContext);
        this.screening = new LineScreening(sensors);
    }

    @Override
    public void process(Record<String, String> record) {
        String line = record.value();
        if (line == null) {
            context.forward(new Record<>(Hosts.WATERMARK_KEY, null, record.timestamp()));
            return;
        }
        long watermark = MaillogParser.watermarkMillis(line);
        if (watermark >= 0) {
            screening.watermark();
            context.forward(new Record<>(Hosts.WATERMARK_KEY, null, watermark));
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
            context.forward(new Record<>(Hosts.key(parsedRecord.host()), new LineOutcome.Parsed(parsedRecord),
                    parsedRecord.eventTime(), record.headers()));
        }
    }

    @Override
    public void close() {
        if (sensors != null) {
            sensors.close();
        }
    }
}
