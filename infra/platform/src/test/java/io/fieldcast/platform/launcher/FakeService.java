package io.fieldcast.platform.launcher;

import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Stands in for a packaged service in {@link ServiceProcessTest}: answers /q/health/ready on the port of FAKE_PORT
 * with what it was started with, and /env with its FIELDCAST_ variables. Self-contained (one class file), so it runs from a jar of its own.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getenv("FAKE_FAIL") != null) {
            System.out.println("failing on purpose");
            System.out.flush();
            System.exit(3);
        }
        byte[] answer = (System.getenv("GREETING") + " " + System.getProperty("fake.flag") + " "
                + Path.of("").toRealPath()).getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1",
                Integer.parseInt(System.getenv("FAKE_PORT"))), 0);
        server.createContext("/q/health/ready", exchange -> {
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/env", exchange -> {
            byte[] env = new TreeMap<>(System.getenv()).entrySet().stream()
                    .filter(e -> e.getKey().startsWith("FIELDCAST_"))
                    .map(e -> e.getKey() + "=" + e.getValue() + "\n")
                    .collect(Collectors.joining()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, env.length);
            exchange.getResponseBody().write(env);
            exchange.close();
        });
        server.start();
    }
}
