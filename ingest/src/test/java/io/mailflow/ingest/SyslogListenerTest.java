package io.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailflow.embedded.EmbeddedKafka;
import io.mailflow.embedded.junit.EmbeddedServicesExtension;
import io.mailflow.ingest.send.SenderSettings;
import io.mailflow.ingest.syslog.ListenAddress;
import io.mailflow.ingest.syslog.SyslogSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@ExtendWith(EmbeddedServicesExtension.class)
class SyslogListenerTest {

    private static final ListenAddress LOOPBACK_ANY_PORT = new ListenAddress("127.0.0.1", 0);

    private static final String TCP_5424 = "<22>1 2026-06-10T09:28:17.123+02:00 mx1.example.net postfix/smtp 4711 - - "
            + "3F2A81C0D1: to=<a@b.example>, relay=mx.b.example[192.0.2.7]:25, dsn=2.0.0, status=sent (250 2.0.0 OK)";
    private static final String TCP_3164 = "<22>Jun 10 09:28:18 mx2 postfix/qmgr[812]: 3F2A81C0D2: removed";
    private static final String UDP_5424 = "<22>1 2026-06-10T09:28:19Z mx3 postfix/smtp 4712 - - 3F2A81C0D3: removed";
    private static final String UDP_3164 = "<22>Jun 10 09:28:20 mx4 postfix/cleanup[90]: 3F2A81C0D4: message-id=<x@y>";
    private static final String NO_HOST = "<22>Jun 10 09:28:21 postfix/qmgr[812]: 3F2A81C0D5: removed";

    @Test
    void framingsAndFormatsArriveKeyedByHost(EmbeddedKafka kafka) throws Exception {
        String topic = "ship-syslog";
        kafka.createTopic(topic, 1);
        String oversized = "<22>Jun 10 09:28:22 mx5 postfix/smtp[1]: " + "x".repeat(300);
        Shipper shipper = Shipper.start(TestShippers.syslog(settings(kafka, topic), LOOPBACK_ANY_PORT,
                LOOPBACK_ANY_PORT, new SyslogSettings(256, 8)), null, Clock.systemUTC());

        try (Socket tcp = new Socket()) {
            tcp.connect(shipper.syslogTcpAddress());
            OutputStream out = tcp.getOutputStream();
            out.write(octetCounted(TCP_5424));
            out.write((TCP_3164 + "\n").getBytes(StandardCharsets.UTF_8));
            out.write((NO_HOST + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(octetCounted(oversized));
            out.flush();
        }
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            send(udp, shipper.syslogUdpAddress(), UDP_5424);
            send(udp, shipper.syslogUdpAddress(), UDP_3164 + "\n");
        }
        TestShippers.await("six syslog messages acknowledged", Duration.ofSeconds(30),
                () -> shipper.counters().linesAcknowledged() == 6);
        shipper.stop();

        Map<String, ConsumerRecord<String, String>> byValue = new HashMap<>();
        for (ConsumerRecord<String, String> record : KafkaRecords.readAll(kafka.bootstrapServers(), topic)) {
            byValue.put(record.value(), record);
        }
        assertThat(byValue.keySet()).containsExactlyInAnyOrder(TCP_5424, TCP_3164, NO_HOST, UDP_5424, UDP_3164,
                oversized.substring(0, 256));
        assertThat(byValue.get(TCP_5424).key()).isEqualTo("mx1.example.net");
        assertThat(byValue.get(TCP_3164).key()).isEqualTo("mx2");
        assertThat(byValue.get(UDP_5424).key()).isEqualTo("mx3");
        assertThat(byValue.get(UDP_3164).key()).isEqualTo("mx4");
        assertThat(byValue.get(NO_HOST).key()).isEqualTo("127.0.0.1");
        ConsumerRecord<String, String> cut = byValue.get(oversized.substring(0, 256));
        assertThat(cut.key()).isEqualTo("mx5");
        Header truncated = cut.headers().lastHeader(OutgoingLine.TRUNCATED_HEADER);
        assertThat(new String(truncated.value(), StandardCharsets.US_ASCII))
                .isEqualTo(Integer.toString(oversized.length()));
        assertThat(shipper.counters().linesTruncated()).isEqualTo(1);
        for (String received : List.of(TCP_5424, TCP_3164, UDP_5424, UDP_3164)) {
            assertThat(Parsing.parsed(received).host()).isEqualTo(byValue.get(received).key());
        }
        assertThat(Parsing.parsed(TCP_5424).program()).isEqualTo("postfix/smtp");
        assertThat(Parsing.parsed(TCP_5424).queueId()).isEqualTo("3F2A81C0D1");
    }

    @Test
    void connectionsOverTheLimitAreRejected(EmbeddedKafka kafka) throws Exception {
        String topic = "ship-syslog-limit";
        kafka.createTopic(topic, 1);
        Shipper shipper = Shipper.start(TestShippers.syslog(settings(kafka, topic), null, LOOPBACK_ANY_PORT,
                new SyslogSettings(1024, 1)), null, Clock.systemUTC());

        try (Socket first = new Socket(); Socket second = new Socket()) {
            first.connect(shipper.syslogTcpAddress());
            first.getOutputStream().write((TCP_3164 + "\n").getBytes(StandardCharsets.UTF_8));
            first.getOutputStream().flush();
            TestShippers.await("the first message acknowledged", Duration.ofSeconds(30),
                    () -> shipper.counters().linesAcknowledged() == 1);

            second.connect(shipper.syslogTcpAddress());
            second.setSoTimeout(10_000);
            InputStream in = second.getInputStream();

            assertThat(in.read()).isEqualTo(-1);
            assertThat(shipper.counters().connectionsRejected()).isEqualTo(1);
            assertThat(shipper.counters().connectionsAccepted()).isEqualTo(1);
        } finally {
            shipper.stop();
        }
        List<String> values = KafkaRecords.values(KafkaRecords.readAll(kafka.bootstrapServers(), topic));
        assertThat(values).containsExactly(TCP_3164);
    }

    private static SenderSettings settings(EmbeddedKafka kafka, String topic) {
        return SenderSettings.defaults(kafka.bootstrapServers()).withTopic(topic);
    }

    private static byte[] octetCounted(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        return (bytes.length + " " + message).getBytes(StandardCharsets.UTF_8);
    }

    private static void send(DatagramSocket socket, InetSocketAddress target, String message) throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, target));
    }
}
