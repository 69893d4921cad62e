package io.mailflow.ingest.generate;

import java.time.Instant;
import java.util.List;

/**
 * A period of unusual but harmless replies, such as a greylisting storm at one provider, that a
 * detector must not alert on.
 *
 * @param id stable id, such as {@code greylisting-storm}
 * @param provider provider value whose replies change
 * @param recipientDomains the recipient domains affected
 * @param category reason category of the replies, such as greylisting
 * @param start inclusive start
 * @param end exclusive end
 * @param summary one sentence for a reader of the manifest
 */
public record NoiseEpisode(
        String id,
        String provider,
        List<String> recipientDomains,
        String category,
        Instant start,
        Instant end,
        String summary) {

    public NoiseEpisode {
        recipientDomains = List.copyOf(recipientDomains);
    }

    public TimeWindow window() {
        return new TimeWindow(start, end);
    }
}
