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
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A customer texted a window, or about to be (eta-service published it), while a plan was being solved: the plan,
 * which never saw that window, is not published over it; solved again, it keeps it (real database, broker and solver).
 */
@QuarkusTest
class ToldWhileSolvingTest {

    private static final String DAY = "2026-03-05";
    private static final String TERRITORY = "told-while-solving";

    @Inject
    TestCompanies companies;
    @Inject
    EventPublisher publisher;

    @Test
    void aPlanSolvedBeforeAWindowWasToldIsSolvedAgainBeforeItIsPublished() throws Exception {
        solvedThenTold(TERRITORY, (visit, start) -> publisher.send(new NotificationSent(UUID.randomUUID(),
                TestClock.MONDAY_6AM, NotificationSent.SCHEMA_VERSION, visit, "WINDOW_NARROWED", "db-outbox",
                "+1***00", null, 1, start, start.plusSeconds(3600))).get(), "told");
    }

    /**
     * eta-service published a first window whose text has not come back yet (the sender, quiet hours): the window is
     * being told, and a plan solved without it is not published over it either.
     */
    @Test
    void aPlanSolvedBeforeAFirstWindowWasPublishedIsSolvedAgainBeforeItIsPublished() throws Exception {
        solvedThenTold(TERRITORY + "-published", (visit, start) -> publisher.send(new ArrivalForecast(
                UUID.randomUUID(), TestClock.MONDAY_6AM, ArrivalForecast.SCHEMA_VERSION, visit, null,
                start.plusSeconds(1800), start, start.plusSeconds(3600), 0.92, null, null, "test", 1,
                "first 60-minute window, 92 % likely")).get(), "forecast");
    }

    /** How a window reaches dispatch: {@code visit} told the hour from {@code start}. */
    private interface Telling {
        void tell(UUID visit, Instant start) throws Exception;
    }

    /**
     * Solves a day of two visits, tells the later one (through {@code telling}) a window that ends before the plan
     * reaches it, and checks that the plan is refused, and that solved again it keeps the window and is published.
     * {@code shown}: the timeline's field of the visit that shows the window once dispatch has it.
     */
    private void solvedThenTold(String territory, Telling telling, String shown) throws Exception {
        String plans = "/api/plans/" + territory + "/" + DAY;
        TestCompany f = companies.create(territory);
        String token = f.dispatcherToken();
        String first = f.book(10, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", territory, 3);
        String second = f.book(11, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", territory, 3);
        f.solve(territory, DAY);

        // While the solved plan waits to be published, the customer of its later visit is told a window that ends
        // before the plan reaches them (the one-hour job before it could go after it instead).
        String told = plannedStart(plans, token, first).isAfter(plannedStart(plans, token, second)) ? first : second;
        Instant arrival = plannedStart(plans, token, told);
        Instant start = arrival.minusSeconds(70 * 60);
        telling.tell(UUID.fromString(told), start);
        Await.until(() -> start.toString().equals(visit(plans, token, told).get(shown) instanceof Map<?, ?> m
                ? m.get("windowStart") : null), "the window reached dispatch");

        // The plan never saw it and reaches the visit after the told end: refused, naming the visit.
        given().auth().oauth2(token).post(plans + "/publish").then().statusCode(409)
                .body("message", containsString("told a window while this plan was solved"))
                .body("details.unseen", hasItem(told));

        // Solved again, the window is part of the problem: the visit comes first and the plan is published.
        f.solve(territory, DAY);
        assertFalse(plannedStart(plans, token, told).isAfter(start.plusSeconds(3600)), "kept the told window");
        given().auth().oauth2(token).post(plans + "/publish").then().statusCode(200);
    }

    private static Map<String, Object> visit(String plans, String token, String appointment) {
        return given().auth().oauth2(token).get(plans + "/timeline").then().statusCode(200)
                .extract().path("visits.find { it.appointmentId == '" + appointment + "' }");
    }

    private static Instant plannedStart(String plans, String token, String appointment) {
        return Instant.parse(String.valueOf(visit(plans, token, appointment).get("plannedStart")));
    }

}
