package io.fieldcast.simulator.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The planning conversation against a fake dispatch that answers like PlanResource. */
class PlannerTest {

    static final LocalDate DATE = LocalDate.of(2026, 11, 20);

    HttpServer server;
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger polls = new AtomicInteger();
    volatile int solveStatus = 202;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void solvesWaitsUntilNotSolvingThenPublishes() {
        assertTrue(planner().planAndPublish("metro", DATE, 5));
        assertEquals(List.of("POST /api/auth/login", "POST /api/plans/metro/2026-11-20/solve",
                "GET /api/plans/metro/2026-11-20", "GET /api/plans/metro/2026-11-20",
                "POST /api/plans/metro/2026-11-20/publish"), calls);
    }

    @Test
    void serviceWithoutPlanningApiMeansNoRoutes() {
        solveStatus = 404;
        assertFalse(planner().planAndPublish("metro", DATE, 5));
        assertFalse(calls.contains("POST /api/plans/metro/2026-11-20/publish"));
    }

    @Test
    void nobodyWorkingThatDayIsNothingToPlan() {
        solveStatus = 409;
        assertFalse(planner().planAndPublish("metro", DATE, 5));
    }

    private Planner planner() {
        DispatchClient dispatch = new DispatchClient(new HttpApi(HttpClient.newHttpClient(),
                "http://127.0.0.1:" + server.getAddress().getPort()));
        dispatch.login("root", "secret");
        return new Planner(dispatch);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        calls.add(exchange.getRequestMethod() + " " + path);
        int status = 200;
        String body;
        if (path.equals("/api/auth/login")) {
            body = "{\"token\":\"t\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}";
        } else if (path.endsWith("/solve")) {
            status = solveStatus;
            body = status == 202 ? "{\"status\":\"SOLVING\"}" : "{\"status\":" + status + ",\"message\":\"no\"}";
        } else if (path.endsWith("/publish")) {
            body = "{\"version\":3,\"routesPublished\":4}";
        } else {
            // Solving on the first poll, solved on the second.
            body = polls.incrementAndGet() < 2 ? "{\"status\":\"SOLVING\"}" : "{\"status\":\"SOLVED\",\"score\":\"0hard\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
