package io.mailflow.streams.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BadInputTest {

    private static final String REMOVED = "Jun 10 07:43:39 gds39d postfix/qmgr[6273]: 2ECF9C2C110: removed";

    private final MaillogParser parser = new MaillogParser(ParserSettings.builder().year(2026).build());

    @Test
    void lineOverDefaultLimitFailsAsTooLong() {
        String line = REMOVED + " " + "x".repeat(64 * 1024);

        ParseResult result = parser.parse(line);

        assertThat(result).isInstanceOf(ParseResult.Failed.class);
        assertThat(((ParseResult.Failed) result).reason()).isEqualTo(ParseFailureReason.TOO_LONG);
    }

    @Test
    void lineLimitIsConfigurable() {
        MaillogParser strict = new MaillogParser(ParserSettings.builder().year(2026).maxLineLength(64).build());

        assertThat(REMOVED).hasSizeLessThanOrEqualTo(64);
        assertThat(strict.parse(REMOVED)).isInstanceOf(ParseResult.Parsed.class);
        assertThat(reason(strict.parse(REMOVED + " and more"))).isEqualTo(ParseFailureReason.TOO_LONG);
    }

    @Test
    void nullLineFailsAsEmpty() {
        assertThat(reason(parser.parse(null))).isEqualTo(ParseFailureReason.EMPTY);
    }

    @Test
    void invalidUtf8BytesInFileAreReplacedAndLineStillParses() throws IOException {
        byte[] valid = REMOVED.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, '\n'});
        file.write("Jun 10 07:43:39 gds39d postfix/cleanup[1]: 2ECF9C2C110: message-id=<a".getBytes(StandardCharsets.US_ASCII));
        file.write(new byte[] {(byte) 0xe9, '@', 'x', '>', '\n'});
        file.write(valid);

        List<ParseResult> results = new ArrayList<>();
        try (MaillogLineReader reader = new MaillogLineReader(new ByteArrayInputStream(file.toByteArray()), 65536)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                results.add(parser.parse(line));
            }
        }

        assertThat(results).hasSize(3);
        assertThat(reason(results.get(0))).isEqualTo(ParseFailureReason.INVALID_UTF8);
        MaillogBody.MessageIdentity identity = (MaillogBody.MessageIdentity) ((ParseResult.Parsed) results.get(1)).record().body();
        assertThat(identity.messageId()).isEqualTo("a\uFFFD@x");
        assertThat(results.get(2)).isInstanceOf(ParseResult.Parsed.class);
    }

    @Test
    void countersKeepFailuresPerReason() {
        parser.parse("");
        parser.parse("{\"message\":");
        parser.parse("{\"message\":");
        parser.parse("\u0000\u0001 garbage");
        parser.parse(REMOVED);
        parser.parse("#mailflow-watermark 1781077419000");

        ParseCounters counters = parser.counters();

        assertThat(counters.lines()).isEqualTo(6);
        assertThat(counters.parsed()).isEqualTo(1);
        assertThat(counters.parsed(MaillogBody.Kind.QUEUE_REMOVED)).isEqualTo(1);
        assertThat(counters.failed(ParseFailureReason.EMPTY)).isEqualTo(1);
        assertThat(counters.failed(ParseFailureReason.INVALID_JSON)).isEqualTo(2);
        assertThat(counters.failed(ParseFailureReason.BINARY)).isEqualTo(1);
        assertThat(counters.ignoredByReason()).containsEntry("watermark", 1L);
    }

    @Test
    void watermarkValueIsReadable() {
        assertThat(MaillogParser.watermarkMillis("#mailflow-watermark 1781077419000")).isEqualTo(1_781_077_419_000L);
        assertThat(MaillogParser.watermarkMillis("#mailflow-watermark soon")).isEqualTo(-1);
        assertThat(MaillogParser.watermarkMillis(REMOVED)).isEqualTo(-1);
        assertThat(MaillogParser.watermarkMillis(null)).isEqualTo(-1);
    }

    @Test
    void inboundRejectsAreCounted() {
        parser.parse("Jun 10 09:31:23 gds39d postfix/smtpd[15909]: NOQUEUE: reject: RCPT from unknown[203.0.113.9]: 554 5.7.1 Relay access denied; from=<a@b> to=<c@d> proto=ESMTP helo=<x>");
        parser.parse("Oct 15 16:14:20 srvdmz postfix/postscreen[7216]: BLACKLISTED [203.0.113.50]:63279");
        parser.parse("Oct 15 16:14:20 srvdmz postfix/postscreen[7216]: CONNECT from [203.0.113.50]:63279 to [192.168.4.2]:25");

        assertThat(parser.counters().inboundRejects()).isEqualTo(2);
    }

    @Test
    void randomInputNeverThrows() {
        Random random = new Random(20260610L);
        String[] fragments = {"Jun", " 10 ", "07:43:39", " host ", "postfix/smtp[1]: ", "ABCDEF123: ", "to=<", ">, ", "relay=",
            "[", "]", ":25", "status=", "sent", " (", ")", "{", "\"message\":", "\"", "}", "\u0000", "\uFFFD", "2024-01-15 ",
            "1rPabc-0001Xy-AB ", "== ", "<22>1 ", "- ", "#mailflow-watermark ", "from=<", "client=", "said: ", "550-5.7.1 "};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder line = new StringBuilder();
            int parts = random.nextInt(12);
            for (int j = 0; j < parts; j++) {
                line.append(fragments[random.nextInt(fragments.length)]);
            }
            ParseResult result = parser.parse(line.toString());
            assertThat(result).as(line.toString()).isNotNull();
            if (result instanceof ParseResult.Failed failed) {
                assertThat(failed.reason()).as(line.toString()).isNotEqualTo(ParseFailureReason.PARSER_ERROR);
            }
        }
    }

    private static ParseFailureReason reason(ParseResult result) {
        assertThat(result).isInstanceOf(ParseResult.Failed.class);
        return ((ParseResult.Failed) result).reason();
    }
}
