package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.dispatch.Await;
import io.fieldcast.events.ArrivalForecast;
import io.fieldcast.events.NotificationSent;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A re-plan of a running day keeps the window the customer was texted (real database, broker and solver). */
@QuarkusTest
class ToldWindowReplanTest {

    private static final String DAY = "2026-03-04";
    private static final String TERRITORY = "told-replan";
    private static final String PLANS = "/api/plans/" + TERRITORY + "/" + DAY;
    private static final Instant TOLD_START = Instant.parse(DAY + "T10:30:00Z");
    private static final Instant TOLD_END = Instant.parse(DAY + "T11:30:00Z");

    @Inject
    TestCompanies companies;
    @Inject
    TestClock clock;
    @Inject
    EventPublisher publisher;

    @AfterEach
    void reset() {
        clock.set(TestClock.MONDAY_6AM);
    }

    @Test
    void rePlanNeverRingsBeforeTheToldWindowStart() throws Exception {
        TestCompany f = companies.create(TERRITORY);
        String token = f.dispatcherToken();
        String told = f.book(10, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", TERRITORY, 3);
        f.book(11, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", TERRITORY, 3);
        f.solve(TERRITORY, DAY);
        f.publish(TERRITORY, DAY);
        // Two one-hour repairs from 08:00: without a told window both start well before 10:30.
        assertTrue(plannedStart(token, told).isBefore(TOLD_START));

        // Forecast 2 was texted (10:30–11:30); the newer forecast 3 (08:30–09:30) moved too little to be texted.
        UUID id = UUID.fromString(told);
        publisher.send(forecast(id, 2, TOLD_START, TOLD_END)).get();
        publisher.send(text(id, 2, TestClock.MONDAY_6AM.plusSeconds(60), TOLD_START, TOLD_END)).get();
        // Forecast 1's text (09:00–10:00), replayed after forecast 2's: older, so it never replaces it.
        publisher.send(text(id, 1, TestClock.MONDAY_6AM, Instant.parse(DAY + "T09:00:00Z"),
                Instant.parse(DAY + "T10:00:00Z"))).get();
        publisher.send(forecast(id, 3, Instant.parse(DAY + "T08:30:00Z"), Instant.parse(DAY + "T09:30:00Z")))
                .get();
        Await.until(() -> {
            var v = visit(token, told);
            return TOLD_START.toString().equals(v.get("told", "windowStart"))
                    && (DAY + "T08:30:00Z").equals(v.get("forecast", "windowStart"));
        }, "told window and the newer forecast seen");
        Thread.sleep(Duration.ofSeconds(2)); // let the consumer reach the replayed older text; nothing may change
        assertEquals(TOLD_START.toString(), visit(token, told).get("told", "windowStart"));

        // Wednesday 07:00: the day is running; the dispatcher re-plans the rest of it.
        clock.set(Instant.parse(DAY + "T07:00:00Z"));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("reason", "test"))
                .post(PLANS + "/replan").then().statusCode(200).body("error", nullValue());

        Instant start = plannedStart(token, told);
        assertFalse(start.isBefore(TOLD_START), "rings at " + start + ", told " + TOLD_START);
        assertFalse(start.isAfter(TOLD_END), "rings at " + start + ", told until " + TOLD_END);
        String visit = "visits.find { it.appointmentId == '" + told + "' }";
        given().auth().oauth2(token).get(PLANS + "/timeline").then().statusCode(200)
                .body(visit + ".told.windowEnd", equalTo(TOLD_END.toString()))
                .body(visit + ".told.kind", equalTo("WINDOW_UPDATED"))
                .body(visit + ".told.broken", equalTo(false));
        List<String> kinds = given().auth().oauth2(token).get(PLANS + "/analysis").then().statusCode(200)
                .extract().path("issues.kind");
        assertFalse(kinds.contains("TOLD_WINDOW_BROKEN"), kinds.toString());

        // A window texted for a day years on prunes what was told a month before it: it binds nobody any more.
        publisher.send(text(UUID.randomUUID(), 1, Instant.parse("2030-03-01T10:00:00Z"),
                Instant.parse("2030-03-02T10:00:00Z"), Instant.parse("2030-03-02T11:00:00Z"))).get();
        Await.until(() -> visit(token, told).get("told", "windowStart") == null, "the old told window pruned");
    }

    private static ArrivalForecast forecast(UUID appointment, int version, Instant start, Instant end) {
        return new ArrivalForecast(UUID.randomUUID(), TestClock.MONDAY_6AM, ArrivalForecast.SCHEMA_VERSION,
                appointment, TERRITORY + "-tech", start.plusSeconds(1800), start, end, 0.8,
                Instant.parse(DAY + "T08:00:00Z"), Instant.parse(DAY + "T12:00:00Z"), "m1", version, "test");
    }

    private static NotificationSent text(UUID appointment, int version, Instant at, Instant start, Instant end) {
        return new NotificationSent(UUID.randomUUID(), at, NotificationSent.SCHEMA_VERSION, appointment,
                version == 1 ? "WINDOW_NARROWED" : "WINDOW_UPDATED", "db-outbox", "+1***00", null, version, start,
                end);
    }

    private record VisitJson(Map<String, Object> json) {
        Object get(String part, String field) {
            return json.get(part) instanceof Map<?, ?> m ? m.get(field) : null;
        }
    }

    private static VisitJson visit(String token, String appointment) {
        Map<String, Object> v = given().auth().oauth2(token).get(PLANS + "/timeline").then().statusCode(200)
                .extract().path("visits.find { it.appointmentId == '" + appointment + "' }");
        return new VisitJson(v);
    }

    private static Instant plannedStart(String token, String appointment) {
        Object start = visit(token, appointment).json().get("plannedStart");
        assertTrue(start != null, "visit not planned");
        return Instant.parse(start.toString());
    }
}
