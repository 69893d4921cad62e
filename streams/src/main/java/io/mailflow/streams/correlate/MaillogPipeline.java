package io.mailflow.streams.correlate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailflow.schemas.DeliveryEvent;
import io.mailflow.schemas.SourceCoordinates;
import io.mailflow.streams.classify.ProviderResolver;
import io.mailflow.streams.classify.ReplyClassifier;
import io.mailflow.streams.parse.MaillogParser;
import io.mailflow.streams.parse.MaillogRecord;
import io.mailflow.streams.parse.ParseCounters;
import io.mailflow.streams.parse.ParseResult;
import io.mailflow.streams.parse.ParserSettings;

/**
 * Offline parse, correlate and classify: raw lines in, {@link DeliveryEvent}s out, with the same
 * parser and correlator as the Kafka Streams topology and an in-memory state store. Call
 * {@link #finish()} at the end of input so that no held attempt is lost. Not thread-safe.
 */
public final class MaillogPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(MaillogPipeline.class);
    private static final long SWEEP_INTERVAL_MILLIS = 3_600_000L;

    private final MaillogParser parser;
    private final QueueCorrelator correlator;
    private RejectedLineHandler rejectedLineHandler = (line, source, reason, detail) -> { };
    private long streamTime = Long.MIN_VALUE;
    private long lastSweep = Long.MIN_VALUE;

    /** A pipeline that classifies attempts with the given reply rules and provider rules. */
    public MaillogPipeline(ParserSettings parserSettings, CorrelationSettings correlationSettings, ReplyClassifier classifier,
            ProviderResolver providers) {
        this(parserSettings, correlationSettings, new ReplyAttemptClassifier(classifier, providers));
    }

    public MaillogPipeline(ParserSettings parserSettings, CorrelationSettings correlationSettings, AttemptClassifier classifier) {
        this.parser = new MaillogParser(parserSettings);
        this.correlator = new QueueCorrelator(new InMemoryCorrelationStore(), classifier, correlationSettings);
    }

    /** Sets who receives the lines that fail to parse; by default they are only counted and logged. */
    public void onRejected(RejectedLineHandler handler) {
        this.rejectedLineHandler = Objects.requireNonNull(handler, "handler");
    }

    /** Takes one raw line and returns the delivery events it completes, in line order. */
    public List<DeliveryEvent> accept(String rawLine, SourceCoordinates source) {
        ParseResult result = parser.parse(rawLine);
        if (result instanceof ParseResult.Failed failed) {
            long failures = parser.counters().failed();
            if (failures <= 10 || failures % 10_000 == 0) {
                LOG.warn("Rejected maillog line reason={} source={} failures={} detail={}",
                        failed.reason().code(), describe(source), failures, failed.detail());
            }
            rejectedLineHandler.rejected(rawLine, source, failed.reason(), failed.detail());
            return List.of();
        }
        if (!(result instanceof ParseResult.Parsed parsed)) {
            return List.of();
        }

        MaillogRecord record = source == null ? parsed.record() : parsed.record().withSource(source);
        List<DeliveryEvent> events = correlator.accept(record);
        if (record.eventTime() > streamTime) {
            streamTime = record.eventTime();
        }
        if (lastSweep == Long.MIN_VALUE) {
            lastSweep = streamTime;
        } else if (streamTime - lastSweep >= SWEEP_INTERVAL_MILLIS) {
            lastSweep = streamTime;
            List<DeliveryEvent> expired = correlator.expireAll(streamTime);
            if (!expired.isEmpty()) {
                List<DeliveryEvent> all = new ArrayList<>(events);
                all.addAll(expired);
                return all;
            }
        }
        return events;
    }

    /** Releases every held attempt at the end of input. */
    public List<DeliveryEvent> finish() {
        return correlator.finish();
    }

    /** Parse counts: parsed per kind, ignored and failed per reason, inbound rejects. */
    public ParseCounters counters() {
        return parser.counters();
    }

    public CorrelationCounters correlationCounters() {
        return correlator.counters();
    }

    private static String describe(SourceCoordinates source) {
        if (source == null) {
            return "unknown";
        }
        if (source.getFile() != null) {
            return source.getFile() + ":" + source.getLineNumber();
        }
        return source.getTopic() + "-" + source.getPartition() + "@" + source.getOffset();
    }
}
