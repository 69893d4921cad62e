package io.mailflow.app.demo;

import io.mailflow.app.kafka.ConsumerGroupLag;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a finite run drain through the pipeline: lines shipped, lines the streams application has
 * committed, what the sink has committed, and what Elasticsearch can find. Decides when the run is
 * complete. One thread calls the {@code await} methods; {@link #latest()} may be read from any thread.
 */
final class PipelineWatch {

    private static final Logger log = LoggerFactory.getLogger(PipelineWatch.class);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    /** How long every condition must hold with unchanged counts before the run counts as complete. */
    private static final Duration STABLE_FOR = Duration.ofSeconds(2);

    /**
     * A transactional producer (Kafka Streams with exactly-once) writes a commit marker after its
     * records, which takes one offset that a consumer may or may not commit past.
     */
    private static final int MARKER_SLACK = 1;

    private final ConsumerGroupLag lag;
    private final ReportQueries queries;
    private final String streamsGroup;
    private final String rawTopic;
    private final String sinkGroup;
    private final List<String> sinkTopics;
    private final LongSupplier linesShipped;
    private final long linesTotal;
    private final AtomicReference<ProgressSnapshot> latest = new AtomicReference<>(ProgressSnapshot.NONE);

    /**
     * @param streamsGroup the Kafka Streams application id
     * @param sinkGroup the sink's consumer group
     * @param sinkTopics the topics the sink consumes
     * @param linesShipped lines the shipper has sent so far
     * @param linesTotal lines of the input, or -1 when unknown
     */
    PipelineWatch(ConsumerGroupLag lag, ReportQueries queries, String streamsGroup, String rawTopic, String sinkGroup,
            List<String> sinkTopics, LongSupplier linesShipped, long linesTotal) {
        this.lag = lag;
        this.queries = queries;
        this.streamsGroup = streamsGroup;
        this.rawTopic = rawTopic;
        this.sinkGroup = sinkGroup;
        this.sinkTopics = List.copyOf(sinkTopics);
        this.linesShipped = linesShipped;
        this.linesTotal = linesTotal;
    }

    /** Returns the snapshot of the latest poll. */
    ProgressSnapshot latest() {
        return latest.get();
    }

    /**
     * Outcome of waiting for a run.
     *
     * @param complete whether every condition held
     * @param pending the conditions that did not hold when the time ran out; empty when complete
     */
    record Completion(boolean complete, List<String> pending) {
    }

    /**
     * Waits until shipping is done and the streams application has processed every raw line and
     * every record of its internal topics, with counts unchanged for two seconds. Only then may the
     * watermark follow: a watermark is copied to every partition of each repartition step, so one
     * that overtakes lines still queued in another partition would close their windows before they
     * arrive.
     *
     * @param shippingDone true once the shipper has sent the last line
     */
    Completion awaitStreamsDrained(BooleanSupplier shippingDone, long deadlineNanos) throws InterruptedException {
        return await(() -> streamsPending(shippingDone.getAsBoolean()), deadlineNanos);
    }

    /**
     * Waits until the streams application and the sink have committed everything, Elasticsearch
     * contains the expected number of delivery documents and the latest window reaches the last
     * attempt, with counts unchanged for two seconds.
     *
     * @param expectedDeliveries delivery documents to wait for, or -1 not to check the count
     * @param lastAttemptMs event time of the latest delivery attempt, or -1 when there is none
     */
    Completion awaitIndexed(long expectedDeliveries, long lastAttemptMs, long deadlineNanos) throws InterruptedException {
        return await(() -> indexingPending(expectedDeliveries, lastAttemptMs), deadlineNanos);
    }

    /** One poll that returns the conditions that do not hold yet, described for the operator. */
    @FunctionalInterface
    private interface Poll {
        List<String> pending() throws IOException, InterruptedException, ExecutionException, TimeoutException;
    }

    private Completion await(Poll poll, long deadlineNanos) throws InterruptedException {
        ProgressSnapshot stableSnapshot = null;
        long stableSince = 0;
        List<String> pending = List.of("nothing polled yet");
        while (System.nanoTime() < deadlineNanos) {
            try {
                pending = poll.pending();
            } catch (IOException | ExecutionException | TimeoutException e) {
                pending = List.of("polling failed: " + e.getMessage());
                log.debug("Polling the pipeline failed; trying again", e);
            }
            ProgressSnapshot snapshot = latest.get();
            if (pending.isEmpty()) {
                if (!snapshot.equals(stableSnapshot)) {
                    stableSnapshot = snapshot;
                    stableSince = System.nanoTime();
                } else if (System.nanoTime() - stableSince >= STABLE_FOR.toNanos()) {
                    return new Completion(true, List.of());
                }
            } else {
                stableSnapshot = null;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        return new Completion(false, pending);
    }

    private List<String> streamsPending(boolean shippingDone)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        ConsumerGroupLag.Offsets streams = lag.offsets(streamsGroup, List.of(rawTopic));
        pollElasticsearch(streams);
        List<String> pending = new ArrayList<>();
        if (!shippingDone) {
            pending.add("shipping");
        }
        addStreamsPending(streams, pending);
        return pending;
    }

    private List<String> indexingPending(long expectedDeliveries, long lastAttemptMs)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        ConsumerGroupLag.Offsets streams = lag.offsets(streamsGroup, List.of(rawTopic));
        ConsumerGroupLag.Offsets sink = lag.offsets(sinkGroup, sinkTopics);
        long deliveries = pollElasticsearch(streams);

        List<String> pending = new ArrayList<>();
        addStreamsPending(streams, pending);
        if (!sink.caughtUp(MARKER_SLACK)) {
            pending.add("sink has " + sink.totalLag() + " records to index");
        }
        if (expectedDeliveries >= 0 && deliveries != expectedDeliveries) {
            pending.add("Elasticsearch has " + deliveries + " of " + expectedDeliveries + " delivery documents");
        }
        if (lastAttemptMs >= 0) {
            OptionalLong windowEnd = queries.latestWindowEnd();
            if (windowEnd.isEmpty() || windowEnd.getAsLong() <= lastAttemptMs) {
                pending.add("the window of the last attempt is not indexed yet");
            }
        }
        return pending;
    }

    private void addStreamsPending(ConsumerGroupLag.Offsets streams, List<String> pending) {
        if (streams.committedOn(rawTopic) < streams.endOn(rawTopic)) {
            pending.add(String.format("streams application has %d raw lines to process",
                    streams.endOn(rawTopic) - streams.committedOn(rawTopic)));
        }
        if (!streams.caughtUp(MARKER_SLACK)) {
            pending.add("streams application has " + streams.totalLag() + " records on its internal topics");
        }
    }

    /** Refreshes the counts of the progress display and returns the delivery documents found. */
    private long pollElasticsearch(ConsumerGroupLag.Offsets streams) throws IOException, InterruptedException {
        queries.refreshAll();
        long deliveries = queries.deliveries();
        latest.set(new ProgressSnapshot(linesShipped.getAsLong(), linesTotal, streams.committedOn(rawTopic), deliveries,
                queries.windows(), queries.alerts()));
        return deliveries;
    }
}
