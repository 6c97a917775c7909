package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.dispatch.Await;
import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.AppointmentUnassigned;
import io.fieldcast.events.CustomerReplied;
import io.fieldcast.events.ReplyKind;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The day's loop closes over Kafka: a customer's CANCEL reply, a tap from the wrong technician and a technician
 * taken out of the day, each against today's published plan (real database, broker and solver).
 */
@QuarkusTest
class CustomerReplyCancelTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DAY = "2026-03-04";

    @Inject
    TestCompanies companies;
    @Inject
    TestClock clock;
    @Inject
    Replanner replanner;
    @Inject
    EventPublisher publisher;

    @AfterEach
    void reset() {
        clock.set(TestClock.MONDAY_6AM);
        replanner.setAutomatic(false);
    }

    private record Day(TestCompany fixtures, String territory, Map<String, List<UUID>> routes) {
        String dispatcher() {
            return fixtures.dispatcherToken();
        }

        String admin() {
            return fixtures.adminToken();
        }

        String plans() {
            return "/api/plans/" + territory + "/" + DAY;
        }

        String ownerOf(UUID visit) {
            return routes.entrySet().stream().filter(e -> e.getValue().contains(visit)).findFirst().orElseThrow()
                    .getKey();
        }

        UUID anyVisit() {
            return routes.values().stream().filter(l -> !l.isEmpty()).findFirst().orElseThrow().getLast();
        }
    }

    /** Two technicians, four repairs on Wednesday, solved and published; then it is Wednesday 07:00 there. */
    private Day publishedToday(String territory) throws InterruptedException {
        return publishedToday(territory, 4);
    }

    /** Two technicians, {@code repairs} one-hour repairs on Wednesday (08-12 and 12-16 in turn), published; 07:00. */
    private Day publishedToday(String territory, int repairs) throws InterruptedException {
        TestCompany f = companies.create(territory);
        f.technician(territory + "-b", territory, 2, Map.of());
        String[][] windows = {{"08", "12"}, {"12", "16"}};
        for (int i = 0; i < repairs; i++) {
            String[] w = windows[i % 2];
            f.book(10 + i, "REPAIR", DAY + "T" + w[0] + ":00:00Z", DAY + "T" + w[1] + ":00:00Z",
                    territory, 3);
        }
        Day day = new Day(f, territory, new HashMap<>());
        f.solve(territory, DAY);
        try (EventProbe probe = EventProbe.atEnd(Topics.ROUTES)) {
            given().auth().oauth2(day.dispatcher()).post(day.plans() + "/publish").then().statusCode(200);
            probe.await(RoutePlanned.class, r -> r.territoryId().equals(territory), 2, WAIT)
                    .forEach(r -> day.routes().put(r.technicianId(), visitIds(r)));
        }
        clock.set(Instant.parse(DAY + "T07:00:00Z"));
        replanner.setAutomatic(true);
        return day;
    }

    @Test
    void cancelReplyCancelsOnceAuditsAndRePlansWithoutTheVisit() throws Exception {
        Day day = publishedToday("reply-cancel");
        UUID canceled = day.anyVisit();
        String owner = day.ownerOf(canceled);
        var reply = new CustomerReplied(UUID.randomUUID(), Instant.parse(DAY + "T07:00:00Z"),
                CustomerReplied.SCHEMA_VERSION, canceled, ReplyKind.CANCEL, "sms", "C");
        try (EventProbe routes = EventProbe.atEnd(Topics.ROUTES);
             EventProbe appointments = EventProbe.atEnd(Topics.APPOINTMENTS)) {
            publisher.send(reply).get();
            // The same event again (a redelivery): applied once.
            publisher.send(reply).get();
            List<RoutePlanned> replanned = routes.await(RoutePlanned.class,
                    r -> r.technicianId().equals(owner) && r.date().toString().equals(DAY), 1, WAIT);
            assertTrue(replanned.getFirst().planVersion() >= 2, "a re-plan, not the first plan");
            assertFalse(visitIds(replanned.getFirst()).contains(canceled), "canceled visit still on the route");
            long cancels = appointments.drain(Duration.ofSeconds(3)).stream()
                    .filter(e -> e instanceof AppointmentCanceled c && c.appointmentId().equals(canceled)).count();
            assertEquals(1, cancels, "one AppointmentCanceled");
        }
        given().auth().oauth2(day.dispatcher()).get("/api/appointments/" + canceled).then()
                .body("status", equalTo("CANCELED")).body("technicianId", equalTo(null));
        List<Map<String, Object>> audit = given().auth().oauth2(day.admin()).queryParam("entity", "appointment")
                .queryParam("id", canceled.toString()).get("/api/audit").then().statusCode(200)
                .extract().path("findAll { it.action == 'CANCELED' }");
        assertEquals(1, audit.size(), audit.toString());
        assertEquals("customer:sms", audit.getFirst().get("actor"));

        // A later reply to the canceled appointment is an audited refusal.
        publisher.send(new CustomerReplied(UUID.randomUUID(), Instant.parse(DAY + "T07:05:00Z"),
                CustomerReplied.SCHEMA_VERSION, canceled, ReplyKind.CANCEL, "sms", "C")).get();
        Await.until(() -> given().auth().oauth2(day.admin()).queryParam("entity", "appointment")
                .queryParam("id", canceled.toString()).get("/api/audit").then().extract()
                .<List<String>>path("action").contains("CUSTOMER_CANCEL_REFUSED"), "refusal audited");
    }

    @Test
    void statusFromAnotherTechnicianIsIgnoredAndAudited() throws Exception {
        Day day = publishedToday("reply-tap");
        UUID visit = day.anyVisit();
        String owner = day.ownerOf(visit);
        String stranger = day.routes().keySet().stream().filter(t -> !t.equals(owner)).findFirst().orElseThrow();
        Instant at = Instant.parse(DAY + "T07:01:00Z");
        publisher.send(new VisitStatusChanged(UUID.randomUUID(), at, VisitStatusChanged.SCHEMA_VERSION, stranger,
                visit, VisitStatus.EN_ROUTE, null, null, at, at, "c-1")).get();
        Await.until(() -> given().auth().oauth2(day.admin()).queryParam("entity", "appointment")
                .queryParam("id", visit.toString()).get("/api/audit").then().extract()
                .<List<String>>path("action").contains("STATUS_IGNORED"), "ignored tap audited");
        given().auth().oauth2(day.dispatcher()).get("/api/appointments/" + visit).then()
                .body("status", equalTo("SCHEDULED")).body("technicianId", equalTo(owner));

        // The assignee's tap counts.
        publisher.send(new VisitStatusChanged(UUID.randomUUID(), at, VisitStatusChanged.SCHEMA_VERSION, owner,
                visit, VisitStatus.EN_ROUTE, null, null, at, at, "c-2")).get();
        Await.until(() -> "EN_ROUTE".equals(given().auth().oauth2(day.dispatcher()).get("/api/appointments/" + visit)
                .then().extract().path("status")), "assignee's tap applied");
    }

    @Test
    void technicianTakenOutOfTheDayGetsOneEmptyRoute() throws Exception {
        Day day = publishedToday("reply-sick");
        String sick = day.ownerOf(day.anyVisit());
        try (EventProbe routes = EventProbe.atEnd(Topics.ROUTES)) {
            given().auth().oauth2(day.dispatcher()).contentType("application/json")
                    .body(Map.of("firstDay", DAY, "lastDay", DAY, "kind", "SICK"))
                    .post("/api/technicians/" + sick + "/absences").then().statusCode(200);
            List<RoutePlanned> emptied = routes.await(RoutePlanned.class,
                    r -> r.technicianId().equals(sick) && r.date().toString().equals(DAY), 1, WAIT);
            assertTrue(emptied.getFirst().visits().isEmpty(), emptied.toString());
            assertTrue(emptied.getFirst().planVersion() >= 2);

            // Another re-plan of the day: nothing more for the technician who left it.
            given().auth().oauth2(day.dispatcher()).contentType("application/json").body(Map.of("reason", "again"))
                    .post(day.plans() + "/replan").then().statusCode(200).body("error", equalTo(null));
            long more = routes.drain(Duration.ofSeconds(3)).stream()
                    .filter(e -> e instanceof RoutePlanned r && r.technicianId().equals(sick)).count();
            assertEquals(1, more, "the empty route is sent once");
        }
        given().auth().oauth2(day.admin()).queryParam("entity", "plan").queryParam("id", day.territory() + "/" + DAY)
                .get("/api/audit").then().body("action", hasItem("PUBLISHED"));
    }

    /**
     * A technician taken out of a full day: the other cannot take every one of their visits without arriving after
     * booked windows, so the re-plan leaves some on nobody's route, and each of those is published as
     * AppointmentUnassigned (customer-notify tells the customer), once, naming the route it left.
     */
    @Test
    void visitsATechnicianTakenOutOfAFullDayLeavesUnassignedArePublished() throws Exception {
        Day day = publishedToday("reply-full", 12);
        String sick = day.routes().keySet().iterator().next();
        List<UUID> theirs = day.routes().get(sick);
        try (EventProbe appointments = EventProbe.atEnd(Topics.APPOINTMENTS)) {
            given().auth().oauth2(day.dispatcher()).contentType("application/json")
                    .body(Map.of("firstDay", DAY, "lastDay", DAY, "kind", "SICK"))
                    .post("/api/technicians/" + sick + "/absences").then().statusCode(200);
            List<AppointmentUnassigned> left = appointments.await(AppointmentUnassigned.class,
                    u -> theirs.contains(u.appointmentId()), 1, WAIT);
            AppointmentUnassigned first = left.getFirst();
            assertEquals(sick, first.technicianId());
            assertEquals(DAY, first.date().toString());
            assertTrue(first.planVersion() >= 2, "a re-plan's version");
            given().auth().oauth2(day.dispatcher()).get("/api/appointments/" + first.appointmentId()).then()
                    .body("technicianId", equalTo(null)).body("status", equalTo("SCHEDULED"));
            long events = appointments.drain(Duration.ofSeconds(3)).stream()
                    .filter(e -> e instanceof AppointmentUnassigned u
                            && u.appointmentId().equals(first.appointmentId())).count();
            assertEquals(1, events, "published once");
        }
    }

    private static List<UUID> visitIds(RoutePlanned r) {
        return r.visits().stream().map(v -> v.appointmentId()).toList();
    }
}
