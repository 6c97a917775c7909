package io.fieldcast.notify.webhooks;

import com.sun.net.httpserver.HttpServer;
import io.fieldcast.events.Events;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.notify.support.Notifications;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static io.fieldcast.notify.support.Notifications.booking;
import static io.fieldcast.notify.support.Notifications.status;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outbound webhooks against a real HTTP receiver on this machine: signed deliveries of the subscribed events only,
 * once per event even when it is replayed, nothing lost while the receiver is down (the subscription backs off, then
 * delivers what waited), disabled after failing again and again (test limit: 3), and enabled again by an admin.
 */
@QuarkusTest
class WebhooksTest {

    private static final Instant NOW = Instant.parse("2026-03-02T14:00:00Z");

    record Received(String eventId, String type, String signature, String body) {
    }

    @Inject
    Notifications notifications;
    @Inject
    TokenIssuer tokens;
    @Inject
    TestClock clock;

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** The status the receiver answers: 204 while up, 503 while "down". */
    private final AtomicInteger answer = new AtomicInteger(204);

    @BeforeEach
    void start() throws IOException {
        clock.set(NOW);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = answer.get();
            if (status == 204) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("Fieldcast-Event-Id"),
                        exchange.getRequestHeaders().getFirst("Fieldcast-Event-Type"),
                        exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private String admin() {
        return tokens.forUser("ada", Set.of(Roles.ADMIN)).token();
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    /** A subscription to bookings and visit statuses; its id and secret. */
    private Map<String, String> subscribe() {
        var created = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("url", url(), "events", List.of("appointment.booked", "visit.status-changed"),
                        "description", "CRM"))
                .post("/api/webhooks").then().statusCode(201)
                .body("active", equalTo(true)).body("secret", startsWith("whsec_"))
                .extract().jsonPath();
        return Map.of("id", created.getString("id"), "secret", created.getString("secret"));
    }

    @Test
    void subscribedEventsArriveSignedAndOnceEachEvenWhenReplayed() {
        Map<String, String> sub = subscribe();
        UUID appointment = UUID.randomUUID();
        var booked = booking(appointment, NOW, NOW.plus(Duration.ofHours(4)), "+12125550500", null, "en");
        notifications.publish(booked);
        notifications.publish(booked); // the same event again: a replay, a second instance
        // Not subscribed: a reschedule sends nothing to this subscription.
        notifications.publish(new io.fieldcast.events.AppointmentRescheduled(Events.newId(), NOW, 2, appointment,
                booked.windowStart(), booked.windowEnd(), booked.windowStart().plusSeconds(3600),
                booked.windowEnd().plusSeconds(3600), "test", null));
        var enRoute = status("tech-w1", appointment, VisitStatus.EN_ROUTE, NOW);
        notifications.publish(enRoute);

        await(() -> received.stream().filter(r -> r.body().contains(appointment.toString())).count() >= 2);
        List<Received> mine = received.stream().filter(r -> r.body().contains(appointment.toString())).toList();
        assertEquals(List.of("appointment.booked", "visit.status-changed"), mine.stream().map(Received::type).toList());
        assertEquals(booked.eventId().toString(), mine.getFirst().eventId());
        for (Received r : mine) {
            assertTrue(WebhookSignature.verifies(sub.get("secret"), r.signature(), r.body()),
                    "signed with the subscription's secret: " + r.signature());
            assertTrue(!WebhookSignature.verifies("whsec_someone-else", r.signature(), r.body()));
        }
        assertTrue(mine.getFirst().body().contains("\"type\":\"appointment.booked\"")
                && mine.getFirst().body().contains("\"data\":{"), mine.getFirst().body());

        given().auth().oauth2(admin()).get("/api/webhooks/" + sub.get("id") + "/deliveries").then().statusCode(200)
                .body("", hasSize(2)).body("state", org.hamcrest.Matchers.everyItem(equalTo("DELIVERED")));
        given().auth().oauth2(admin()).get("/api/webhooks/" + sub.get("id")).then()
                .body("delivered", equalTo(2)).body("pending", equalTo(0)).body("secret", equalTo(null));
    }

    @Test
    void nothingIsLostWhileTheReceiverIsDownAndRepeatedFailureDisablesUntilAnAdminEnables() {
        Map<String, String> sub = subscribe();
        String id = sub.get("id");
        answer.set(503);
        UUID appointment = UUID.randomUUID();
        notifications.publish(booking(appointment, NOW, NOW.plus(Duration.ofHours(4)), "+12125550501", null, "en"));
        // The first attempt fails; the subscription backs off 10 s (service clock), the delivery waits.
        await(() -> given().auth().oauth2(admin()).get("/api/webhooks/" + id).then().extract().jsonPath()
                .getInt("consecutiveFailures") == 1);
        given().auth().oauth2(admin()).get("/api/webhooks/" + id + "/deliveries").then()
                .body("[0].state", equalTo("PENDING")).body("[0].attempts", equalTo(1))
                .body("[0].lastStatus", equalTo(503)).body("[0].lastError", containsString("503"));

        // Still down: two more failing attempts, each after its back-off (10 s, then 20 s), disable it (test: 3).
        clock.advance(Duration.ofSeconds(11));
        await(() -> failures(id) == 2);
        clock.advance(Duration.ofSeconds(21));
        await(() -> failures(id) == 3);
        given().auth().oauth2(admin()).get("/api/webhooks/" + id).then().body("active", equalTo(false))
                .body("disabledReason", containsString("3 failed attempts in a row"));
        // Events keep being recorded for it while it is disabled, and nothing is posted.
        UUID later = UUID.randomUUID();
        notifications.publish(booking(later, NOW, NOW.plus(Duration.ofHours(5)), "+12125550502", null, "en"));
        await(() -> given().auth().oauth2(admin()).get("/api/webhooks/" + id).then().extract().jsonPath()
                .getInt("pending") == 2);

        // The receiver is back and an admin enables the subscription: everything that waited arrives.
        answer.set(204);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("active", true))
                .patch("/api/webhooks/" + id).then().statusCode(200).body("active", equalTo(true))
                .body("consecutiveFailures", equalTo(0));
        await(() -> received.stream().anyMatch(r -> r.body().contains(appointment.toString()))
                && received.stream().anyMatch(r -> r.body().contains(later.toString())));
        given().auth().oauth2(admin()).get("/api/webhooks/" + id).then().body("delivered", equalTo(2))
                .body("pending", equalTo(0));
    }

    @Test
    void badSubscriptionsAre400AndOnlyAdminsManageWebhooks() {
        String admin = admin();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("url", "ftp://example.com/x", "events", List.of("appointment.booked")))
                .post("/api/webhooks").then().statusCode(400).body(containsString("http(s)"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("url", "https://user:pw@example.com/x", "events", List.of("appointment.booked")))
                .post("/api/webhooks").then().statusCode(400).body(containsString("password"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("url", "https://example.com/x", "events", List.of("appointment.exploded")))
                .post("/api/webhooks").then().statusCode(400).body(containsString("appointment.exploded"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("url", "https://example.com/x"))
                .post("/api/webhooks").then().statusCode(400).body(containsString("events"));
        given().auth().oauth2(admin).get("/api/webhooks/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(admin).get("/api/webhooks/" + UUID.randomUUID() + "/deliveries?state=LOST").then()
                .statusCode(400);

        given().auth().oauth2(tokens.forUser("dana", Set.of(Roles.DISPATCHER)).token()).get("/api/webhooks").then()
                .statusCode(403);
        given().get("/api/webhooks").then().statusCode(401);
    }

    private int failures(String id) {
        return given().auth().oauth2(admin()).get("/api/webhooks/" + id).then().extract().jsonPath()
                .getInt("consecutiveFailures");
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
