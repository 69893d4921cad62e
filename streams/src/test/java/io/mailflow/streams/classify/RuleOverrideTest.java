package io.mailflow.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailflow.schemas.DeliveryStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operator rule files: replacing, disabling and adding rules, and the errors of invalid files. */
class RuleOverrideTest {

    private static final String GMAIL_UNSOLICITED = "host gmail-smtp-in.l.google.com[66.102.1.27] said: 550-5.7.1 "
            + "[203.0.113.183 1] Our system has detected an unusual rate of 550-5.7.1 unsolicited mail originating "
            + "from your IP address. (in reply to end of DATA command)";
    private static final String TOO_BUSY = "host mxmi.virgilio.it[212.48.20.23] said: 421 <a@virgilio.it> "
            + "Service not available - too busy (in reply to RCPT TO command)";

    @TempDir
    Path directory;

    @Test
    void sameIdReplacesRuleKeepingOrder() throws IOException {
        Path file = write("replace.yaml", """
                rules:
                  - id: gmail-unsolicited-rate
                    category: blocklist
                    remediation: spamhaus-lookup
                    any: ["unusual rate of unsolicited mail"]
                """);

        ReplyClassifier classifier = ReplyClassifier.load(List.of(file));
        Classification result = classifier.classify(bounced(GMAIL_UNSOLICITED));

        assertThat(result.ruleId()).isEqualTo("gmail-unsolicited-rate");
        assertThat(result.category()).isEqualTo("blocklist");
        assertThat(result.remediation().getKey()).isEqualTo("spamhaus-lookup");
        assertThat(classifier.ruleIds().indexOf("gmail-unsolicited-rate"))
                .isEqualTo(ReplyClassifier.loadDefault().ruleIds().indexOf("gmail-unsolicited-rate"));
    }

    @Test
    void disabledRuleLetsNextRuleDecide() throws IOException {
        Path file = write("disable.yaml", """
                rules:
                  - {id: gmail-unsolicited-rate, enabled: false}
                  - {id: gmail-low-reputation, enabled: false}
                """);

        ReplyClassifier classifier = ReplyClassifier.load(List.of(file));
        Classification result = classifier.classify(bounced(GMAIL_UNSOLICITED));

        assertThat(classifier.ruleIds()).doesNotContain("gmail-unsolicited-rate", "gmail-low-reputation");
        assertThat(result.ruleId()).isNotEqualTo("gmail-unsolicited-rate");
        assertThat(result.category()).isEqualTo("content");
    }

    @Test
    void laterFileReenablesRule() throws IOException {
        Path disable = write("disable.yaml", "rules:\n  - {id: gmail-unsolicited-rate, enabled: false}\n");
        Path enable = write("enable.yaml", "rules:\n  - {id: gmail-unsolicited-rate, enabled: true}\n");

        ReplyClassifier classifier = ReplyClassifier.load(List.of(disable, enable));

        assertThat(classifier.classify(bounced(GMAIL_UNSOLICITED)).ruleId()).isEqualTo("gmail-unsolicited-rate");
    }

    @Test
    void newRuleWithLowOrderWins() throws IOException {
        Path file = write("add.yaml", """
                remediations:
                  - key: virgilio-busy
                    nextStep: Virgilio is overloaded; nothing to do.
                    url: https://example.org/virgilio
                rules:
                  - id: virgilio-busy
                    order: 10
                    category: rate_limit
                    remediation: virgilio-busy
                    relayHost: [virgilio.it]
                    all: ["too busy"]
                """);

        ReplyClassifier classifier = ReplyClassifier.load(List.of(file));
        ReplyFacts facts = new ReplyFacts(DeliveryStatus.DEFERRED, "4.0.0", 421, null, TOO_BUSY,
                "mxmi.virgilio.it", "virgilio.it", "postfix");
        Classification result = classifier.classify(facts);

        assertThat(result.ruleId()).isEqualTo("virgilio-busy");
        assertThat(result.category()).isEqualTo("rate_limit");
        assertThat(result.remediation().getUrl()).isEqualTo("https://example.org/virgilio");
        assertThat(ReplyClassifier.loadDefault().classify(facts).category()).isEqualTo("other");
    }

    @Test
    void operatorRemediationReplacesShippedHint() throws IOException {
        Path file = write("hint.yaml", """
                remediations:
                  - key: gmail-bulk-senders
                    nextStep: Call the deliverability team.
                """);

        Classification result = ReplyClassifier.load(List.of(file)).classify(bounced(GMAIL_UNSOLICITED));

        assertThat(result.remediation().getKey()).isEqualTo("gmail-bulk-senders");
        assertThat(result.remediation().getNextStep()).isEqualTo("Call the deliverability team.");
        assertThat(result.remediation().getUrl()).isNull();
    }

    @Test
    void operatorSendingIpRuleAddsPattern() throws IOException {
        Path file = write("ip.yaml", """
                sendingIpRules:
                  - id: example-sender-equals
                    order: 1
                    any: ["sender="]
                    regex: ['sender={ip}']
                """);
        String text = "host mx.example.org[198.51.100.1] said: 550 5.7.1 rejected sender=203.0.113.44 (in reply to RCPT TO command)";

        Classification result = ReplyClassifier.load(List.of(file)).classify(bounced(text));

        assertThat(result.replySendingIp()).isEqualTo("203.0.113.44");
    }

    @Test
    void placeholderInsideGroupFallsBackToWindowSearch() throws IOException {
        Path file = write("ip-window.yaml", """
                sendingIpRules:
                  - id: example-spaced-sender
                    order: 1
                    any: ["sender"]
                    regex: ['(?:sender = +{ip})']
                """);
        String text = "host mx.example.org[198.51.100.1] said: 550 5.7.1 rejected sender =   203.0.113.45 (in reply to RCPT TO command)";

        ReplyClassifier classifier = ReplyClassifier.load(List.of(file));

        assertThat(classifier.sendingIpRules().get(0).anchored()).containsOnlyNulls();
        assertThat(classifier.classify(bounced(text)).replySendingIp()).isEqualTo("203.0.113.45");
    }

    @Test
    void failingRuleYieldsOtherAndIsCounted() throws IOException {
        Path file = write("deep.yaml", """
                rules:
                  - id: deep-recursion
                    order: 1
                    category: content
                    rawRegex: ['(?:a|b)*c']
                """);
        ReplyClassifier classifier = ReplyClassifier.load(List.of(file));
        String text = "550 " + "ab".repeat(200_000);

        Classification result = classifier.classify(bounced(text));

        assertThat(result.category()).isEqualTo("other");
        assertThat(result.ruleId()).isNull();
        assertThat(classifier.failureCount()).isEqualTo(1);
    }

    @Test
    void unknownCategoryNamesFileRuleAndField() throws IOException {
        Path file = write("bad-category.yaml", """
                rules:
                  - id: my-rule
                    order: 5
                    category: reputaton
                    any: ["x"]
                """);

        assertThatThrownBy(() -> ReplyClassifier.load(List.of(file)))
                .isInstanceOfSatisfying(RuleFileException.class, e -> {
                    assertThat(e.file()).isEqualTo(file.toString());
                    assertThat(e.ruleId()).isEqualTo("my-rule");
                    assertThat(e.field()).isEqualTo("category");
                })
                .hasMessageContaining("bad-category.yaml")
                .hasMessageContaining("rule 'my-rule'")
                .hasMessageContaining("field 'category'")
                .hasMessageContaining("unknown category 'reputaton'");
    }

    @Test
    void badRegexNamesFileRuleAndField() throws IOException {
        Path file = write("bad-regex.yaml", """
                rules:
                  - id: broken-regex
                    order: 5
                    category: other
                    regex: ['unclosed (group']
                """);

        assertThatThrownBy(() -> ReplyClassifier.load(List.of(file)))
                .isInstanceOfSatisfying(RuleFileException.class, e -> {
                    assertThat(e.ruleId()).isEqualTo("broken-regex");
                    assertThat(e.field()).isEqualTo("regex");
                })
                .hasMessageContaining("invalid regex 'unclosed (group'");
    }

    @Test
    void duplicateIdInOneFileIsRejected() throws IOException {
        Path file = write("duplicate.yaml", """
                rules:
                  - {id: twice, order: 5, category: other, any: ["a"]}
                  - {id: twice, order: 6, category: other, any: ["b"]}
                """);

        assertThatThrownBy(() -> ReplyClassifier.load(List.of(file)))
                .isInstanceOfSatisfying(RuleFileException.class, e -> {
                    assertThat(e.ruleId()).isEqualTo("twice");
                    assertThat(e.field()).isEqualTo("id");
                })
                .hasMessageContaining("duplicate id in this file");
    }

    @Test
    void missingFieldsAreRejected() throws IOException {
        Path noCategory = write("no-category.yaml", "rules:\n  - {id: no-category, order: 5, any: [x]}\n");
        Path noOrder = write("no-order.yaml", "rules:\n  - {id: brand-new, category: other, any: [x]}\n");
        Path noCondition = write("no-condition.yaml", "rules:\n  - {id: no-condition, order: 5, category: other}\n");
        Path noId = write("no-id.yaml", "rules:\n  - {order: 5, category: other, any: [x]}\n");

        assertThatThrownBy(() -> ReplyClassifier.load(List.of(noCategory)))
                .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.field()).isEqualTo("category"))
                .hasMessageContaining("missing required field");
        assertThatThrownBy(() -> ReplyClassifier.load(List.of(noOrder)))
                .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.field()).isEqualTo("order"))
                .hasMessageContaining("a new rule needs an order");
        assertThatThrownBy(() -> ReplyClassifier.load(List.of(noCondition)))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining("missing condition");
        assertThatThrownBy(() -> ReplyClassifier.load(List.of(noId)))
                .isInstanceOfSatisfying(RuleFileException.class, e -> {
                    assertThat(e.ruleId()).isEqualTo("rules[0]");
                    assertThat(e.field()).isEqualTo("id");
                });
    }

    @Test
    void unknownFieldAndBadPatternsAreRejected() throws IOException {
        Path unknownField = write("typo.yaml", "rules:\n  - {id: typo, order: 5, category: other, anyy: [x]}\n");
        Path badCode = write("bad-code.yaml", "rules:\n  - {id: bad-code, order: 5, category: other, replyCode: [5x0]}\n");
        Path badEnhanced = write("bad-enhanced.yaml", "rules:\n  - {id: bad-enhanced, order: 5, category: other, enhancedCode: [7.1.1]}\n");
        Path badStatus = write("bad-status.yaml", "rules:\n  - {id: bad-status, order: 5, category: other, status: [sent]}\n");

        assertThatThrownBy(() -> ReplyClassifier.load(List.of(unknownField)))
                .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.field()).isEqualTo("anyy"))
                .hasMessageContaining("unknown field");
        assertThatThrownBy(() -> ReplyClassifier.load(List.of(badCode)))
                .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.field()).isEqualTo("replyCode"));
        assertThatThrownBy(() -> ReplyClassifier.load(List.of(badEnhanced)))
                .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.field()).isEqualTo("enhancedCode"));
        assertThatThrownBy(() -> ReplyClassifier.load(List.of(badStatus)))
                .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.field()).isEqualTo("status"));
    }

    @Test
    void unknownRemediationKeyIsRejected() throws IOException {
        Path file = write("bad-hint.yaml", "rules:\n  - {id: bad-hint, order: 5, category: other, any: [x], remediation: no-such-hint}\n");

        assertThatThrownBy(() -> ReplyClassifier.load(List.of(file)))
                .isInstanceOfSatisfying(RuleFileException.class, e -> {
                    assertThat(e.file()).isEqualTo(file.toString());
                    assertThat(e.ruleId()).isEqualTo("bad-hint");
                    assertThat(e.field()).isEqualTo("remediation");
                })
                .hasMessageContaining("unknown remediation key 'no-such-hint'");
    }

    @Test
    void togglingUnknownIdIsRejected() throws IOException {
        Path file = write("toggle.yaml", "rules:\n  - {id: no-such-rule, enabled: false}\n");

        assertThatThrownBy(() -> ReplyClassifier.load(List.of(file)))
                .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.ruleId()).isEqualTo("no-such-rule"))
                .hasMessageContaining("no earlier rule with this id");
    }

    @Test
    void sendingIpRuleWithoutIpGroupIsRejected() throws IOException {
        Path file = write("ip-group.yaml", "sendingIpRules:\n  - {id: no-group, order: 5, regex: ['sender=(\\\\S+)']}\n");

        assertThatThrownBy(() -> ReplyClassifier.load(List.of(file)))
                .isInstanceOfSatisfying(RuleFileException.class, e -> {
                    assertThat(e.ruleId()).isEqualTo("no-group");
                    assertThat(e.field()).isEqualTo("regex");
                })
                .hasMessageContaining("no {ip} placeholder");
    }

    @Test
    void invalidYamlAndMissingFileAreRejected() throws IOException {
        Path broken = write("broken.yaml", "rules:\n  - id: a\n   category: [unclosed\n");
        Path unknownSection = write("section.yaml", "rulez: []\n");
        Path missing = directory.resolve("missing.yaml");

        assertThatThrownBy(() -> ReplyClassifier.load(List.of(broken)))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining("broken.yaml")
                .hasMessageContaining("invalid YAML at line");
        assertThatThrownBy(() -> ReplyClassifier.load(List.of(unknownSection)))
                .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.field()).isEqualTo("rulez"))
                .hasMessageContaining("unknown top-level key");
        assertThatThrownBy(() -> ReplyClassifier.load(List.of(missing)))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining("rule file not found");
    }

    private Path write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static ReplyFacts bounced(String text) {
        return new ReplyFacts(DeliveryStatus.BOUNCED, ReplyText.enhancedStatusCode(text), ReplyText.replyCode(text),
                ReplyText.enhancedStatusCode(text), text, null, null, "postfix");
    }
}
