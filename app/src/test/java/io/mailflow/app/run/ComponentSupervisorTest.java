package io.mailflow.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ComponentSupervisorTest {

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void stopsInReverseStartOrder() throws Exception {
        ComponentSupervisor supervisor = new ComponentSupervisor(
                List.of(new Recording("sink"), new Recording("streams"), new Recording("ship")), Duration.ofSeconds(1));

        supervisor.startAll();
        supervisor.stopAll();

        assertThat(events).containsExactly("start sink", "start streams", "start ship",
                "stop ship", "stop streams", "stop sink");
    }

    @Test
    void failedStartStopsTheStartedOnesAndRethrows() {
        ComponentSupervisor supervisor = new ComponentSupervisor(
                List.of(new Recording("sink"), new Failing("streams"), new Recording("ship")), Duration.ofSeconds(1));

        assertThatThrownBy(supervisor::startAll).hasMessage("broker unreachable");

        assertThat(events).containsExactly("start sink", "start streams", "stop streams", "stop sink");
    }

    @Test
    void hangingStopDoesNotBlockTheNextComponent() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Recording hanging = new Recording("streams") {
            @Override
            public void stop(Duration timeout) {
                events.add("stop streams");
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ComponentSupervisor supervisor = new ComponentSupervisor(
                List.of(new Recording("sink"), hanging), Duration.ofMillis(100), Duration.ofMillis(100));
        supervisor.startAll();

        supervisor.stopAll();

        assertThat(events).containsExactly("start sink", "start streams", "stop streams", "stop sink");
    }

    @Test
    void secondStopWaitsForTheFirst() throws Exception {
        ComponentSupervisor supervisor = new ComponentSupervisor(List.of(new Recording("sink")), Duration.ofSeconds(1));
        supervisor.startAll();

        supervisor.stopAll();
        supervisor.stopAll();

        assertThat(events).containsExactly("start sink", "stop sink");
        assertThat(supervisor.awaitStopOrFailure(Duration.ofMillis(10))).isEmpty();
    }

    @Test
    void awaitReturnsTheFailedComponent() throws Exception {
        Recording streams = new Recording("streams");
        ComponentSupervisor supervisor = new ComponentSupervisor(List.of(streams), Duration.ofSeconds(1));
        supervisor.startAll();

        streams.state = ComponentState.FAILED;

        assertThat(supervisor.awaitStopOrFailure(Duration.ofMillis(10)))
                .hasValueSatisfying(status -> assertThat(status.name()).isEqualTo("streams"));
    }

    private class Recording implements Component {

        private final String name;
        volatile ComponentState state = ComponentState.CREATED;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void bindMetrics(MeterRegistry registry) {
        }

        @Override
        public void start() throws Exception {
            events.add("start " + name);
            state = ComponentState.RUNNING;
        }

        @Override
        public ComponentStatus status() {
            return new ComponentStatus(name, state, null);
        }

        @Override
        public void stop(Duration timeout) {
            events.add("stop " + name);
            state = ComponentState.STOPPED;
        }
    }

    private final class Failing extends Recording {

        Failing(String name) {
            super(name);
        }

        @Override
        public void start() throws Exception {
            super.start();
            throw new IllegalStateException("broker unreachable");
        }
    }
}
