package io.fieldcast.mobile.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Forwards a local port to the real broker: "Kafka comes back" for a service configured with that port. */
final class TcpForwarder implements AutoCloseable {

    private final ServerSocket server;

    TcpForwarder(int port, String targetHost, int targetPort) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress("127.0.0.1", port));
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket target = new Socket(targetHost, targetPort);
                    pump(client.getInputStream(), target.getOutputStream(), client, target);
                    pump(target.getInputStream(), client.getOutputStream(), client, target);
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** A port nobody listens on right now (Kafka "down"). */
    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pump(InputStream in, OutputStream out, Socket a, Socket b) {
        Thread.ofVirtual().start(() -> {
            try (a; b) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // either side closed
            }
        });
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
