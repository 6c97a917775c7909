package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.AppointmentRescheduled;
import io.fieldcast.events.Events;
import io.fieldcast.events.LearnedDurations;
import io.fieldcast.events.ServiceTimeQuantiles;
import io.fieldcast.events.TechnicianStatusChanged;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.testing.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class BookingApiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TestCompanies companies;
    @Inject
    TokenIssuer tokens;
    @Inject
    EventPublisher publisher;

    TestCompany f;

    @BeforeEach
    void company() {
        f = companies.empty();
        f.jobTypes();
        f.territory("metro", 15);
        f.technician("tech-a", "metro", f.addresses.get(0), Map.of("fiber", 3), TestCompany.WEEKDAYS);
        f.technician("tech-b", "metro", f.addresses.get(1), Map.of(), TestCompany.WEEKDAYS);
    }

    @Test
    void emptyDayOffersWindowsThatFitTheShiftsOnly() {
        GeoPoint p = f.addresses.get(10);
        List<String> starts = given().auth().oauth2(f.dispatcher)
                .queryParam("lat", p.lat()).queryParam("lon", p.lon()).queryParam("jobType", "INSTALL")
                .queryParam("from", "2026-03-06").queryParam("to", "2026-03-06")
                .get("/api/slots").then().statusCode(200)
                .extract().jsonPath().getList("windowStart", String.class);
        // Shifts end at 17:00 with a 30-minute break owed: a 90-minute install starting at 16:00 cannot fit.
        assertTrue(starts.contains("2026-03-06T08:00:00Z"), starts.toString());
        assertTrue(starts.contains("2026-03-06T12:00:00Z"), starts.toString());
        assertFalse(starts.contains("2026-03-06T16:00:00Z"), starts.toString());
    }

    @Test
    void weekendHasNoSlotsBecauseNobodyWorks() {
        GeoPoint p = f.addresses.get(11);
        given().auth().oauth2(f.dispatcher)
                .queryParam("lat", p.lat()).queryParam("lon", p.lon()).queryParam("jobType", "REPAIR")
                .queryParam("from", "2026-03-07").queryParam("to", "2026-03-08")
                .get("/api/slots").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void bookingPlacesTheVisitInAPlanAndPublishesOnce() {
        try (EventProbe probe = EventProbe.atEnd(Topics.APPOINTMENTS)) {
            Response booked = book(f.addresses.get(12), "REPAIR", "2026-03-03T08:00:00Z", "2026-03-03T12:00:00Z");
            booked.then().statusCode(201)
                    .body("status", equalTo("BOOKED"))
                    .body("technicianId", notNullValue())
                    .body("plannedArrival", notNullValue());
            String id = booked.path("id");
            Instant arrival = Instant.parse(booked.path("plannedArrival"));
            assertFalse(arrival.isAfter(Instant.parse("2026-03-03T12:00:00Z")), "planned inside the window");

            var events = probe.await(AppointmentBooked.class, e -> e.appointmentId().toString().equals(id), 1, WAIT);
            assertEquals(1, events.size());
            assertEquals("Rosa", events.getFirst().customer().firstName());
            assertEquals("es", events.getFirst().customer().language());
            assertEquals("UTC", events.getFirst().timeZone());

            given().auth().oauth2(f.admin).queryParam("entity", "appointment").queryParam("id", id)
                    .get("/api/audit").then().statusCode(200)
                    .body("action", hasItem("BOOKED")).body("actor", hasItem("dana"));
            // The dispatcher's console shows a visit's history too.
            given().auth().oauth2(f.dispatcher).queryParam("entity", "appointment").queryParam("id", id)
                    .get("/api/audit").then().statusCode(200).body("action", hasItem("BOOKED"));
        }
    }

    @Test
    void jobNeedingFiberGoesToTheFiberTechnician() {
        book(f.addresses.get(13), "INSTALL", "2026-03-03T12:00:00Z", "2026-03-03T16:00:00Z").then().statusCode(201)
                .body("technicianId", equalTo("tech-a"));
    }

    @Test
    void rescheduleMovesTheVisitAndPublishesTheNewWindow() {
        String id = book(f.addresses.get(14), "REPAIR", "2026-03-04T08:00:00Z", "2026-03-04T12:00:00Z")
                .then().statusCode(201).extract().path("id");
        try (EventProbe probe = EventProbe.atEnd(Topics.APPOINTMENTS)) {
            given().auth().oauth2(f.dispatcher).contentType("application/json")
                    .body("{\"windowStart\":\"2026-03-05T12:00:00Z\",\"windowEnd\":\"2026-03-05T16:00:00Z\","
                            + "\"reason\":\"customer works mornings\"}")
                    .put("/api/appointments/" + id + "/window").then().statusCode(200)
                    .body("serviceDate", equalTo("2026-03-05"))
                    .body("windowStart", equalTo("2026-03-05T12:00:00Z"));
            var moved = probe.await(AppointmentRescheduled.class, e -> e.appointmentId().toString().equals(id), 1,
                    WAIT);
            assertEquals(Instant.parse("2026-03-04T08:00:00Z"), moved.getFirst().previousWindowStart());
            assertEquals("customer works mornings", moved.getFirst().reason());
            assertEquals("dispatcher", moved.getFirst().changedBy(), "a person of the company moved it");
        }
    }

    @Test
    void cancelPublishesAndCannotBeCanceledTwice() {
        String id = book(f.addresses.get(15), "REPAIR", "2026-03-04T12:00:00Z", "2026-03-04T16:00:00Z")
                .then().statusCode(201).extract().path("id");
        try (EventProbe probe = EventProbe.atEnd(Topics.APPOINTMENTS)) {
            given().auth().oauth2(f.dispatcher).contentType("application/json").body("{\"reason\":\"moved away\"}")
                    .post("/api/appointments/" + id + "/cancel").then().statusCode(200)
                    .body("status", equalTo("CANCELED"));
            assertEquals(1, probe.await(AppointmentCanceled.class, e -> e.appointmentId().toString().equals(id), 1,
                    WAIT).size());
        }
        given().auth().oauth2(f.dispatcher).contentType("application/json").body("{}")
                .post("/api/appointments/" + id + "/cancel").then().statusCode(409);
    }

    @Test
    void unknownJobTypeIs400NamingTheField() {
        book(f.addresses.get(16), "TELEPORT", "2026-03-03T08:00:00Z", "2026-03-03T12:00:00Z").then()
                .statusCode(400).body("fields.field", hasItem("jobType"));
    }

    @Test
    void windowInThePastIs400() {
        book(f.addresses.get(16), "REPAIR", "2026-02-27T08:00:00Z", "2026-02-27T12:00:00Z").then()
                .statusCode(400).body("fields.field", hasItem("windowStart"))
                .body("message", containsString("past"));
    }

    @Test
    void addressOffTheMapIs400() {
        book(new GeoPoint(f.center.lat() + 1.0, f.center.lon()), "REPAIR", "2026-03-03T08:00:00Z",
                "2026-03-03T12:00:00Z").then().statusCode(400).body("fields.field", hasItem("lat"));
    }

    @Test
    void phoneNotE164Is400NamingTheField() {
        GeoPoint p = f.addresses.get(17);
        given().auth().oauth2(f.dispatcher).contentType("application/json")
                .body(f.bookingJson(p, "REPAIR", "2026-03-03T08:00:00Z", "2026-03-03T12:00:00Z", "metro")
                        .replace("+12125550123", "555-0123"))
                .post("/api/appointments").then().statusCode(400)
                .body("fields.field", hasItem("customer.phone"));
    }

    @Test
    void oversizedNotesAre400() {
        GeoPoint p = f.addresses.get(17);
        String body = f.bookingJson(p, "REPAIR", "2026-03-03T08:00:00Z", "2026-03-03T12:00:00Z", "metro")
                .replace("\"address\"", "\"notes\":\"" + "x".repeat(2001) + "\",\"address\"");
        given().auth().oauth2(f.dispatcher).contentType("application/json").body(body)
                .post("/api/appointments").then().statusCode(400).body("fields.field", hasItem("notes"));
    }

    @Test
    void technicianMayNotBookAndDispatcherMayNotConfigure() {
        String tech = tokens.forTechnician("tech-a", "phone").token();
        given().auth().oauth2(tech).contentType("application/json")
                .body(f.bookingJson(f.addresses.get(18), "REPAIR", "2026-03-03T08:00:00Z", "2026-03-03T12:00:00Z",
                        "metro"))
                .post("/api/appointments").then().statusCode(403);
        given().auth().oauth2(f.dispatcher).contentType("application/json")
                .body(Map.of("code", "X", "name", "x", "defaultDurationMin", 10))
                .put("/api/job-types/X").then().statusCode(403);
        given().auth().oauth2(f.dispatcher).queryParam("entity", "technician").queryParam("id", "tech-a")
                .get("/api/audit").then().statusCode(403);
    }

    @Test
    void deactivatingATechnicianTellsTheirPhonesOnceAndReactivatingToo() {
        f.technician("tech-leaving", "metro", f.addresses.get(5), Map.of(), TestCompany.WEEKDAYS);
        String deactivated = """
                {"id":"tech-leaving","name":"tech-leaving","phone":"+12125550100","territoryId":"metro",
                 "homeLat":%s,"homeLon":%s,"weeklyShifts":%s,"active":false}"""
                .formatted(f.addresses.get(5).lat(), f.addresses.get(5).lon(), TestCompany.WEEKDAYS);
        try (EventProbe probe = EventProbe.atEnd(Topics.TECHNICIANS)) {
            for (int i = 0; i < 2; i++) { // the second PUT changes nothing: no second event
                given().auth().oauth2(f.admin).contentType("application/json").body(deactivated)
                        .put("/api/technicians/tech-leaving").then().statusCode(200);
            }
            f.technician("tech-leaving", "metro", f.addresses.get(5), Map.of(), TestCompany.WEEKDAYS);
            List<TechnicianStatusChanged> changes = probe.await(TechnicianStatusChanged.class,
                    e -> e.technicianId().equals("tech-leaving"), 2, Duration.ofSeconds(20));
            assertEquals(List.of(false, true), changes.stream().map(TechnicianStatusChanged::active).toList());
            assertEquals("root", changes.getFirst().changedBy());
        }
    }

    @Test
    void searchFindsAppointmentsByCustomerPhone() {
        book(f.addresses.get(19), "REPAIR", "2026-03-03T12:00:00Z", "2026-03-03T16:00:00Z").then().statusCode(201);
        given().auth().oauth2(f.dispatcher).queryParam("q", "+12125550123").queryParam("territory", "metro")
                .get("/api/appointments").then().statusCode(200)
                .body("total", not(equalTo(0)))
                .body("items.territoryId", hasItem("metro"));
        // Who looked for which customer is on record.
        given().auth().oauth2(f.admin).queryParam("entity", "customer").queryParam("id", "search:+12125550123")
                .get("/api/audit").then().statusCode(200)
                .body("action", hasItem("SEARCHED"))
                .body("actor", hasItem("dana"));
    }

    @Test
    void learnedDurationsFromEtaServiceAreUsedForBooking() throws Exception {
        // tech-b works REPAIR in 25 minutes according to eta-service; the default is 60.
        publisher.send(new LearnedDurations(Events.newId(),
                Instant.parse("2026-03-01T02:00:00Z"), 1, "tech-b", "m-test",
                List.of(new ServiceTimeQuantiles("REPAIR", 20, 25, 40, 30)), List.of()))
                .get(10, TimeUnit.SECONDS);
        Response booked = null;
        for (int i = 0; i < 100; i++) {
            Thread.sleep(200);
            booked = book(f.addresses.get(20 + i % 5), "REPAIR", "2026-03-02T12:00:00Z", "2026-03-02T16:00:00Z");
            booked.then().statusCode(201);
            if ("tech-b".equals(booked.path("technicianId")) && (int) booked.path("durationMinutes") == 25) {
                break;
            }
        }
        assertEquals(25, (int) booked.path("durationMinutes"), "tech-b's learned 25 minutes, not the default 60");
    }

    private Response book(GeoPoint at, String jobType, String start, String end) {
        return given().auth().oauth2(f.dispatcher).contentType("application/json")
                .body(f.bookingJson(at, jobType, start, end, "metro"))
                .post("/api/appointments");
    }
}
