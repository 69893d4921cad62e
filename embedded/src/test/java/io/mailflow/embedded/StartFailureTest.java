package io.mailflow.embedded;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Starts servers on a port that another socket already listens on, to check the error message. */
@Tag("integration")
class StartFailureTest {

    @Test
    void kafkaOnTakenPortNamesPort() throws Exception {
        try (ServerSocket taken = listenOnLoopback()) {
            assertThatThrownBy(() -> EmbeddedKafka.builder().brokerPort(taken.getLocalPort()).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Failed to start Kafka broker on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void elasticsearchOnTakenPortShowsLogTail() throws Exception {
        try (ServerSocket taken = listenOnLoopback()) {
            assertThatThrownBy(() -> LocalElasticsearch.builder().httpPort(taken.getLocalPort()).heapMb(256).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Elasticsearch on http://127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("exited with code")
                    .hasMessageContaining("Last lines of")
                    .hasMessageContaining("BindHttpException");
        }
    }

    private static ServerSocket listenOnLoopback() throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket;
    }
}
