package io.mailflow.sink.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.7", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::1", "::",
            "2001:db8:0:0:0:0:0:1", "fe80::1:2:3:4", "::ffff:192.0.2.1", "2001:DB8::A"})
    void addressLiteralsAreIpAddresses(String value) {
        assertThat(FieldValues.isIpAddress(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mx1.example.net", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.a",
            "IPv6:2001:db8::5", "2001:db8:::1", "2001:db8::1::2", "1:2:3:4:5:6:7:8:9", "12345::1", "::ffff:300.1.1.1",
            "fe80::1%eth0", "unknown", "private/dovecot-lmtp", "१.२.३.४"})
    void otherTextIsNotAnIpAddress(String value) {
        assertThat(FieldValues.isIpAddress(value)).isFalse();
    }
}
