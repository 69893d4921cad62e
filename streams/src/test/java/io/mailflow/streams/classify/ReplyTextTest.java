package io.mailflow.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.schemas.DeliveryStatus;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading reply codes, enhanced status codes and hosts from status texts, and normalising them. */
class ReplyTextTest {

    private static final String GMAIL_MULTI_LINE = "host gmail-smtp-in.l.google.com[66.102.1.27] said: 550-5.7.1 "
            + "[203.0.113.183       1] Our system has detected an unusual rate of 550-5.7.1 unsolicited mail "
            + "originating from your IP address. To protect our 550-5.7.1 users from spam, mail sent from your IP "
            + "address has been blocked. 550-5.7.1 Please visit 550-5.7.1  https://support.google.com/mail/?p=UnsolicitedIPError "
            + "to review our 550 5.7.1 Bulk Email Senders Guidelines. q16si3475662wrs.311 - gsmtp (in reply to end of DATA command)";

    @Test
    void normalizeRemovesContinuationPrefixes() {
        assertThat(ReplyText.normalize(GMAIL_MULTI_LINE)).isEqualTo("host gmail-smtp-in.l.google.com[66.102.1.27] said: "
                + "550 5.7.1 [203.0.113.183 1] Our system has detected an unusual rate of unsolicited mail originating "
                + "from your IP address. To protect our users from spam, mail sent from your IP address has been blocked. "
                + "Please visit https://support.google.com/mail/?p=UnsolicitedIPError to review our Bulk Email Senders "
                + "Guidelines. q16si3475662wrs.311 - gsmtp (in reply to end of DATA command)");
    }

    @Test
    void normalizeRemovesPrefixesWithoutEnhancedCode() {
        String webDe = "host mx-ha03.web.de[212.227.15.17] refused to talk to me: 554-web.de (mxweb010) Nemesis ESMTP "
                + "Service not available 554-No SMTP service 554-Bad DNS PTR resource record. 554 For explanation visit "
                + "https://web.de/email/senderguidelines?ip=203.0.113.80&c=rdns";

        assertThat(ReplyText.normalize(webDe)).isEqualTo("host mx-ha03.web.de[212.227.15.17] refused to talk to me: "
                + "554 web.de (mxweb010) Nemesis ESMTP Service not available No SMTP service Bad DNS PTR resource "
                + "record. For explanation visit https://web.de/email/senderguidelines?ip=203.0.113.80&c=rdns");
    }

    @Test
    void normalizeRemovesMaskedContinuationCodes() {
        String masked = "421-4.7.28 [xxx.59.88.xxx       4] Our system has detected an unusual rate of 421-4.7.28 "
                + "unsolicited mail originating from your IP address. To protect our 421-x.x.xx users from spam, mail "
                + "sent from your IP address has been temporarily 421-x.x.xx rate limited. 421 x.x.xx review our Bulk "
                + "Email Senders Guidelines.";

        assertThat(ReplyText.normalize(masked)).isEqualTo("421 4.7.28 [xxx.59.88.xxx 4] Our system has detected an "
                + "unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, "
                + "mail sent from your IP address has been temporarily rate limited. review our Bulk Email Senders "
                + "Guidelines.");
    }

    @Test
    void normalizeKeepsSingleLineReplyAndCollapsesWhitespace() {
        String single = "host mx.example.org[198.51.100.1] said: 550 5.1.1 <a@example.org>: User unknown (in reply to RCPT TO command)";

        assertThat(ReplyText.normalize(single)).isSameAs(single);
        assertThat(ReplyText.normalize("  Connection \t timed   out  ")).isEqualTo("Connection timed out");
        assertThat(ReplyText.normalize(null)).isEmpty();
        assertThat(ReplyText.normalize("550")).isEqualTo("550");
        assertThat(ReplyText.normalize("said: 550-")).isEqualTo("said: 550");
        assertThat(ReplyText.normalize("")).isEmpty();
    }

    @Test
    void replyCodeIsFirstCodeAfterWrapper() {
        assertThat(ReplyText.replyCode(GMAIL_MULTI_LINE)).isEqualTo(550);
        assertThat(ReplyText.replyCode("host mx2.free.fr[212.27.42.58] refused to talk to me: 421 Refused.")).isEqualTo(421);
        assertThat(ReplyText.replyCode("delivery temporarily suspended: host mx2.free.fr[212.27.42.59] refused to talk to me: 421 Refused."))
                .isEqualTo(421);
        assertThat(ReplyText.replyCode("250 2.0.0 Ok: queued as 77307BC23")).isEqualTo(250);
        assertThat(ReplyText.replyCode("Deferred: 421 4.7.0 Try again later")).isEqualTo(421);
        assertThat(ReplyText.replyCode("connect to mx.example.net[198.51.100.126]:25: Connection refused")).isNull();
        assertThat(ReplyText.replyCode("connect to mx.example.net[198.51.100.126]:2525: Connection refused")).isNull();
        assertThat(ReplyText.replyCode("unknown user: \"scott\"")).isNull();
        assertThat(ReplyText.replyCode(null)).isNull();
        assertThat(ReplyText.replyCode("550")).isEqualTo(550);
        assertThat(ReplyText.enhancedStatusCode("550")).isNull();
    }

    @Test
    void enhancedStatusCodeFollowsReplyCode() {
        assertThat(ReplyText.enhancedStatusCode(GMAIL_MULTI_LINE)).isEqualTo("5.7.1");
        assertThat(ReplyText.enhancedStatusCode("host mx.centrum.cz[46.255.224.55] said: 550 #5.1.0 Address rejected.")).isEqualTo("5.1.0");
        assertThat(ReplyText.enhancedStatusCode("451 4.7.651 The mail server [203.0.113.165] has been")).isEqualTo("4.7.651");
        assertThat(ReplyText.enhancedStatusCode("421 4.7.0 [TSS04] Messages from 203.0.113.108 - 4.16.55.1;")).isEqualTo("4.7.0");
        assertThat(ReplyText.enhancedStatusCode("550 Requested action not taken: mailbox unavailable")).isNull();
        assertThat(ReplyText.enhancedStatusCode("Connection timed out")).isNull();
        assertThat(ReplyText.enhancedStatusCode(null)).isNull();
    }

    @Test
    void replyHostIsHostAttachedToBrackets() {
        assertThat(ReplyText.replyHost("connect to alt4.gmail-smtp-in.l.google.com[142.250.153.26]:25: Operation timed out"))
                .isEqualTo("alt4.gmail-smtp-in.l.google.com");
        assertThat(ReplyText.replyHost("delivery temporarily suspended: host mx2.free.fr[212.27.42.59] refused to talk to me: 421"))
                .isEqualTo("mx2.free.fr");
        assertThat(ReplyText.replyHost("TLS is required, but was not offered by host hotmail-com.olc.protection.outlook.com[104.47.2.33]"))
                .isEqualTo("hotmail-com.olc.protection.outlook.com");
        assertThat(ReplyText.replyHost("550 5.7.1 Client host [203.0.113.96] blocked")).isNull();
        assertThat(ReplyText.replyHost("Host or domain name not found.")).isNull();
        assertThat(ReplyText.replyHost(null)).isNull();
    }

    @Test
    void peerHostNamesAreRemovedForMatching() {
        String text = "host spamfilter.example.com[192.0.2.1] said: 550 5.1.1 Client host [203.0.113.9] unknown";

        assertThat(ReplyAddresses.withoutPeerHostNames(text)).isEqualTo("host [192.0.2.1] said: 550 5.1.1 Client host [203.0.113.9] unknown");
        assertThat(ReplyAddresses.peerAddresses(text)).containsExactly("192.0.2.1");
    }

    @Test
    void eximHostIsPeerToo() {
        String exim = "R=dnslookup T=remote_smtp defer (-44) H=spamfilter.example.org [198.51.100.9]: SMTP error from "
                + "remote mail server after RCPT TO:<a@example.org>: 451 4.7.1 Client host [203.0.113.9] blocked";

        assertThat(ReplyText.replyHost(exim)).isEqualTo("spamfilter.example.org");
        assertThat(ReplyAddresses.peerAddresses(exim)).containsExactly("198.51.100.9");
        assertThat(ReplyAddresses.withoutPeerHostNames(exim)).doesNotContain("spamfilter").contains("H=[198.51.100.9]");
    }

    @Test
    void arbitraryInputNeverThrows() {
        ReplyClassifier classifier = ReplyClassifier.loadDefault();
        ProviderResolver providers = ProviderResolver.loadDefault();
        String alphabet = "0124555.-[]:= #Hxa\t(SPAM)spamhaus from ip=";
        Random random = new Random(20261204L);

        for (int n = 0; n < 3000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = text.toString();

            ReplyText.normalize(candidate);
            ReplyText.replyCode(candidate);
            ReplyText.enhancedStatusCode(candidate);
            ReplyText.replyHost(candidate);
            classifier.classify(new ReplyFacts(DeliveryStatus.DEFERRED, null, null, null, candidate, null, null, "postfix"));
            assertThat(providers.resolve(new ProviderQuery("lmtp", candidate, candidate, candidate, candidate))).isNotNull();
        }

        assertThat(classifier.failureCount()).isZero();
    }

    @Test
    void packedStatusCodes() {
        assertThat(ReplyText.packStatusCode("5.7.1")).isEqualTo(5_007_001);
        assertThat(ReplyText.packStatusCode("4.7.651")).isEqualTo(4_007_651);
        assertThat(ReplyText.packStatusCode("#5.1.0")).isEqualTo(5_001_000);
        assertThat(ReplyText.packStatusCode("5.7")).isEqualTo(-1);
        assertThat(ReplyText.packStatusCode("7.1.1")).isEqualTo(-1);
        assertThat(ReplyText.packStatusCode(null)).isEqualTo(-1);
    }
}
