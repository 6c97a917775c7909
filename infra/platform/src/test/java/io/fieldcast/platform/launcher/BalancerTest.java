package io.fieldcast.platform.launcher;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connections spread over both instances in turn; a stopped instance is skipped, not an error. */
class BalancerTest {

    private static HttpServer instance(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = (name + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String post(int port, String body) throws IOException, InterruptedException {
        // A client of its own per call: a new connection each time, as many phones and browsers would open.
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/x"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }

    @Test
    void spreadsConnectionsAndSkipsAStoppedInstance() throws Exception {
        HttpServer a = instance("a");
        HttpServer b = instance("b");
        try (Balancer balancer = Balancer.start(0, List.of(a.getAddress().getPort(), b.getAddress().getPort()))) {
            Map<String, Integer> answered = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                String answer = post(balancer.port(), "call " + i);
                assertTrue(answer.endsWith(" call " + i), "the body passes through both ways: " + answer);
                answered.merge(answer.substring(0, 1), 1, Integer::sum);
            }
            assertEquals(Map.of("a", 5, "b", 5), answered);

            a.stop(0);
            for (int i = 0; i < 6; i++) {
                assertEquals("b after " + i, post(balancer.port(), "after " + i));
            }
            assertEquals(Map.of(a.getAddress().getPort(), 5L, b.getAddress().getPort(), 11L),
                    balancer.connectionsByBackend());
        } finally {
            b.stop(0);
        }
    }
}
