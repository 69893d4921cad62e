package io.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.streams.parse.MaillogParser;
import io.mailflow.streams.parse.MaillogRecord;
import io.mailflow.streams.parse.ParseResult;
import io.mailflow.streams.parse.ParserSettings;

/** Runs the topology's parser on what a shipper path produced. */
public final class Parsing {

    private Parsing() {
    }

    /** Parses {@code rawLine} and returns the record, failing the test unless the result is {@code Parsed}. */
    public static MaillogRecord parsed(String rawLine) {
        ParseResult result = new MaillogParser(ParserSettings.defaults()).parse(rawLine);
        assertThat(result).as("parse result of %s", rawLine).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).record();
    }
}
