package io.mailflow.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.schemas.DeliveryStatus;
import io.mailflow.schemas.Remediation;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which remediation hint a reply gets, and that the shipped hints are usable. */
class RemediationTest {

    private static ReplyClassifier classifier;

    @BeforeAll
    static void loadRules() {
        classifier = ReplyClassifier.loadDefault();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "gmail-bulk-senders | support.google.com | host gmail-smtp-in.l.google.com[66.102.1.27] said: 550-5.7.1 [203.0.113.1 1] Our system has detected an unusual rate of 550-5.7.1 unsolicited mail originating from your IP address. (in reply to end of DATA command)",
        "gmail-authentication | support.google.com | host gmail-smtp-in.l.google.com[66.102.1.27] said: 550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's 550-5.7.26 DMARC policy. (in reply to end of DATA command)",
        "microsoft-sender-support | sendersupport.olc.protection.outlook.com | host hotmail-com.olc.protection.outlook.com[52.101.10.9] said: 550 5.7.1 Unfortunately, messages from [203.0.113.2] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). (in reply to MAIL FROM command)",
        "microsoft-delist | sender.office.com | host example-com.mail.protection.outlook.com[52.101.68.3] said: 550 5.7.606 Access denied, banned sending IP [203.0.113.3]. (in reply to MAIL FROM command)",
        "microsoft-snds | snds | host hotmail-com.olc.protection.outlook.com[104.47.57.161] said: 451 4.7.651 The mail server [203.0.113.4] has been temporarily rate limited due to IP reputation. (in reply to RCPT TO command)",
        "talos-reputation | talosintelligence.com | host mailstore1.secureserver.net[72.167.238.201] refused to talk to me: 554-p3pismtp01-011.prod.phx3.secureserver.net 554 Your access to this mail system has been rejected due to the sending MTA's poor reputation.",
        "comcast-codes | postmaster.comcast.net | host mx1.comcast.net[96.114.157.80] refused to talk to me: 554 resimta-po-35v.sys.comcast.net comcast 203.0.113.5 found on one or more DNSBLs, see http://postmaster.comcast.net/smtp-error-codes.php#BL000010",
        "comcast-codes | postmaster.comcast.net | host mx1.comcast.net[96.114.157.80] said: 421 4.2.1 resimta Throttled - try again later. Please see http://postmaster.comcast.net/smtp-error-codes.php#RL000001 (in reply to MAIL FROM command)",
        "yahoo-sender-hub | senders.yahooinc.com | host mta5.am0.yahoodns.net[67.195.228.106] said: 421 4.7.0 [TSS04] Messages from 203.0.113.6 temporarily deferred due to user complaints - 4.16.55.1 (in reply to MAIL FROM command)",
        "yahoo-sender-hub | senders.yahooinc.com | host mta5.am0.yahoodns.net[67.195.228.106] said: 554 Message not allowed - [PH01] Email not accepted for policy reasons. (in reply to end of DATA command)",
        "godaddy-ib-codes | godaddy.com | host smtp.secureserver.net[68.178.213.37] said: 552 5.2.0 bizsmtp This message has been rejected due to content judged to be spam by the internet community IB212 (in reply to end of DATA command)",
        "spamhaus-lookup | spamhaus.org | host mx.example.org[198.51.100.1] said: 554 5.7.1 Service unavailable; Client host [203.0.113.7] blocked using zen.spamhaus.org (in reply to RCPT TO command)",
        "barracuda-lookup | barracudacentral.org | host mx.example.org[198.51.100.1] said: 554 Service unavailable; Client host [203.0.113.8] blocked using Barracuda Reputation (in reply to RCPT TO command)",
        "spamcop-lookup | spamcop.net | host mx.example.org[198.51.100.1] said: 550 5.7.1 Blocked - see http://www.spamcop.net/bl.shtml?203.0.113.9 (in reply to RCPT TO command)",
        "proofpoint-ipcheck | ipcheck.proofpoint.com | host mx.gslb.pphosted.com[67.231.156.189] refused to talk to me: 554 Blocked - see https://ipcheck.proofpoint.com/?ip=203.0.113.10"
    })
    void replyGetsRemediation(String key, String urlPart, String text) {
        ReplyFacts facts = new ReplyFacts(DeliveryStatus.DEFERRED, null, ReplyText.replyCode(text),
                ReplyText.enhancedStatusCode(text), text, null, null, "postfix");

        Remediation remediation = classifier.classify(facts).remediation();

        assertThat(remediation).as("remediation for: %s", text).isNotNull();
        assertThat(remediation.getKey()).isEqualTo(key);
        assertThat(remediation.getNextStep()).isNotBlank();
        assertThat(remediation.getUrl()).contains(urlPart);
    }

    @Test
    void everyShippedHintHasOneLineNextStep() {
        Map<String, RemediationCatalog.Hint> hints = classifier.remediations().all();

        assertThat(hints).isNotEmpty();
        for (RemediationCatalog.Hint hint : hints.values()) {
            assertThat(hint.nextStep()).as("next step of %s", hint.key()).isNotBlank().doesNotContain("\n");
            if (hint.url() != null) {
                assertThat(hint.url()).as("url of %s", hint.key()).startsWith("http");
            }
        }
    }

    @Test
    void remediationRecordIsNotShared() {
        String text = "host mx.example.org[198.51.100.1] said: 554 5.7.1 blocked using zen.spamhaus.org (in reply to RCPT TO command)";
        ReplyFacts facts = new ReplyFacts(DeliveryStatus.DEFERRED, null, 554, "5.7.1", text, null, null, "postfix");

        Remediation first = classifier.classify(facts).remediation();
        first.setNextStep("changed by a caller");

        assertThat(classifier.classify(facts).remediation().getNextStep()).isNotEqualTo("changed by a caller");
    }
}
