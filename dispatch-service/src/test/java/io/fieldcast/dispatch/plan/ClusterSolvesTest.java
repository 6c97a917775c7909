package io.fieldcast.dispatch.plan;

import com.sun.net.httpserver.HttpServer;
import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.platform.cluster.Forwarder;
import io.fieldcast.platform.cluster.Instance;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A solve held by another instance of dispatch-service, as this one answers for it: its progress from the shared
 * row, its events by following the row, what needs its plan forwarded to it (a stand-in sibling that records what it
 * got), and nothing forwarded once its holder is gone, when a new solve may take the territory-day over.
 */
@QuarkusTest
class ClusterSolvesTest {

    private static final String DAY = "2026-03-04";

    @Inject
    TestCompanies companies;
    @Inject
    Pool pool;
    @Inject
    Instance instance;
    @TestHTTPResource("/")
    URL base;

    private HttpServer sibling;
    private final List<String> siblingGot = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startSibling() throws IOException {
        sibling = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sibling.createContext("/", exchange -> {
            siblingGot.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth="
                    + exchange.getRequestHeaders().getFirst("Authorization") + " by="
                    + exchange.getRequestHeaders().getFirst(Forwarder.HEADER));
            byte[] body = "{\"version\":7,\"routesPublished\":3,\"from\":\"sibling\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/stop") ? 409 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        sibling.start();
    }

    @AfterEach
    void stopSibling() {
        sibling.stop(0);
    }

    private String siblingUrl() {
        return "http://127.0.0.1:" + sibling.getAddress().getPort();
    }

    private void heldBy(String territory, String url, String status, int improvements, boolean alive) {
        String progress = "{\"key\":\"%s/%s\",\"status\":\"%s\",\"score\":\"0hard/0medium/-420soft\",\"elapsedMs\":900,"
                .formatted(territory, DAY, status)
                + "\"assigned\":4,\"unassigned\":0,\"late\":0,\"travelHours\":1.5,\"overtimeHours\":0.0,"
                + "\"improvements\":" + improvements + "}";
        pool.preparedQuery("""
                        insert into plan_solve (territory_id, service_date, instance, instance_url, status, progress,
                                                started_at, heartbeat_at)
                        values ($1, $2, 'sibling', $3, $4, $5::jsonb, now(),
                                clock_timestamp() - make_interval(secs => $6))
                        on conflict (territory_id, service_date) do update set instance = excluded.instance,
                            instance_url = excluded.instance_url, status = excluded.status,
                            progress = excluded.progress, heartbeat_at = excluded.heartbeat_at""")
                .executeAndAwait(Tuple.of(territory, LocalDate.parse(DAY), url, status, progress, alive ? 0.0 : 60.0));
    }

    @Test
    void whatNeedsTheSolvedPlanGoesToTheInstanceHoldingIt() {
        TestCompany c = companies.create("cluster-forward");
        heldBy("cluster-forward", siblingUrl(), "SOLVED", 12, true);
        String plan = "/api/plans/cluster-forward/" + DAY;

        given().auth().oauth2(c.dispatcherToken()).get(plan).then().statusCode(200)
                .body("status", equalTo("SOLVED")).body("improvements", equalTo(12));
        assertTrue(siblingGot.isEmpty(), "progress is answered from the shared row");

        given().auth().oauth2(c.dispatcherToken()).queryParam("confirm", true).post(plan + "/publish").then()
                .statusCode(200).body("from", equalTo("sibling")).body("version", equalTo(7));
        given().auth().oauth2(c.dispatcherToken()).post(plan + "/stop").then().statusCode(409);
        given().auth().oauth2(c.dispatcherToken()).get(plan + "/timeline").then().statusCode(200);
        assertEquals(List.of(
                "POST /api/plans/cluster-forward/" + DAY + "/publish?confirm=true auth=Bearer " + c.dispatcherToken()
                        + " by=" + instance.id(),
                "POST /api/plans/cluster-forward/" + DAY + "/stop auth=Bearer " + c.dispatcherToken() + " by="
                        + instance.id(),
                "GET /api/plans/cluster-forward/" + DAY + "/timeline auth=Bearer " + c.dispatcherToken() + " by="
                        + instance.id()), siblingGot);

        // A forwarded request is answered where it lands, never bounced on.
        given().auth().oauth2(c.dispatcherToken()).header(Forwarder.HEADER, "sibling").post(plan + "/publish")
                .then().statusCode(409).body("message", containsString("stopped"));
        assertEquals(3, siblingGot.size());
    }

    @Test
    void aSiblingThatDoesNotAnswerIsA503NotAStackTrace() throws IOException {
        TestCompany c = companies.create("cluster-silent");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        heldBy("cluster-silent", "http://127.0.0.1:" + closed, "SOLVED", 3, true);
        given().auth().oauth2(c.dispatcherToken()).post("/api/plans/cluster-silent/" + DAY + "/publish").then()
                .statusCode(503).body("message", containsString("did not answer"));
    }

    @Test
    void aSolveWhoseHolderIsGoneIsOverAndMaySolveAgainHere() throws InterruptedException {
        TestCompany c = companies.create("cluster-gone");
        c.technician("cluster-gone-a", "cluster-gone", 1, Map.of());
        c.book(12, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", "cluster-gone", 3);
        heldBy("cluster-gone", siblingUrl(), "SOLVING", 4, false);
        String plan = "/api/plans/cluster-gone/" + DAY;

        given().auth().oauth2(c.dispatcherToken()).get(plan).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("error", containsString("stopped"));
        given().auth().oauth2(c.dispatcherToken()).post(plan + "/publish").then().statusCode(409)
                .body("message", containsString("solve again"));
        assertTrue(siblingGot.isEmpty(), "nothing forwarded to a gone instance");

        c.solve("cluster-gone", DAY);
        String holder = pool.preparedQuery("select instance from plan_solve where territory_id = $1")
                .executeAndAwait(Tuple.of("cluster-gone")).iterator().next().getString("instance");
        assertEquals(instance.id(), holder, "this instance took the territory-day over");
        c.publish("cluster-gone", DAY);
    }

    @Test
    void eventsOfASolveOnAnotherInstanceFollowItsRowUntilItEnds() throws Exception {
        TestCompany c = companies.create("cluster-events");
        heldBy("cluster-events", siblingUrl(), "SOLVING", 1, true);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/plans/cluster-events/" + DAY + "/events"))
                .header("Authorization", "Bearer " + c.dispatcherToken()).header("Accept", "text/event-stream")
                .build();
        CompletableFuture<HttpResponse<Stream<String>>> stream = HttpClient.newHttpClient().sendAsync(request,
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());

        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> response.body()
                .filter(l -> l.startsWith("data:")).toList());
        Thread.sleep(700);
        heldBy("cluster-events", siblingUrl(), "SOLVING", 5, true);
        Thread.sleep(700);
        heldBy("cluster-events", siblingUrl(), "SOLVED", 9, true);

        List<String> events = lines.get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(events.getFirst().contains("\"improvements\":1"), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.contains("\"improvements\":5")), events.toString());
        assertTrue(events.getLast().contains("\"status\":\"SOLVED\""), "ends with the final state: " + events);
    }
}
