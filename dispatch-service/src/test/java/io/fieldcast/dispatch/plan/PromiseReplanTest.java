package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.dispatch.Await;
import io.fieldcast.events.ArrivalForecast;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.Topics;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.testing.EventProbe;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What re-plans a running day (real database, broker and solver): a told window predicted to break does, once per
 * visit and at most once per cooldown; a safe forecast and a technician merely running late do not. Route versions
 * count what was re-sent.
 */
@QuarkusTest
class PromiseReplanTest {

    private static final String DAY = "2026-03-04";
    private static final String TERRITORY = "promise-replan";
    private static final String TECH = TERRITORY + "-tech";
    private static final String PLANS = "/api/plans/" + TERRITORY;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestCompanies companies;
    @Inject
    TestClock clock;
    @Inject
    EventPublisher publisher;
    @Inject
    Replanner replanner;

    @AfterEach
    void reset() {
        replanner.setAutomatic(false);
        clock.set(TestClock.MONDAY_6AM);
    }

    @Test
    void toldWindowAtRiskReplansOncePerCooldownLateTapsAndSafeForecastsDoNot() throws Exception {
        TestCompany f = companies.create(TERRITORY);
        String token = f.dispatcherToken();
        UUID first = UUID.fromString(f.book(12, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z",
                TERRITORY, 3));
        UUID second = UUID.fromString(f.book(13, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z",
                TERRITORY, 3));
        f.solve(TERRITORY, DAY);
        f.publish(TERRITORY, DAY);
        assertEquals(1, routeVersions(token).get(TECH), "the published plan is the technician's first route");

        // Wednesday 07:00, the day is today. A safe forecast, then one whose told window is likely to break.
        clock.set(Instant.parse(DAY + "T07:00:00Z"));
        replanner.setAutomatic(true);
        publisher.send(forecast(first, 1, 0.95)).get();
        publisher.send(forecast(first, 2, 0.40)).get();
        Await.until(() -> replans(token).size() == 1, "a re-plan for the told window at risk");
        List<String> reasons = replans(token).getFirst();
        assertEquals(1, reasons.size(), reasons.toString());
        assertTrue(reasons.getFirst().contains("told window of visit " + first + " at risk (40 % likely kept)"),
                reasons.toString());

        // Within the cooldown (15 min of data time) another risk waits; a visit reached 45 min late re-plans nothing.
        publisher.send(forecast(second, 1, 0.30)).get();
        publisher.send(new VisitStatusChanged(UUID.randomUUID(), Instant.parse(DAY + "T09:45:00Z"), 1, TECH, first,
                VisitStatus.ARRIVED, null, null, Instant.parse(DAY + "T09:45:00Z"),
                Instant.parse(DAY + "T09:45:00Z"), "late-tap")).get();
        Thread.sleep(3000);
        assertEquals(1, replans(token).size(), "nothing re-planned within the cooldown");

        // Past the cooldown the waiting risk re-plans, alone: the late tap was never a reason.
        clock.set(Instant.parse(DAY + "T07:16:00Z"));
        Await.until(() -> replans(token).size() == 2, "the deferred risk re-planned after the cooldown");
        List<String> later = replans(token).getFirst();
        assertEquals(1, later.size(), later.toString());
        assertTrue(later.getFirst().contains("told window of visit " + second + " at risk"), later.toString());
        assertFalse(later.toString().contains("later than planned"), later.toString());

        // The first visit at risk again, past another cooldown: it had its re-plan (all before it is kept as it is).
        clock.set(Instant.parse(DAY + "T07:40:00Z"));
        publisher.send(forecast(first, 3, 0.20)).get();
        Thread.sleep(3000);
        assertEquals(2, replans(token).size(), "one re-plan per told visit at risk");

        // Route versions: the first route plus one per re-plan that re-sent it (only material changes are).
        int resent = given().auth().oauth2(token).get(PLANS + "/replans").then().statusCode(200).extract()
                .<List<Integer>>path("routesPublished").stream().mapToInt(Integer::intValue).sum();
        assertEquals(1 + resent, routeVersions(token).get(TECH));
        given().auth().oauth2(token).get(PLANS + "/" + DAY + "/route-versions").then().statusCode(200)
                .body("max", equalTo(1 + resent));
    }

    @Test
    void visitThatCannotBeCompletedReplansTheDayWithTheTapInIt() throws Exception {
        String territory = TERRITORY + "-cc";
        TestCompany f = companies.create(territory);
        String token = f.dispatcherToken();
        UUID first = UUID.fromString(f.book(14, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", territory, 3));
        f.book(15, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", territory, 3);
        f.solve(territory, DAY);
        f.publish(territory, DAY);

        clock.set(Instant.parse(DAY + "T09:00:00Z"));
        replanner.setAutomatic(true);
        publisher.send(new VisitStatusChanged(UUID.randomUUID(), Instant.parse(DAY + "T09:00:00Z"), 1,
                territory + "-tech", first, VisitStatus.CANNOT_COMPLETE, "NO_ACCESS", null,
                Instant.parse(DAY + "T09:00:00Z"), Instant.parse(DAY + "T09:00:00Z"), "cc-tap")).get();
        Await.until(() -> !given().auth().oauth2(token).get("/api/plans/" + territory + "/replans").then()
                        .statusCode(200).extract().<List<List<String>>>path("reasons").isEmpty(),
                "a re-plan for the visit that cannot be completed");
        List<List<String>> reasons = given().auth().oauth2(token).get("/api/plans/" + territory + "/replans").then()
                .statusCode(200).extract().path("reasons");
        assertTrue(reasons.getFirst().getFirst().contains("visit " + first + " cannot be completed"),
                reasons.toString());
    }

    /**
     * A job running hours long ahead of a visit: eta-service forecasts the visit 90 minutes past its booked window.
     * Its route is rescued (with {@code rescue-at-risk} off, as shipped): the visit goes to the technician with a free
     * morning, once; the job under way stays where it is.
     */
    @Test
    void aVisitForecastFarPastItsBookedWindowLeavesTheRouteOfAJobRunningLong() throws Exception {
        String territory = TERRITORY + "-lost";
        TestCompany f = companies.create(territory);
        String token = f.dispatcherToken();
        String ann = territory + "-tech";
        f.book(16, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", territory, 3);
        f.book(17, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", territory, 3);
        f.solve(territory, DAY);
        List<UUID> route;
        try (EventProbe routes = EventProbe.atEnd(Topics.ROUTES)) {
            f.publish(territory, DAY);
            route = routes.await(RoutePlanned.class, r -> r.technicianId().equals(ann), 1, WAIT).getFirst()
                    .visits().stream().map(PlannedVisit::appointmentId).toList();
        }
        UUID running = route.get(0);
        UUID lost = route.get(1);
        // Bob joins the territory with nothing to do; Ann has been at her first repair since 08:10.
        String bob = territory + "-bob";
        f.technician(bob, territory, 20, Map.of());
        Instant ten = Instant.parse(DAY + "T10:00:00Z");
        clock.set(ten);
        Instant rang = Instant.parse(DAY + "T08:10:00Z");
        publisher.send(new VisitStatusChanged(UUID.randomUUID(), rang, 1, ann, running, VisitStatus.ARRIVED, null,
                null, rang, rang, "lost-tap")).get();
        Await.until(() -> "ON_SITE".equals(given().auth().oauth2(token).get("/api/appointments/" + running).then()
                .extract().path("status")), "the job under way");
        replanner.setAutomatic(true);

        Instant p50 = Instant.parse(DAY + "T13:30:00Z");
        try (EventProbe routes = EventProbe.atEnd(Topics.ROUTES)) {
            publisher.send(new ArrivalForecast(UUID.randomUUID(), ten, ArrivalForecast.SCHEMA_VERSION, lost, ann, p50,
                    p50.minusSeconds(1800), p50.plusSeconds(1800), 0.8, Instant.parse(DAY + "T08:00:00Z"),
                    Instant.parse(DAY + "T12:00:00Z"), "m1", 1, "technician running 200 min behind plan", null,
                    null)).get();
            RoutePlanned bobs = routes.await(RoutePlanned.class,
                    r -> r.technicianId().equals(bob) && !r.visits().isEmpty(), 1, WAIT).getFirst();
            assertEquals(List.of(lost), bobs.visits().stream().map(PlannedVisit::appointmentId).toList());
        }
        List<String> reasons = replans(territory, token).getFirst();
        assertEquals(List.of("visit " + lost + " forecast 90 min past its booked window"), reasons);
        given().auth().oauth2(token).get("/api/appointments/" + running).then().body("technicianId", equalTo(ann));

        // Forecast later still: it had its re-plan.
        clock.set(ten.plus(Duration.ofMinutes(20)));
        publisher.send(new ArrivalForecast(UUID.randomUUID(), ten, ArrivalForecast.SCHEMA_VERSION, lost, ann,
                p50.plusSeconds(3600), p50, p50.plusSeconds(7200), 0.8, Instant.parse(DAY + "T08:00:00Z"),
                Instant.parse(DAY + "T12:00:00Z"), "m1", 2, "later", null, null)).get();
        Thread.sleep(3000);
        assertEquals(1, replans(territory, token).size(), "one rescue per visit");
    }

    private static List<List<String>> replans(String territory, String token) {
        return given().auth().oauth2(token).get("/api/plans/" + territory + "/replans").then().statusCode(200)
                .extract().path("reasons");
    }

    private static ArrivalForecast forecast(UUID appointment, int version, double keptProbability) {
        Instant start = Instant.parse(DAY + "T10:00:00Z");
        return new ArrivalForecast(UUID.randomUUID(), Instant.parse(DAY + "T07:00:00Z"),
                ArrivalForecast.SCHEMA_VERSION, appointment, TECH, start.plusSeconds(1800), start,
                start.plusSeconds(3600), 0.8, Instant.parse(DAY + "T08:00:00Z"), Instant.parse(DAY + "T12:00:00Z"),
                "m1", version, "test", keptProbability, null);
    }

    /** Reasons of this territory's re-plans, newest first. */
    private static List<List<String>> replans(String token) {
        return given().auth().oauth2(token).get(PLANS + "/replans").then().statusCode(200).extract()
                .path("reasons");
    }

    private static Map<String, Integer> routeVersions(String token) {
        return given().auth().oauth2(token).get(PLANS + "/" + DAY + "/route-versions").then().statusCode(200)
                .extract().path("technicians");
    }
}
