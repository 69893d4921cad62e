package io.mailflow.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailflow.schemas.ProviderRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Provider resolution from the relay host, the reply host, the recipient domain and local delivery. */
class ProviderResolverTest {

    private static ProviderResolver resolver;

    @TempDir
    Path directory;

    @BeforeAll
    static void loadRules() {
        resolver = ProviderResolver.loadDefault();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "gmail-smtp-in.l.google.com, google",
        "aspmx.l.google.com, google",
        "ALT4.GMAIL-SMTP-IN.L.GOOGLE.COM., google",
        "mx.example.com.s7a1.psmtp.com, google",
        "hotmail-com.olc.protection.outlook.com, microsoft",
        "example-com.mail.protection.outlook.com, microsoft",
        "mx1.hotmail.com, microsoft",
        "mx-aol.mail.gm0.yahoodns.net, yahoo",
        "mta5.am0.yahoodns.net, yahoo",
        "mx01.mail.icloud.com, apple",
        "mx1.comcast.net, comcast",
        "smtp.secureserver.net, godaddy",
        "mx.yandex.ru, yandex",
        "mxs.mail.ru, mailru",
        "mx00.gmx.com, gmx",
        "mx-ha03.web.de, gmx",
        "mx00.ionos.de, gmx",
        "mx00.mail.com, gmx",
        "mx70.seznam.cz, seznam",
        "smtp-in.orange.fr, orange",
        "mx1.free.fr, free",
        "mxb-00145802.gslb.pphosted.com, proofpoint",
        "eu-smtp-inbound-1.mimecast.com, other",
        "in.smtp.cz, other",
        "mail.example.com, other",
        "gmail.com.example.net, other",
        "notgoogle.com, other"
    })
    void relayHostDecidesProvider(String relayHost, String provider) {
        assertThat(resolver.resolve(new ProviderQuery("smtp", relayHost, "198.51.100.1", null, "example.com")))
                .isEqualTo(provider);
    }

    @Test
    void replyHostDecidesWhenNoRelayHost() {
        ProviderQuery timedOut = new ProviderQuery("smtp", null, null, "alt4.gmail-smtp-in.l.google.com", "gmail.com");
        ProviderQuery suspended = new ProviderQuery("error", "none", null, "mx2.free.fr", "free.fr");
        ProviderQuery company = new ProviderQuery("smtp", null, null, "pb-mx10.pobox.com", "pobox.com");

        assertThat(resolver.resolve(timedOut)).isEqualTo("google");
        assertThat(resolver.resolve(suspended)).isEqualTo("free");
        assertThat(resolver.resolve(company)).isEqualTo("other");
    }

    @Test
    void recipientDomainDecidesOnlyWithoutAnyHost() {
        assertThat(resolver.resolve(new ProviderQuery("smtp", null, null, null, "gmail.com"))).isEqualTo("google");
        assertThat(resolver.resolve(new ProviderQuery("smtp", null, null, null, "hotmail.co.uk"))).isEqualTo("microsoft");
        assertThat(resolver.resolve(new ProviderQuery("smtp", null, null, null, "aol.com"))).isEqualTo("yahoo");
        assertThat(resolver.resolve(new ProviderQuery("smtp", null, null, null, "contoso.onmicrosoft.com"))).isEqualTo("microsoft");
        assertThat(resolver.resolve(new ProviderQuery("smtp", null, null, null, "example.cz"))).isEqualTo("other");
        assertThat(resolver.resolve(new ProviderQuery("smtp", "mail.example.com", "198.51.100.5", null, "gmail.com")))
                .as("a company MX for a gmail.com recipient is not google")
                .isEqualTo("other");
    }

    @Test
    void localDeliveryIsLocal() {
        assertThat(resolver.resolve(new ProviderQuery("local", "local", null, null, "example.net"))).isEqualTo("local");
        assertThat(resolver.resolve(new ProviderQuery("virtual", "virtual", null, null, "example.com"))).isEqualTo("local");
        assertThat(resolver.resolve(new ProviderQuery("pipe", "dovecot", null, null, "example.com"))).isEqualTo("local");
        assertThat(resolver.resolve(new ProviderQuery("lmtp", "172.19.0.7", "172.19.0.7", null, "example.com"))).isEqualTo("local");
        assertThat(resolver.resolve(new ProviderQuery("lmtp", "mail.example.com", null, null, "example.com")))
                .as("lmtp to a socket whose path the parser dropped")
                .isEqualTo("local");
        assertThat(resolver.resolve(new ProviderQuery("lmtp", "private/dovecot-lmtp", null, null, "example.com"))).isEqualTo("local");
        assertThat(resolver.resolve(new ProviderQuery("smtp", "127.0.0.1", "127.0.0.1", null, "example.com"))).isEqualTo("local");
        assertThat(resolver.resolve(new ProviderQuery("smtp", "mx.internal", "fd00::25", null, "example.com"))).isEqualTo("local");
        assertThat(resolver.resolve(new ProviderQuery("smtp", "mail.example.com", "198.51.100.5", null, "example.com"))).isEqualTo("other");
    }

    @Test
    void unknownInputIsOther() {
        assertThat(resolver.resolve(null)).isEqualTo("other");
        assertThat(resolver.resolve(new ProviderQuery(null, null, null, null, null))).isEqualTo("other");
        assertThat(resolver.resolve(new ProviderQuery("smtp", "", null, "", ""))).isEqualTo("other");
    }

    @Test
    void overrideReplacesDisablesAndAddsRules() {
        ProviderRule proofpointAsOther = ProviderRule.newBuilder()
                .setId("proofpoint").setProvider("other").setMxSuffixes(List.of("pphosted.com")).build();
        ProviderRule noGmx = ProviderRule.newBuilder()
                .setId("gmx").setProvider("gmx").setMxSuffixes(List.of("gmx.net")).setEnabled(false).build();
        ProviderRule company = ProviderRule.newBuilder()
                .setId("example-corp").setProvider("example-corp").setMxSuffixes(List.of("mx.example.com"))
                .setDomains(List.of("example.com")).setPriority(10).build();

        ProviderResolver overridden = resolver.withOverrides(List.of(proofpointAsOther, noGmx, company));

        assertThat(overridden.resolve(query("mxb-1.gslb.pphosted.com"))).isEqualTo("other");
        assertThat(overridden.resolve(query("mx00.gmx.com"))).isEqualTo("other");
        assertThat(overridden.resolve(query("in1.mx.example.com"))).isEqualTo("example-corp");
        assertThat(overridden.resolve(new ProviderQuery("smtp", null, null, null, "example.com"))).isEqualTo("example-corp");
        assertThat(resolver.resolve(query("mx00.gmx.com"))).as("the original is unchanged").isEqualTo("gmx");
    }

    @Test
    void lowerPriorityWinsOverLongerSuffix() {
        ProviderRule broad = ProviderRule.newBuilder()
                .setId("broad").setProvider("broad").setMxSuffixes(List.of("example.net")).setPriority(5).build();
        ProviderRule narrow = ProviderRule.newBuilder()
                .setId("narrow").setProvider("narrow").setMxSuffixes(List.of("mx.example.net")).setPriority(50).build();
        ProviderRule sameNarrow = ProviderRule.newBuilder()
                .setId("same-narrow").setProvider("same").setMxSuffixes(List.of("in.mx.example.net")).setPriority(5).build();

        ProviderResolver overridden = resolver.withOverrides(List.of(broad, narrow, sameNarrow));

        assertThat(overridden.resolve(query("a.mx.example.net"))).isEqualTo("broad");
        assertThat(overridden.resolve(query("a.in.mx.example.net"))).as("equal priority: longest suffix").isEqualTo("same");
    }

    @Test
    void invalidOverrideNamesIdAndField() {
        ProviderRule badName = ProviderRule.newBuilder()
                .setId("bad").setProvider("Bad Name").setMxSuffixes(List.of("example.net")).build();
        ProviderRule badSuffix = ProviderRule.newBuilder()
                .setId("bad-suffix").setProvider("fine").setMxSuffixes(List.of("exa mple.net")).build();

        assertThatThrownBy(() -> resolver.withOverrides(List.of(badName)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provider rule 'bad'")
                .hasMessageContaining("field 'provider'");
        assertThatThrownBy(() -> resolver.withOverrides(List.of(badSuffix)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field 'mxSuffixes'");
    }

    @Test
    void operatorFileEnablesProviderAndNetworks() throws IOException {
        Path file = directory.resolve("providers.yaml");
        Files.writeString(file, """
                local:
                  networks: [127.0.0.0/8]
                providers:
                  - {id: mimecast, enabled: true}
                  - id: example-hosting
                    provider: example-hosting
                    mxSuffixes: [mx.example-hosting.net]
                """, StandardCharsets.UTF_8);

        ProviderResolver loaded = ProviderResolver.load(List.of(file));

        assertThat(loaded.resolve(query("eu-smtp-inbound-1.mimecast.com"))).isEqualTo("mimecast");
        assertThat(loaded.resolve(query("a.mx.example-hosting.net"))).isEqualTo("example-hosting");
        assertThat(loaded.resolve(new ProviderQuery("smtp", "relay", "10.0.0.5", null, "example.com")))
                .as("10.0.0.0/8 is no longer local")
                .isEqualTo("other");
        assertThat(loaded.resolve(new ProviderQuery("local", "local", null, null, "example.com"))).isEqualTo("local");
    }

    @Test
    void invalidProviderFileNamesFileRuleAndField() throws IOException {
        Path noCondition = directory.resolve("no-condition.yaml");
        Files.writeString(noCondition, "providers:\n  - {id: empty, provider: empty}\n", StandardCharsets.UTF_8);
        Path badNetwork = directory.resolve("bad-network.yaml");
        Files.writeString(badNetwork, "local:\n  networks: [10.0.0.0/33]\n", StandardCharsets.UTF_8);
        Path duplicate = directory.resolve("duplicate.yaml");
        Files.writeString(duplicate, "providers:\n  - {id: a, provider: a, domains: [a.example]}\n"
                + "  - {id: a, provider: b, domains: [b.example]}\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ProviderResolver.load(List.of(noCondition)))
                .isInstanceOfSatisfying(RuleFileException.class, e -> {
                    assertThat(e.ruleId()).isEqualTo("empty");
                    assertThat(e.field()).isEqualTo("mxSuffixes");
                });
        assertThatThrownBy(() -> ProviderResolver.load(List.of(badNetwork)))
                .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.field()).isEqualTo("networks"))
                .hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> ProviderResolver.load(List.of(duplicate)))
                .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.field()).isEqualTo("id"))
                .hasMessageContaining("duplicate id");
    }

    private static ProviderQuery query(String relayHost) {
        return new ProviderQuery("smtp", relayHost, "198.51.100.1", null, "example.org");
    }
}
