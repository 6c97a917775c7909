package io.fieldcast.platform.launcher;

import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Stands in for a packaged service in {@link ServiceProcessTest}: answers /q/health/ready on the port of FAKE_PORT
 * with what it was started with. Self-contained (one class file), so it runs from a jar of its own.
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
        server.start();
    }
}
