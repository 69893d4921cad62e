package io.mailflow.ingest.generate;

import java.time.Instant;
import java.util.List;

/**
 * Counts and ground truth of the output of one {@link TrafficGenerator#generate(LineSink)} run.
 *
 * @param lines lines written
 * @param messagesSubmitted messages submitted by fleet senders, the spam run included
 * @param spamMessages messages of the spam run
 * @param notifications bounce notifications (null-sender messages) created
 * @param attemptsSent delivery attempt lines with {@code status=sent}
 * @param attemptsDeferred delivery attempt lines with {@code status=deferred}
 * @param attemptsBounced delivery attempt lines with {@code status=bounced}
 * @param messagesExpired messages that expired in the queue and were returned to their sender
 * @param firstEventTime event time of the first line, or the run's start when none was written
 * @param lastEventTime event time of the last line, or the run's start when none was written
 * @param stoppedByLineLimit whether the run ended at the line limit rather than at its end time
 * @param incidents the injected incidents as written: those that started before the last line,
 *     with the end of any incident cut short by the line limit moved to the last line's time
 * @param noiseEpisodes harmless episodes as written, cut the same way
 * @param cleanPeriods the spans of the written run with no incident in them
 */
public record GenerationSummary(
        long lines,
        long messagesSubmitted,
        long spamMessages,
        long notifications,
        long attemptsSent,
        long attemptsDeferred,
        long attemptsBounced,
        long messagesExpired,
        Instant firstEventTime,
        Instant lastEventTime,
        boolean stoppedByLineLimit,
        List<Incident> incidents,
        List<NoiseEpisode> noiseEpisodes,
        List<TimeWindow> cleanPeriods) {

    public GenerationSummary {
        incidents = List.copyOf(incidents);
        noiseEpisodes = List.copyOf(noiseEpisodes);
        cleanPeriods = List.copyOf(cleanPeriods);
    }

    public long attempts() {
        return attemptsSent + attemptsDeferred + attemptsBounced;
    }
}
