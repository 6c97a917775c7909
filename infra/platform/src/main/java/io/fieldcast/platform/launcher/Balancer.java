package io.fieldcast.platform.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small local load balancer in front of the instances of one service, as a Kubernetes Service spreads connections
 * over pods: each new TCP connection goes to the next instance in turn, and an instance that refuses the connection
 * (stopped, killed, still starting) is skipped for the next one. Works for anything over TCP, so server-sent events
 * and long requests pass through untouched. Not for production: one virtual thread per direction per connection.
 */
public final class Balancer implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 1_000;

    private final ServerSocket server;
    private final List<InetSocketAddress> backends;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<InetSocketAddress, AtomicLong> connections = new ConcurrentHashMap<>();
    private final Map<Socket, Boolean> open = new ConcurrentHashMap<>();
    private final Thread acceptor;
    private volatile boolean closed;

    private Balancer(ServerSocket server, List<InetSocketAddress> backends) {
        this.server = server;
        this.backends = List.copyOf(backends);
        backends.forEach(b -> connections.put(b, new AtomicLong()));
        this.acceptor = Thread.ofPlatform().daemon().name("balancer-" + server.getLocalPort()).start(this::accept);
    }

    /** Listens on {@code port} (0: a free one) of the loopback interface and spreads over {@code backendPorts}. */
    public static Balancer start(int port, List<Integer> backendPorts) throws IOException {
        if (backendPorts.isEmpty()) {
            throw new IllegalArgumentException("a balancer needs at least one backend");
        }
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress("127.0.0.1", port));
        return new Balancer(server, backendPorts.stream().map(p -> new InetSocketAddress("127.0.0.1", p)).toList());
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url() {
        return "http://localhost:" + port();
    }

    /** Connections handed to each backend port so far. */
    public Map<Integer, Long> connectionsByBackend() {
        Map<Integer, Long> out = new TreeMap<>();
        connections.forEach((backend, count) -> out.put(backend.getPort(), count.get()));
        return out;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("balancer :" + port() + ": " + e.getMessage());
                }
            }
        }
    }

    private void serve(Socket client) {
        Socket backend = connect();
        if (backend == null) {
            quietly(client); // no instance answers: the client sees a refused/closed connection, as without us
            return;
        }
        open.put(client, true);
        open.put(backend, true);
        try {
            client.setTcpNoDelay(true);
            backend.setTcpNoDelay(true);
            Thread up = Thread.ofVirtual().start(() -> pipe(client, backend));
            pipe(backend, client);
            up.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SocketException ignored) {
            // closed under us
        } finally {
            quietly(client);
            quietly(backend);
            open.remove(client);
            open.remove(backend);
        }
    }

    /** The next backend that accepts a connection, in turn; null when none does. */
    private Socket connect() {
        int start = Math.floorMod(next.getAndIncrement(), backends.size());
        for (int i = 0; i < backends.size(); i++) {
            InetSocketAddress address = backends.get((start + i) % backends.size());
            Socket socket = new Socket();
            try {
                socket.connect(address, CONNECT_TIMEOUT_MS);
                connections.get(address).incrementAndGet();
                return socket;
            } catch (IOException refused) {
                quietly(socket);
            }
        }
        return null;
    }

    /** Copies one direction until it ends, then half-closes the other side so the peer sees the end too. */
    private static void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            // Not closed here: closing a socket's stream closes the socket, and the other direction may still run.
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            quietly(to);
            quietly(from);
        }
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        open.keySet().forEach(Balancer::quietly);
        acceptor.interrupt();
    }
}
