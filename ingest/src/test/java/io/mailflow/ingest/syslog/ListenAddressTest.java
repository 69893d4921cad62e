package io.mailflow.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenAddressTest {

    @Test
    void parsesHostAndPort() {
        assertThat(ListenAddress.parse("127.0.0.1:5514")).isEqualTo(new ListenAddress("127.0.0.1", 5514));
    }

    @Test
    void parsesBracketedIpv6() {
        assertThat(ListenAddress.parse("[::1]:5514")).isEqualTo(new ListenAddress("::1", 5514));
    }

    @Test
    void portAloneIsRejectedBecauseHostIsRequired() {
        assertThatThrownBy(() -> ListenAddress.parse(":5514"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host:port");
        assertThatThrownBy(() -> ListenAddress.parse("5514")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidPortIsRejected() {
        assertThatThrownBy(() -> ListenAddress.parse("127.0.0.1:syslog")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListenAddress.parse("127.0.0.1:70000")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unbracketedIpv6IsRejected() {
        assertThatThrownBy(() -> ListenAddress.parse("::1:5514"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("brackets");
    }
}
