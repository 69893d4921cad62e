package io.mailflow.streams.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The keyword automaton, code patterns, IP parsing and host suffix index. */
class MatchingPrimitivesTest {

    @Test
    void automatonFindsOverlappingKeywords() {
        KeywordTable table = new KeywordTable();
        int he = table.idOf("he");
        int she = table.idOf("SHE");
        int hers = table.idOf("hers");
        int accent = table.idOf("Boîte pleine");
        int absent = table.idOf("zzz");
        KeywordAutomaton automaton = table.compile();

        long[] found = automaton.scan("uSHErs in a BOÎTE   PLEINE".replace("   ", " "));

        assertThat(KeywordAutomaton.contains(found, he)).isTrue();
        assertThat(KeywordAutomaton.contains(found, she)).isTrue();
        assertThat(KeywordAutomaton.contains(found, hers)).isTrue();
        assertThat(KeywordAutomaton.contains(found, accent)).isTrue();
        assertThat(KeywordAutomaton.contains(found, absent)).isFalse();
    }

    @Test
    void automatonWithoutKeywordsFindsNothing() {
        KeywordAutomaton automaton = KeywordAutomaton.compile(List.of());

        assertThat(automaton.scan("anything")).isEmpty();
    }

    @Test
    void replyCodePatterns() {
        assertThat(CodePatterns.ReplyCodePattern.parse("5xx").matches(554)).isTrue();
        assertThat(CodePatterns.ReplyCodePattern.parse("5xx").matches(421)).isFalse();
        assertThat(CodePatterns.ReplyCodePattern.parse("45x").matches(451)).isTrue();
        assertThat(CodePatterns.ReplyCodePattern.parse("421-451").matches(450)).isTrue();
        assertThat(CodePatterns.ReplyCodePattern.parse("550").matches(551)).isFalse();
        assertThat(CodePatterns.ReplyCodePattern.parse("none").matches(CodePatterns.ABSENT)).isTrue();
        assertThat(CodePatterns.ReplyCodePattern.parse("none").matches(550)).isFalse();
        assertThatThrownBy(() -> CodePatterns.ReplyCodePattern.parse("5x0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodePatterns.ReplyCodePattern.parse("451-421")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusCodePatterns() {
        assertThat(CodePatterns.StatusCodePattern.parse("5.7.1").matches(ReplyText.packStatusCode("5.7.1"))).isTrue();
        assertThat(CodePatterns.StatusCodePattern.parse("5.7.1").matches(ReplyText.packStatusCode("5.7.10"))).isFalse();
        assertThat(CodePatterns.StatusCodePattern.parse("5.7.").matches(ReplyText.packStatusCode("5.7.606"))).isTrue();
        assertThat(CodePatterns.StatusCodePattern.parse("4.").matches(ReplyText.packStatusCode("4.2.2"))).isTrue();
        assertThat(CodePatterns.StatusCodePattern.parse("x.2.2").matches(ReplyText.packStatusCode("5.2.2"))).isTrue();
        assertThat(CodePatterns.StatusCodePattern.parse("x.2.2").matches(ReplyText.packStatusCode("4.2.2"))).isTrue();
        assertThat(CodePatterns.StatusCodePattern.parse("4.7.500-699").matches(ReplyText.packStatusCode("4.7.651"))).isTrue();
        assertThat(CodePatterns.StatusCodePattern.parse("4.7.500-699").matches(ReplyText.packStatusCode("4.7.700"))).isFalse();
        assertThat(CodePatterns.StatusCodePattern.parse("none").matches(-1)).isTrue();
        assertThat(CodePatterns.StatusCodePattern.parse("5.7.1").matches(-1)).isFalse();
        for (String invalid : List.of("7.1.1", "5", "5.x", "5..1", "5.7.1000", "5.7.9-1", "a.b.c")) {
            assertThatThrownBy(() -> CodePatterns.StatusCodePattern.parse(invalid))
                    .as(invalid)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void ipAddressesAreValidated() {
        assertThat(IpAddresses.isIpAddress("203.0.113.1")).isTrue();
        assertThat(IpAddresses.isIpAddress("2001:db8::1")).isTrue();
        assertThat(IpAddresses.isIpAddress("::ffff:192.0.2.1")).isTrue();
        assertThat(IpAddresses.isIpAddress("2a00:1450:4013:c06::1a")).isTrue();
        assertThat(IpAddresses.isIpAddress("fe80::1%eth0")).isTrue();
        assertThat(IpAddresses.isIpAddress("256.1.1.1")).isFalse();
        assertThat(IpAddresses.isIpAddress("1.2.3")).isFalse();
        assertThat(IpAddresses.isIpAddress("1.2.3.4.5")).isFalse();
        assertThat(IpAddresses.isIpAddress("1:2:3:4:5:6:7:8:9")).isFalse();
        assertThat(IpAddresses.isIpAddress("2001:db8::1::2")).isFalse();
        assertThat(IpAddresses.isIpAddress("deadbeef")).isFalse();
        assertThat(IpAddresses.isIpAddress("")).isFalse();
        assertThat(IpAddresses.isIpAddress(null)).isFalse();
    }

    @Test
    void networksContainAddresses() {
        Cidr docker = Cidr.parse("172.16.0.0/12");
        Cidr uniqueLocal = Cidr.parse("fc00::/7");

        assertThat(docker.containsIpv4(IpAddresses.parseIpv4("172.19.0.7"))).isTrue();
        assertThat(docker.containsIpv4(IpAddresses.parseIpv4("172.32.0.1"))).isFalse();
        assertThat(uniqueLocal.containsIpv6(IpAddresses.parseIpv6("fd12:3456::1"))).isTrue();
        assertThat(uniqueLocal.containsIpv6(IpAddresses.parseIpv6("2001:db8::1"))).isFalse();
        assertThat(docker.containsIpv6(IpAddresses.parseIpv6("fd12:3456::1"))).isFalse();
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/40")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void suffixIndexMatchesWholeLabelsOnly() {
        HostSuffixIndex index = HostSuffixIndex.of(List.of(
                new HostSuffixIndex.Entry("google.com", "google", 100, "google"),
                new HostSuffixIndex.Entry("mail.com", "gmx", 100, "gmx")));

        assertThat(index.lookup("aspmx.l.google.com").provider()).isEqualTo("google");
        assertThat(index.lookup("google.com").provider()).isEqualTo("google");
        assertThat(index.lookup("Mx00.Mail.Com.").provider()).isEqualTo("gmx");
        assertThat(index.lookup("gmail.com")).isNull();
        assertThat(index.lookup("notgoogle.com")).isNull();
        assertThat(index.lookup("com")).isNull();
        assertThat(index.lookup("")).isNull();
    }
}
