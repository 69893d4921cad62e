package io.mailflow.sink.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(30), 10);

    @Test
    void backoffDoublesFromTheInitialDelay() {
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(5)).isEqualTo(Duration.ofMillis(1600));
    }

    @Test
    void backoffStopsAtTheMaximum() {
        assertThat(policy.backoff(9)).isEqualTo(Duration.ofSeconds(25).plusMillis(600));
        assertThat(policy.backoff(10)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoff(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void maximumBelowInitialIsRejected() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBackoff");
    }
}
