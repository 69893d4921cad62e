package io.mailflow.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailflow.schemas.DeliveryStatus;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReplyTemplateTest {

    @Test
    void rejectionAtRcptBouncesWithItsEnhancedCode() {
        ReplyTemplate reply = ReplyTemplate.parse(ReplyKind.UNKNOWN_RECIPIENT, "RCPT 550 5.1.1 <{rcpt}>: user unknown", "test");

        assertThat(reply.status()).isEqualTo(DeliveryStatus.BOUNCED);
        assertThat(reply.dsn()).isEqualTo("5.1.1");
        assertThat(reply.replyCode()).isEqualTo(550);
        assertThat(reply.stage()).isEqualTo(SmtpStage.RCPT);
    }

    @Test
    void multiLineGmailReplyKeepsItsCode() {
        ReplyTemplate reply = ReplyTemplate.parse(ReplyKind.RATE_LIMIT, "DATA 421-4.7.0 {gmail-ip} Our system", "test");

        assertThat(reply.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(reply.dsn()).isEqualTo("4.7.0");
    }

    @Test
    void greetingRejectionDefersLikePostfix() {
        ReplyTemplate plain = ReplyTemplate.parse(ReplyKind.DNSBL, "CONNECT 554 resimta comcast {ip} found", "test");
        ReplyTemplate enhanced = ReplyTemplate.parse(ReplyKind.POOR_REPUTATION, "CONNECT 554 5.7.1 Your access", "test");

        assertThat(plain.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(plain.dsn()).isEqualTo("4.0.0");
        assertThat(enhanced.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(enhanced.dsn()).isEqualTo("4.7.1");
    }

    @Test
    void mismatchedEnhancedClassFallsBackToGenericDsn() {
        ReplyTemplate seznam = ReplyTemplate.parse(ReplyKind.MAILBOX_FULL, "RCPT 552 4.2.2 User has full mailbox.", "test");
        ReplyTemplate disabled = ReplyTemplate.parse(ReplyKind.UNKNOWN_RECIPIENT, "RCPT 450 5.1.1 Mailbox is disabled.", "test");
        ReplyTemplate noCode = ReplyTemplate.parse(ReplyKind.UNKNOWN_RECIPIENT, "RCPT 550 #5.1.0 Address rejected", "test");

        assertThat(seznam.dsn()).isEqualTo("5.0.0");
        assertThat(disabled.dsn()).isEqualTo("4.0.0");
        assertThat(noCode.dsn()).isEqualTo("5.0.0");
    }

    @Test
    void placeholdersAreFilledFromTheContext() {
        ReplyTemplate reply = ReplyTemplate.parse(ReplyKind.BLOCKLIST,
                "MAIL 550 5.7.1 messages from [{ip}] to {rcpt} at {domain} via {mx} id {hex:4} n={num:7-7}", "test");
        ReplyContext context = new ReplyContext(new SplittableRandom(1), new EventTime());
        context.sendingIp = "203.0.113.5";
        context.recipient = "anna@hotmail.com";
        context.recipientDomain = "hotmail.com";
        context.mxHost = "hotmail-com.olc.protection.outlook.com";
        StringBuilder out = new StringBuilder();

        reply.render(out, context);

        assertThat(out.toString()).matches("550 5\\.7\\.1 messages from \\[203\\.0\\.113\\.5] to anna@hotmail\\.com at "
                + "hotmail\\.com via hotmail-com\\.olc\\.protection\\.outlook\\.com id [0-9a-f]{4} n=7");
    }

    @Test
    void gmailIpTagPadsTheCount() {
        ReplyTemplate reply = ReplyTemplate.parse(ReplyKind.IP_BLOCKED, "DATA 550-5.7.1 {gmail-ip} Our system", "test");
        ReplyContext context = new ReplyContext(new SplittableRandom(1), new EventTime());
        context.sendingIp = "203.0.113.183";
        StringBuilder out = new StringBuilder();

        reply.render(out, context);

        assertThat(out.toString()).matches("550-5\\.7\\.1 \\[203\\.0\\.113\\.183 {6,7}\\d{1,2}] Our system");
        assertThat(out.indexOf("]") - out.indexOf("[")).isEqualTo(22);
    }

    @Test
    void invalidTemplatesAreRejectedWithTheirPlace() {
        assertThatThrownBy(() -> ReplyTemplate.parse(ReplyKind.SENT, "550 no", "providers.conf line 3"))
                .hasMessageContaining("providers.conf line 3").hasMessageContaining("2xx");
        assertThatThrownBy(() -> ReplyTemplate.parse(ReplyKind.TEMPORARY, "HELO 421 busy", "x"))
                .hasMessageContaining("invalid SMTP stage 'HELO'");
        assertThatThrownBy(() -> ReplyTemplate.parse(ReplyKind.TEMPORARY, "RCPT 421 {nope}", "x"))
                .hasMessageContaining("unknown placeholder {nope}");
        assertThatThrownBy(() -> ReplyTemplate.parse(ReplyKind.TEMPORARY, "RCPT 421 {hex}", "x"))
                .hasMessageContaining("needs an argument");
        assertThatThrownBy(() -> ReplyTemplate.parse(ReplyKind.TEMPORARY, "RCPT busy", "x"))
                .hasMessageContaining("three-digit SMTP code");
    }
}
