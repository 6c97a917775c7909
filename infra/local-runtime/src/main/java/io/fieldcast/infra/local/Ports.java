package io.fieldcast.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port checks done before starting a server, so a taken port fails fast with a clear message instead of a hang. */
public final class Ports {

    private Ports() {
    }

    /** @throws PortInUseException naming {@code envName} when anything listens on {@code port}. */
    public static void requireFree(int port, String envName) {
        if (!isFree(port)) {
            throw new PortInUseException(port, envName);
        }
    }

    /**
     * Binds the wildcard address: on Linux that fails when any address of this host listens on the port, so a
     * server bound to 127.0.0.1 or to 0.0.0.0 is both detected. SO_REUSEADDR keeps sockets in TIME_WAIT, left by a
     * broker that just stopped, from counting as "in use".
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that was free a moment ago (the OS picks it); for tests and for throw-away servers. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when something accepts TCP connections on {@code host:port} within {@code timeoutMillis}. */
    public static boolean accepts(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
