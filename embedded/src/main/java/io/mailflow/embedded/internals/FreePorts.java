package io.mailflow.embedded.internals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds TCP ports on the loopback address that nothing listens on. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * Returns a port on 127.0.0.1 that was free a moment ago.
     *
     * <p>NOTE: the port is released before the caller binds it, so another process may take it in
     * between. A server started with it then fails with "Address already in use".
     */
    public static int loopbackPort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on the loopback address", e);
        }
    }
}
