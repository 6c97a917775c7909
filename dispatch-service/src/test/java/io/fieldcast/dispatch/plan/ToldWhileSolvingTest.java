package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.dispatch.Await;
import io.fieldcast.events.NotificationSent;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A customer texted a window while a plan was being solved: the plan, which never saw that window, is not published
 * over it; solved again, it keeps it (real database, broker and solver).
 */
@QuarkusTest
class ToldWhileSolvingTest {

    private static final String DAY = "2026-03-05";
    private static final String TERRITORY = "told-while-solving";
    private static final String PLANS = "/api/plans/" + TERRITORY + "/" + DAY;

    @Inject
    TestCompanies companies;
    @Inject
    EventPublisher publisher;

    @Test
    void aPlanSolvedBeforeAWindowWasToldIsSolvedAgainBeforeItIsPublished() throws Exception {
        TestCompany f = companies.create(TERRITORY);
        String token = f.dispatcherToken();
        String first = f.book(10, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", TERRITORY, 3);
        String second = f.book(11, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", TERRITORY, 3);
        f.solve(TERRITORY, DAY);

        // While the solved plan waits to be published, the customer of its later visit is texted a window that ends
        // before the plan reaches them (the one-hour job before it could go after it instead).
        String told = plannedStart(token, first).isAfter(plannedStart(token, second)) ? first : second;
        Instant arrival = plannedStart(token, told);
        Instant start = arrival.minusSeconds(70 * 60);
        publisher.send(new NotificationSent(UUID.randomUUID(), TestClock.MONDAY_6AM, NotificationSent.SCHEMA_VERSION,
                UUID.fromString(told), "WINDOW_NARROWED", "db-outbox", "+1***00", null, 1, start,
                start.plusSeconds(3600))).get();
        Await.until(() -> start.toString().equals(visit(token, told).get("told") instanceof Map<?, ?> m
                ? m.get("windowStart") : null), "the told window reached dispatch");

        // The plan never saw it and reaches the visit after the told end: refused, naming the visit.
        given().auth().oauth2(token).post(PLANS + "/publish").then().statusCode(409)
                .body("message", containsString("told a window while this plan was solved"))
                .body("details.unseen", hasItem(told));

        // Solved again, the window is part of the problem: the visit comes first and the plan is published.
        f.solve(TERRITORY, DAY);
        assertFalse(plannedStart(token, told).isAfter(start.plusSeconds(3600)), "kept the told window");
        given().auth().oauth2(token).post(PLANS + "/publish").then().statusCode(200);
    }

    private static Map<String, Object> visit(String token, String appointment) {
        return given().auth().oauth2(token).get(PLANS + "/timeline").then().statusCode(200)
                .extract().path("visits.find { it.appointmentId == '" + appointment + "' }");
    }

    private static Instant plannedStart(String token, String appointment) {
        return Instant.parse(String.valueOf(visit(token, appointment).get("plannedStart")));
    }

}
