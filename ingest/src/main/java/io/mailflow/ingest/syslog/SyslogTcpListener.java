package io.mailflow.ingest.syslog;

import io.mailflow.ingest.LineSink;
import io.mailflow.ingest.ShipperCounters;
import io.mailflow.ingest.ShipperFailedException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives syslog over TCP (RFC 6587 octet counting or newline framing, RFC 5424 or RFC 3164
 * messages) from senders such as rsyslog's {@code omfwd} and syslog-ng's {@code network()}
 * destination. One thread per connection; at most {@code maxConnections} at once, further
 * connections are closed at once with a WARN line. A full send buffer blocks the connection's
 * thread, so TCP flow control slows the sender down.
 *
 * <p>NOTE: plain TCP syslog has no acknowledgements: messages the shipper has read but Kafka has not
 * acknowledged are lost if the shipper dies (a graceful stop waits for them).
 */
public final class SyslogTcpListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyslogTcpListener.class);

    private final ServerSocket server;
    private final SyslogSettings settings;
    private final LineSink sink;
    private final ShipperCounters counters;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptThread;
    private volatile boolean closed;

    private SyslogTcpListener(ServerSocket server, SyslogSettings settings, LineSink sink, ShipperCounters counters) {
        this.server = server;
        this.settings = settings;
        this.sink = sink;
        this.counters = counters;
        this.acceptThread = new Thread(this::acceptLoop, "syslog-tcp-accept");
        this.acceptThread.setDaemon(true);
    }

    /** Binds {@code address} and starts accepting connections. */
    public static SyslogTcpListener start(ListenAddress address, SyslogSettings settings, LineSink sink,
            ShipperCounters counters) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(address.toSocketAddress());
        SyslogTcpListener listener = new SyslogTcpListener(server, settings, sink, counters);
        listener.acceptThread.start();
        log.info("Syslog TCP listener started: address={} maxConnections={} maxMessageBytes={}",
                server.getLocalSocketAddress(), settings.maxConnections(), settings.maxMessageBytes());
        return listener;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    public int openConnections() {
        return connections.size();
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.warn("Closing syslog TCP listener failed: error={}", e.toString());
        }
        for (Socket socket : connections) {
            closeQuietly(socket);
        }
        log.info("Syslog TCP listener stopped: address={} connectionsAccepted={} connectionsRejected={}",
                server.getLocalSocketAddress(), counters.connectionsAccepted(), counters.connectionsRejected());
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("Accepting a syslog TCP connection failed: error={}", e.toString());
                }
                continue;
            }
            admit(socket);
        }
    }

    private void admit(Socket socket) {
        String peer = socket.getRemoteSocketAddress().toString();
        if (connections.size() >= settings.maxConnections()) {
            counters.connectionRejected();
            log.warn("Syslog TCP connection rejected, too many open: peer={} open={} maxConnections={} rejected={}",
                    peer, connections.size(), settings.maxConnections(), counters.connectionsRejected());
            closeQuietly(socket);
            return;
        }
        connections.add(socket);
        counters.connectionAccepted();
        Thread reader = new Thread(() -> serve(socket, peer), "syslog-tcp-" + peer);
        reader.setDaemon(true);
        reader.start();
    }

    private void serve(Socket socket, String peer) {
        log.info("Syslog TCP connection opened: peer={} open={}", peer, connections.size());
        String peerAddress = socket.getInetAddress().getHostAddress();
        long messages = 0;
        try (socket) {
            SyslogFrameReader frames = new SyslogFrameReader(new BufferedInputStream(socket.getInputStream(), 65536),
                    settings.maxMessageBytes());
            SyslogFrameReader.Frame frame;
            while ((frame = frames.next()) != null) {
                SyslogMessages.send(frame.bytes(), frame.length(), frame.originalLength(), peerAddress, sink, counters);
                messages++;
            }
        } catch (SocketException e) {
            if (!closed) {
                log.info("Syslog TCP connection reset: peer={} messages={} error={}", peer, messages, e.getMessage());
            }
        } catch (IOException e) {
            counters.framingError();
            log.warn("Syslog TCP connection closed on a read or framing error: peer={} messages={} error={}", peer,
                    messages, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ShipperFailedException e) {
            log.warn("Syslog TCP connection closed because sending to Kafka failed: peer={} messages={}", peer, messages);
        } finally {
            connections.remove(socket);
        }
        log.info("Syslog TCP connection closed: peer={} messages={} open={}", peer, messages, connections.size());
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Closing a syslog TCP connection failed: error={}", e.toString());
        }
    }
}
