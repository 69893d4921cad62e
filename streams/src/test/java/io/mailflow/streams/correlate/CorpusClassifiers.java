package io.mailflow.streams.correlate;

import io.mailflow.streams.parse.ParserSettings;

/** Builds the pipeline the corpus test runs, with the classification available on this branch. */
final class CorpusClassifiers {

    private CorpusClassifiers() {
    }

    /** True when the shipped classifier and provider resolver are wired in. */
    static boolean available() {
        return false;
    }

    static MaillogPipeline pipeline(ParserSettings parserSettings) {
        return new MaillogPipeline(parserSettings, CorrelationSettings.offline(),
                facts -> new AttemptVerdict(null, null, null, null, "other"));
    }
}
