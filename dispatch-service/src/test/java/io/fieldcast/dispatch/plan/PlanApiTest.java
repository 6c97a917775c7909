package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.Topics;
import io.fieldcast.testing.EventProbe;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Solve, publish, explain, pin and re-plan against the real database, broker, road graph and solver. */
@QuarkusTest
class PlanApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DAY = "2026-03-04";

    @Inject
    TestCompanies companies;
    @Inject
    TestClock clock;
    @Inject
    Replanner replanner;

    @AfterEach
    void reset() {
        clock.set(TestClock.MONDAY_6AM);
        replanner.setAutomatic(false);
    }

    /** Three technicians (one with fiber skills) and {@code jobs} appointments on Wednesday. */
    private Company company(String territory, int jobs) {
        TestCompany f = companies.create(territory);
        f.technician(territory + "-a", territory, 1, Map.of("fiber", 3));
        f.technician(territory + "-b", territory, 2, Map.of());
        List<String> ids = new ArrayList<>();
        String[][] windows = {{"08", "12"}, {"12", "16"}, {"08", "12"}, {"12", "16"}};
        for (int i = 0; i < jobs; i++) {
            String[] w = windows[i % windows.length];
            ids.add(f.book(10 + i, i == 0 ? "INSTALL" : "REPAIR", DAY + "T" + w[0] + ":00:00Z",
                    DAY + "T" + w[1] + ":00:00Z", territory, 3));
        }
        return new Company(f, territory, ids);
    }

    private record Company(TestCompany fixtures, String territory, List<String> appointments) {
        String dispatcher() {
            return fixtures.dispatcherToken();
        }

        String admin() {
            return fixtures.adminToken();
        }
    }

    private ValidatableResponse solve(Company c, int seconds) {
        return given().auth().oauth2(c.dispatcher()).contentType("application/json")
                .body(Map.of("seconds", seconds)).post("/api/plans/" + c.territory() + "/" + DAY + "/solve").then();
    }

    private void awaitStatus(Company c, String status) {
        long until = System.nanoTime() + WAIT.toNanos();
        String last = null;
        while (System.nanoTime() < until) {
            last = given().auth().oauth2(c.dispatcher()).get("/api/plans/" + c.territory() + "/" + DAY)
                    .then().statusCode(200).extract().path("status");
            if (status.equals(last)) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError("plan never reached " + status + ", last " + last);
    }

    @Test
    void solvedPlanIsPublishedAsOneRouteMessagePerTechnician() {
        Company c = company("plan-pub", 6);
        solve(c, 2).statusCode(202).body("status", equalTo("SOLVING"));
        awaitStatus(c, "SOLVED");
        given().auth().oauth2(c.dispatcher()).get("/api/plans/" + c.territory() + "/" + DAY)
                .then().body("assigned", equalTo(6)).body("unassigned", equalTo(0)).body("score", containsString("0hard"));

        try (EventProbe probe = EventProbe.atEnd(Topics.ROUTES)) {
            int version = given().auth().oauth2(c.dispatcher()).post("/api/plans/" + c.territory() + "/" + DAY
                    + "/publish").then().statusCode(200).body("routesPublished", equalTo(3))
                    .body("assigned", equalTo(6)).extract().path("version");
            List<RoutePlanned> routes = probe.await(RoutePlanned.class,
                    r -> r.territoryId().equals(c.territory()), 3, WAIT);
            assertTrue(routes.stream().allMatch(r -> r.planVersion() == version), "one version for all routes");
            Set<UUID> planned = new HashSet<>();
            routes.forEach(r -> r.visits().forEach(v -> planned.add(v.appointmentId())));
            assertEquals(6, planned.size(), "every appointment is on exactly one route");
            // The fiber install can only go to the technician with the skill.
            UUID install = UUID.fromString(c.appointments().getFirst());
            RoutePlanned withInstall = routes.stream().filter(r -> r.visits().stream()
                    .anyMatch(v -> v.appointmentId().equals(install))).findFirst().orElseThrow();
            assertEquals(c.territory() + "-a", withInstall.technicianId());
            // The phone's "Call" link: every booking of the fixtures is for Rosa at +12125550123.
            routes.forEach(r -> r.visits().forEach(v -> assertEquals("+12125550123", v.customerPhone(), v.toString())));
            routes.forEach(r -> r.visits().forEach(v -> assertFalse(v.plannedArrival().isAfter(v.windowEnd()),
                    "arrives within the window: " + v)));
        }
        given().auth().oauth2(c.dispatcher()).get("/api/appointments/" + c.appointments().get(1)).then()
                .body("status", equalTo("SCHEDULED"));
        given().auth().oauth2(c.admin()).queryParam("entity", "plan").queryParam("id", c.territory() + "/" + DAY)
                .get("/api/audit").then().statusCode(200).body("action", hasItem("PUBLISHED"))
                .body("action", hasItem("SOLVE_STARTED"));
    }

    @Test
    void dayWithOneVisitAndOneTechnicianSolves() {
        // Nothing is near anything: the nearby moves fall back to a relocation, which must not be a no-op.
        TestCompany f = companies.create("plan-one");
        f.book(10, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", "plan-one", 3);
        Company c = new Company(f, "plan-one", List.of());
        solve(c, 1).statusCode(202);
        awaitStatus(c, "SOLVED");
        given().auth().oauth2(c.dispatcher()).get("/api/plans/plan-one/" + DAY).then()
                .body("assigned", equalTo(1)).body("error", equalTo(null));
    }

    @Test
    void analysisExplainsAnUnassignedVisitBySkills() {
        Company c = company("plan-why", 2);
        // A second install-type job nobody else can do is fine; make one no technician can do at all.
        given().auth().oauth2(c.admin()).contentType("application/json").body(Map.of("code", "GAS", "name", "Gas",
                "defaultDurationMin", 45, "requiredSkills", Map.of("gas", 1))).put("/api/job-types/GAS")
                .then().statusCode(200);
        // Booking refuses work nobody can do, so the skill is taken away after booking.
        c.fixtures().technician(c.territory() + "-a", c.territory(), 1, Map.of("fiber", 3, "gas", 1));
        String gas = c.fixtures().book(30, "GAS", DAY + "T08:00:00Z", DAY + "T12:00:00Z",
                c.territory(), 2);
        c.fixtures().technician(c.territory() + "-a", c.territory(), 1, Map.of("fiber", 3));
        solve(c, 1).statusCode(202);
        awaitStatus(c, "SOLVED");
        given().auth().oauth2(c.dispatcher()).get("/api/plans/" + c.territory() + "/" + DAY + "/analysis")
                .then().statusCode(200)
                .body("issues.find { it.appointmentId == '" + gas + "' }.kind", equalTo("UNASSIGNED"))
                .body("issues.find { it.appointmentId == '" + gas + "' }.reasons[0]", containsString("gas"))
                .body("constraints.constraint", hasItem("Unassigned visit"));
    }

    @Test
    void publishingWhileSolvingIsRefusedUntilStopped() {
        Company c = company("plan-stop", 3);
        solve(c, 120).statusCode(202);
        solve(c, 5).statusCode(409).body("message", containsString("already being solved"));
        given().auth().oauth2(c.dispatcher()).post("/api/plans/" + c.territory() + "/" + DAY + "/publish")
                .then().statusCode(409).body("message", containsString("still solving"));
        given().auth().oauth2(c.dispatcher()).post("/api/plans/" + c.territory() + "/" + DAY + "/stop")
                .then().statusCode(200);
        awaitStatus(c, "STOPPED");
        given().auth().oauth2(c.admin()).queryParam("entity", "plan").queryParam("id", c.territory() + "/" + DAY)
                .get("/api/audit").then().statusCode(200).body("action", hasItem("SOLVE_STOPPED"));
        given().auth().oauth2(c.dispatcher()).post("/api/plans/" + c.territory() + "/" + DAY + "/publish")
                .then().statusCode(200).body("assigned", equalTo(3));
    }

    @Test
    void badPlanRequestsAreClear400s() {
        Company c = company("plan-bad", 0);
        given().auth().oauth2(c.dispatcher()).contentType("application/json").body(Map.of("seconds", 1))
                .post("/api/plans/" + c.territory() + "/next-tuesday/solve").then().statusCode(400)
                .body("fields.field", hasItem("date"));
        solve(c, 0).statusCode(400).body("message", containsString("seconds"));
        // One upper limit, fieldcast.plan.max-solve-time (600 s), whatever the request says.
        solve(c, 601).statusCode(400).body("message", containsString("between 1 and 600"));
        // A Sunday: nobody works.
        given().auth().oauth2(c.dispatcher()).contentType("application/json").body(Map.of("seconds", 1))
                .post("/api/plans/" + c.territory() + "/2026-03-08/solve").then().statusCode(409)
                .body("message", containsString("no technician works"));
        given().auth().oauth2(c.dispatcher()).get("/api/plans/" + c.territory() + "/2026-03-09").then()
                .statusCode(404);
        given().auth().oauth2(c.admin()).contentType("application/json")
                .body(Map.of("weights", Map.of("Speed", "0hard/0medium/1soft")))
                .put("/api/plans/" + c.territory() + "/weights").then().statusCode(400)
                .body("message", containsString("unknown constraint"));
        given().contentType("application/json").body(Map.of("seconds", 1))
                .post("/api/plans/" + c.territory() + "/" + DAY + "/solve").then().statusCode(401);
    }

    @Test
    void pinnedVisitStaysWithItsTechnicianThroughASolve() {
        Company c = company("plan-pin", 4);
        String moved = c.appointments().get(2);
        given().auth().oauth2(c.dispatcher()).contentType("application/json")
                .body(Map.of("technicianId", c.territory() + "-b", "position", 0))
                .put("/api/plans/" + c.territory() + "/" + DAY + "/visits/" + moved + "/pin").then().statusCode(204);
        solve(c, 1).statusCode(202);
        awaitStatus(c, "SOLVED");
        given().auth().oauth2(c.dispatcher()).post("/api/plans/" + c.territory() + "/" + DAY + "/publish")
                .then().statusCode(200);
        given().auth().oauth2(c.dispatcher()).get("/api/appointments/" + moved).then()
                .body("technicianId", equalTo(c.territory() + "-b")).body("pinned", equalTo(true));
        given().auth().oauth2(c.admin()).queryParam("entity", "appointment").queryParam("id", moved)
                .get("/api/audit").then().body("action", hasItem("PINNED"));
    }

    @Test
    void cancellationTodayRePlansAndPublishesOnlyChangedRoutes() {
        Company c = company("plan-live", 8);
        solve(c, 2).statusCode(202);
        awaitStatus(c, "SOLVED");
        Map<String, List<UUID>> before = new HashMap<>();
        try (EventProbe probe = EventProbe.atEnd(Topics.ROUTES)) {
            given().auth().oauth2(c.dispatcher()).post("/api/plans/" + c.territory() + "/" + DAY + "/publish")
                    .then().statusCode(200);
            probe.await(RoutePlanned.class, r -> r.territoryId().equals(c.territory()), 3, WAIT)
                    .forEach(r -> before.put(r.technicianId(), r.visits().stream().map(v -> v.appointmentId())
                            .toList()));
        }
        // It is now Wednesday 07:00 there: the plan is today's.
        clock.set(Instant.parse(DAY + "T07:00:00Z"));
        replanner.setAutomatic(true);
        UUID canceled = before.values().stream().filter(l -> !l.isEmpty()).findFirst().orElseThrow().getLast();
        String owner = before.entrySet().stream().filter(e -> e.getValue().contains(canceled)).findFirst()
                .orElseThrow().getKey();
        try (EventProbe probe = EventProbe.atEnd(Topics.ROUTES)) {
            given().auth().oauth2(c.dispatcher()).contentType("application/json")
                    .body(Map.of("reason", "customer called")).post("/api/appointments/" + canceled + "/cancel")
                    .then().statusCode(200);
            List<RoutePlanned> changed = probe.await(RoutePlanned.class,
                    r -> r.territoryId().equals(c.territory()) && r.technicianId().equals(owner), 1, WAIT);
            assertTrue(changed.getFirst().planVersion() >= 2);
            assertFalse(changed.getFirst().visits().stream().anyMatch(v -> v.appointmentId().equals(canceled)));
            // Whoever else got a new route really had a changed one.
            for (FieldcastEventView r : drainRoutes(probe, c.territory())) {
                assertNotEquals(before.get(r.technicianId()), r.visitIds(), "unchanged route republished");
            }
        }
        var outcome = replanner.recent().stream().filter(o -> o.key().equals(c.territory() + "/" + DAY))
                .findFirst().orElseThrow();
        assertTrue(outcome.reasons().toString().contains("canceled"), outcome.toString());
        assertEquals(null, outcome.error());
    }

    private record FieldcastEventView(String technicianId, List<UUID> visitIds) {
    }

    private static List<FieldcastEventView> drainRoutes(EventProbe probe, String territory) {
        return probe.drain(Duration.ofSeconds(2)).stream().filter(e -> e instanceof RoutePlanned)
                .map(e -> (RoutePlanned) e).filter(r -> r.territoryId().equals(territory))
                .map(r -> new FieldcastEventView(r.technicianId(), r.visits().stream().map(v -> v.appointmentId())
                        .toList())).toList();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
