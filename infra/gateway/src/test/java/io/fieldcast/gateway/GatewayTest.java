package io.fieldcast.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway in front of four small HTTP servers standing in for the services (each says who it is and what it was
 * asked): routing, the admin prefix taken off, bodies passed both ways, a stream that arrives as it is written, who
 * asked, and a 502 naming the service that is down.
 */
class GatewayTest {

    private static Vertx backends;
    private static Gateway gateway;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        backends = Vertx.vertx();
        Map<String, URI> services = new LinkedHashMap<>();
        for (String name : new String[]{Routes.DISPATCH, Routes.ETA, Routes.MOBILE}) {
            HttpServer server = backends.createHttpServer().requestHandler(request -> {
                if (request.path().equals("/stream")) {
                    request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
                    request.response().write("data: first\n\n");
                    backends.setTimer(1500, t -> request.response().end("data: second\n\n"));
                    return;
                }
                if (request.path().equals("/where")) {
                    request.response().end(request.authority().toString());
                    return;
                }
                request.body().onSuccess(body -> request.response().putHeader("Content-Type", "text/plain")
                        .end(name + " " + request.method() + " " + request.uri() + " from "
                                + request.getHeader("X-Forwarded-For") + " body " + body.toString()));
            });
            server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            services.put(name, URI.create("http://localhost:" + server.actualPort()));
        }
        try (ServerSocket free = new ServerSocket(0)) {
            services.put(Routes.NOTIFY, URI.create("http://localhost:" + free.getLocalPort())); // nobody listens
        }
        gateway = Gateway.start(0, services);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        backends.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachPathReachesItsServiceAsAskedAndSaysWhoAsked() throws Exception {
        assertTrue(get("/console/?x=1").body().startsWith("dispatch GET /console/?x=1 from 127.0.0.1"),
                get("/console/?x=1").body());
        assertTrue(get("/report").body().startsWith("eta GET /report "));
        assertTrue(get("/api/technicians/t-1/pings").body().startsWith("eta GET /api/technicians/t-1/pings "));
        assertTrue(get("/app/").body().startsWith("mobile GET /app/ "));
        assertTrue(get("/eta/api/admin/consumers").body().startsWith("eta GET /api/admin/consumers "),
                "the service's name is taken off its admin path");
    }

    @Test
    void theServiceSeesTheHostTheBrowserAsked() throws Exception {
        assertEquals("localhost:" + gateway.port(), get("/where").body(), "so that its redirects name the gateway");
    }

    @Test
    void aPostedBodyArrivesWhole() throws Exception {
        String body = "{\"username\":\"dana\",\"password\":\"" + "x".repeat(20_000) + "\"}";
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port()
                        + "/api/auth/login")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().startsWith("dispatch POST /api/auth/login ") && answer.body().endsWith(body));
    }

    @Test
    void aStreamArrivesAsItIsWrittenNotWhenItEnds() throws Exception {
        HttpResponse<java.io.InputStream> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + gateway.port() + "/stream")).build(), HttpResponse.BodyHandlers.ofInputStream());
        long start = System.nanoTime();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8))) {
            assertEquals("data: first", lines.readLine());
            long firstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(firstMs < 1000, "the first event came before the stream ended: " + firstMs + " ms");
            lines.readLine();
            assertEquals("data: second", lines.readLine());
        }
    }

    @Test
    void aServiceThatIsDownIsA502NamingIt() throws Exception {
        HttpResponse<String> answer = get("/outbox");
        assertEquals(502, answer.statusCode());
        assertTrue(answer.body().contains("notify is not answering"), answer.body());
        assertEquals(200, get("/console/").statusCode(), "the others still answer");
    }
}
