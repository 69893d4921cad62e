package io.mailflow.streams.internals.ingest;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.mailflow.schemas.SourceCoordinates;
import io.mailflow.streams.internals.MailflowSensors;
import io.mailflow.streams.parse.MaillogParser;
import io.mailflow.streams.parse.ParseResult;
import io.mailflow.streams.parse.ParserSettings;

/**
 * Keys raw lines by the host they name, before the repartition that brings every line of a host
 * to one task; used when shippers do not key lines by host.
 *
 * <p>Each line is parsed once here to find its host. Readable lines go on as raw text, keyed by
 * host, timestamped with their event time and with their source coordinates and original key in
 * headers. Failed lines go to the dead-letter topic from here, with the key and coordinates they
 * came with. Ignored lines are counted and dropped, so that the repartition carries only mail
 * flow. A watermark line goes on as a null value at the watermark time, which the repartition
 * copies to every partition.
 */
public final class KeyLineByHostProcessor implements Processor<String, String, String, LineOutcome> {

    private final ParserSettings parserSettings;
    private ProcessorContext<String, LineOutcome> context;
    private MaillogParser parser;
    private MailflowSensors sensors;
    private LineScreening screening;

    public KeyLineByHostProcessor(ParserSettings parserSettings) {
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
            Headers headers = new RecordHeaders(record.headers().toArray());
            SourceHeaders.write(headers, source, record.key());
            context.forward(new Record<>(Hosts.key(parsed.record().host()), new LineOutcome.Accepted(line),
                    parsed.record().eventTime(), headers));
        }
    }

    @Override
    public void close() {
        if (sensors != null) {
            sensors.close();
        }
    }
}
