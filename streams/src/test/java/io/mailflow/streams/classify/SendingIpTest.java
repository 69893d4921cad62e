package io.mailflow.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.schemas.DeliveryStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sending IP a reply names, per rule, and the candidates that must not count. */
class SendingIpTest {

    private static ReplyClassifier classifier;

    @BeforeAll
    static void loadRules() {
        classifier = ReplyClassifier.loadDefault();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "gmail-bracket-ip-with-counter | 203.0.113.183 | host gmail-smtp-in.l.google.com[66.102.1.27] said: 550-5.7.1 [203.0.113.183       1] Our system has detected an unusual rate (in reply to end of DATA command)",
        "senderbase-search-string | 203.0.113.51 | host mx1.example.com[198.51.100.51] said: 554 5.7.1 Message refused. https://www.senderbase.org/lookup/?search_string=203.0.113.51 (in reply to MAIL FROM command)",
        "comcast-found-on | 203.0.113.78 | host mx2.comcast.net[96.114.157.81] refused to talk to me: 554 resimta-ch2-07v.sys.comcast.net comcast 203.0.113.78 found on one or more DNSBLs",
        "url-ip-parameter | 203.0.113.108 | host mxb-00145802.gslb.pphosted.com[67.231.156.189] refused to talk to me: 554 Blocked - see https://ipcheck.proofpoint.com/?ip=203.0.113.108",
        "spamhaus-query-path | 203.0.113.91 | host mx.example.org[198.51.100.91] said: 554 5.7.1 Service unavailable; see https://www.spamhaus.org/query/ip/203.0.113.91 (in reply to RCPT TO command)",
        "spamcop-query | 203.0.113.93 | host mx.example.org[198.51.100.93] said: 550 5.7.1 Blocked - see http://www.spamcop.net/bl.shtml?203.0.113.93 (in reply to RCPT TO command)",
        "talos-search | 203.0.113.52 | host mx.example.org[198.51.100.52] said: 554 Rejected, see https://talosintelligence.com/reputation_center/lookup?search=203.0.113.52 (in reply to MAIL FROM command)",
        "client-host-bracket | 203.0.113.96 | host mx.example.org[198.51.100.96] said: 554 5.7.1 Service unavailable; Client host [203.0.113.96] blocked using bl.example.org (in reply to RCPT TO command)",
        "phrase-before-ip | 203.0.113.108 | host mta5.am0.yahoodns.net[67.195.228.106] said: 421 4.7.0 [TSS04] Messages from 203.0.113.108 temporarily deferred due to user complaints (in reply to MAIL FROM command)",
        "phrase-before-ip | 192.0.2.10 | host in.smtp.cz[81.95.97.102] said: 450 4.7.1 Error: too much mail from 192.0.2.10 (in reply to MAIL FROM command)",
        "phrase-before-ip | 2001:db8::25 | host mx.example.org[198.51.100.1] said: 550 5.7.1 Your IP address 2001:db8::25 is not allowed (in reply to MAIL FROM command)",
        "bracket-ip-in-reply | 203.0.113.123 | host aspmx.l.google.com[198.51.100.123] said: 550-5.7.1 [203.0.113.123] The IP you're using to send mail is not authorized (in reply to end of DATA command)",
        "bracket-ip-in-reply | 2001:db8:1::7 | host mx.example.org[198.51.100.2] said: 550 5.7.1 Rejected [2001:db8:1::7] (in reply to MAIL FROM command)",
        "ip-listed-on | 203.0.113.94 | host mx.example.org[198.51.100.94] said: 554 5.7.1 203.0.113.94 is currently listed by example-list (in reply to RCPT TO command)"
    })
    void ruleFindsSendingIp(String rule, String ip, String text) {
        ReplyFacts facts = facts(text);

        assertThat(classifier.classify(facts).replySendingIp()).as("sending IP of: %s", text).isEqualTo(ip);
        assertThat(classifier.sendingIpRuleOf(facts)).as("rule for: %s", text).isEqualTo(rule);
    }

    @Test
    void everyShippedSendingIpRuleIsTested() throws NoSuchMethodException {
        CsvSource source = SendingIpTest.class.getDeclaredMethod("ruleFindsSendingIp", String.class, String.class, String.class)
                .getAnnotation(CsvSource.class);
        Set<String> tested = new HashSet<>();
        for (String row : source.value()) {
            tested.add(row.substring(0, row.indexOf('|')).trim());
        }

        List<String> untested = classifier.sendingIpRuleIds().stream().filter(id -> !tested.contains(id)).toList();

        assertThat(untested).as("sending-IP rules without a test").isEmpty();
    }

    @Test
    void shippedPatternsTestOnePositionPerAddress() {
        for (SendingIpRule rule : classifier.sendingIpRules()) {
            assertThat(rule.anchored())
                    .as("patterns of %s that need a window search", rule.id())
                    .doesNotContainNull();
        }
    }

    @Test
    void remoteHostAddressIsNeverTheSendingIp() {
        String onlyPeer = "host mx.example.org[198.51.100.7] said: 554 5.7.1 Blocked (in reply to MAIL FROM command)";
        String connect = "connect to mx.example.org[198.51.100.8]:25: Connection refused";
        String ipv6Peer = "host gmail-smtp-in.l.google.com[2a00:1450:4013:c06::1a] said: 452-4.2.2 over quota (in reply to RCPT TO command)";
        String eximPeer = "R=dnslookup T=remote_smtp defer (-44) H=mx.example.org [198.51.100.10]: SMTP error from remote mail "
                + "server after RCPT TO:<a@example.org>: 451 4.7.1 Try again later";

        assertThat(classifier.classify(facts(onlyPeer)).replySendingIp()).isNull();
        assertThat(classifier.classify(facts(connect)).replySendingIp()).isNull();
        assertThat(classifier.classify(facts(ipv6Peer)).replySendingIp()).isNull();
        assertThat(classifier.classify(facts(eximPeer)).replySendingIp()).isNull();
    }

    @Test
    void candidatesThatAreNotAddressesAreSkipped() {
        String notAnIp = "host mx.example.org[198.51.100.9] said: 550 5.7.1 [1.2.3] rejected, see https://example.org/?ip=999.1.1.1 (in reply to MAIL FROM command)";
        String version = "host mx.example.org[198.51.100.9] said: 421 4.7.0 too many connections from deadbeef (in reply to MAIL FROM command)";

        assertThat(classifier.classify(facts(notAnIp)).replySendingIp()).isNull();
        assertThat(classifier.classify(facts(version)).replySendingIp()).isNull();
    }

    @Test
    void sentAttemptHasNoClassification() {
        ReplyFacts sent = new ReplyFacts(DeliveryStatus.SENT, "2.0.0", 250, "2.0.0",
                "250 2.0.0 OK 1370843019 l7si764411eey.60 - gsmtp", "gmail-smtp-in.l.google.com", "gmail.com", "postfix");

        Classification result = classifier.classify(sent);

        assertThat(result.category()).isNull();
        assertThat(result.ruleId()).isNull();
        assertThat(result.remediation()).isNull();
        assertThat(result.replySendingIp()).isNull();
    }

    @Test
    void emptyOrMissingInputIsOther() {
        assertThat(classifier.classify(null).category()).isEqualTo("other");
        assertThat(classifier.classify(new ReplyFacts(DeliveryStatus.DEFERRED, null, null, null, null, null, null, null)).category())
                .isEqualTo("other");
        assertThat(classifier.classify(new ReplyFacts(null, null, null, null, "", null, null, null)).category())
                .isEqualTo("other");
        assertThat(classifier.failureCount()).isZero();
    }

    private static ReplyFacts facts(String text) {
        return new ReplyFacts(DeliveryStatus.DEFERRED, null, ReplyText.replyCode(text), ReplyText.enhancedStatusCode(text),
                text, null, null, "postfix");
    }
}
