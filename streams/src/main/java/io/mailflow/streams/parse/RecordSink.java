package io.mailflow.streams.parse;

/** Turns a parsed body into a result with the envelope of the line being parsed. */
@FunctionalInterface
interface RecordSink {

    ParseResult parsed(MaillogBody body);
}
