package io.mailflow.ingest.syslog;

import io.mailflow.ingest.LineSink;
import io.mailflow.ingest.ShipperCounters;
import io.mailflow.ingest.ShipperFailedException;
import io.mailflow.ingest.Utf8;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives syslog over UDP, one message per datagram (RFC 5426), RFC 5424 or RFC 3164. Trailing
 * {@code \n}, {@code \r} and NUL bytes are dropped. The receive buffer is as large as the largest UDP payload
 * (65,507 bytes), so a message is never cut by the socket; one longer than {@code maxMessageBytes}
 * is cut and flagged.
 *
 * <p>NOTE: UDP has no flow control. While the send buffer is full this thread blocks and the kernel
 * drops datagrams that overflow the socket's receive buffer; use TCP where every line matters.
 */
public final class SyslogUdpListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyslogUdpListener.class);
    private static final int MAX_DATAGRAM_BYTES = 65_535;
    private static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

    private final DatagramSocket socket;
    private final SyslogSettings settings;
    private final LineSink sink;
    private final ShipperCounters counters;
    private final Thread receiveThread;
    private volatile boolean closed;

    private SyslogUdpListener(DatagramSocket socket, SyslogSettings settings, LineSink sink, ShipperCounters counters) {
        this.socket = socket;
        this.settings = settings;
        this.sink = sink;
        this.counters = counters;
        this.receiveThread = new Thread(this::receiveLoop, "syslog-udp");
        this.receiveThread.setDaemon(true);
    }

    /** Binds {@code address} and starts receiving. */
    public static SyslogUdpListener start(ListenAddress address, SyslogSettings settings, LineSink sink,
            ShipperCounters counters) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
        socket.bind(address.toSocketAddress());
        SyslogUdpListener listener = new SyslogUdpListener(socket, settings, sink, counters);
        listener.receiveThread.start();
        log.info("Syslog UDP listener started: address={} maxMessageBytes={}", socket.getLocalSocketAddress(),
                settings.maxMessageBytes());
        return listener;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() {
        closed = true;
        Object address = socket.getLocalSocketAddress();
        socket.close();
        receiveThread.interrupt();
        log.info("Syslog UDP listener stopped: address={}", address);
    }

    private void receiveLoop() {
        byte[] buffer = new byte[MAX_DATAGRAM_BYTES];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                handle(packet);
            } catch (IOException e) {
                if (!closed) {
                    log.warn("Receiving a syslog datagram failed: error={}", e.toString());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ShipperFailedException e) {
                log.warn("Syslog UDP listener stopped receiving because sending to Kafka failed");
                return;
            }
        }
    }

    private void handle(DatagramPacket packet) throws InterruptedException {
        byte[] data = packet.getData();
        int length = packet.getLength();
        while (length > 0 && (data[length - 1] == '\n' || data[length - 1] == '\r' || data[length - 1] == 0)) {
            length--;
        }
        int kept = Utf8.cutLength(data, 0, length, settings.maxMessageBytes());
        int originalLength = kept < length ? length : -1;
        String peer = packet.getAddress().getHostAddress();
        SyslogMessages.send(Arrays.copyOf(data, kept), kept, originalLength, peer, sink, counters);
    }
}
