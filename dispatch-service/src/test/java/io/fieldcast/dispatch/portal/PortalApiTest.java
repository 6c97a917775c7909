package io.fieldcast.dispatch.portal;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.dispatch.booking.SlotSearchTally;
import io.fieldcast.dispatch.rest.PortalResource;
import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.Events;
import io.fieldcast.events.PortalMessage;
import io.fieldcast.events.SlotSearches;
import io.fieldcast.events.Topics;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.testing.EventProbe;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The customer portal through its real API, database and broker: a booking with intake answers and a texted code,
 * what a customer does from the manage link, and the waitlist's offers.
 */
@QuarkusTest
class PortalApiTest {

    private static final String TUESDAY = "2026-03-03";
    private static final String TUE_8 = "2026-03-03T08:00:00Z";
    private static final String TUE_12 = "2026-03-03T12:00:00Z";
    private static final String WED_8 = "2026-03-04T08:00:00Z";
    private static final String WED_12 = "2026-03-04T12:00:00Z";
    private static final List<Map<String, Object>> INTAKE = List.of(
            Map.of("id", "pets", "kind", "YES_NO", "label", Map.of("en", "Are there pets at home?", "es",
                    "¿Hay mascotas?"), "required", true),
            Map.of("id", "pets_secured", "kind", "YES_NO", "label", Map.of("en", "Can they be kept in another room?"),
                    "required", true, "showIf", Map.of("question", "pets", "equals", "yes")),
            Map.of("id", "model", "kind", "TEXT", "label", Map.of("en", "Router model"), "required", false));

    @Inject
    TestCompanies companies;
    @Inject
    TestClock clock;
    @Inject
    AgroalDataSource db;
    @Inject
    Waitlist waitlist;
    @Inject
    EventPublisher publisher;
    @Inject
    SlotSearchTally tally;

    TestCompany f;

    @BeforeEach
    void company() {
        clock.set(TestClock.MONDAY_6AM);
        f = companies.empty();
        f.jobTypes();
        PortalFixture.onlineJob(f.admin, "PORTAL_FIX", "Router fix", INTAKE);
        PortalFixture.morningFiller(f.admin, "BIG");
    }

    @AfterEach
    void resetClock() {
        clock.set(TestClock.MONDAY_6AM);
    }

    /** A territory centred on {@code at}, so the portal finds it for addresses there, with one morning technician. */
    private void territory(String id, GeoPoint at, GeoPoint home, String shifts) {
        given().auth().oauth2(f.admin).contentType("application/json").body(Map.of("id", id, "name", id,
                        "timeZone", "UTC", "centerLat", at.lat(), "centerLon", at.lon(), "radiusKm", 30,
                        "windowProfile", "08:00-12:00,12:00-16:00", "emergencyReservePct", 0))
                .put("/api/territories/" + id).then().statusCode(200);
        f.technician(id + "-tech", id, home, Map.of(), shifts);
    }

    /**
     * The funnel's first step: each search a customer or a dispatcher makes is counted per territory, day and
     * channel, one that found nothing as empty too, and published as SlotSearches; the waitlist's own searches are
     * not people looking.
     */
    @Test
    void slotSearchesAreCountedPerTerritoryDayAndChannel() {
        GeoPoint place = f.addresses.get(30);
        territory("portal-funnel", place, f.addresses.get(31), TestCompany.WEEKDAYS);
        tally.publish(); // whatever earlier tests counted
        try (EventProbe counted = EventProbe.atEnd(Topics.SLOT_SEARCHES)) {
            for (String day : List.of(TUESDAY, TUESDAY, "2026-03-07")) { // a Saturday: nobody works, nothing found
                given().queryParam("lat", place.lat()).queryParam("lon", place.lon()).queryParam("jobType",
                                "PORTAL_FIX").queryParam("from", day).queryParam("to", day)
                        .get("/portal/api/slots").then().statusCode(200);
            }
            given().auth().oauth2(f.admin).queryParam("lat", place.lat()).queryParam("lon", place.lon())
                    .queryParam("jobType", "PORTAL_FIX").queryParam("from", TUESDAY).queryParam("to", TUESDAY)
                    .queryParam("territory", "portal-funnel").get("/api/slots").then().statusCode(200);
            waitlist.scan();
            assertEquals(2, tally.publish(), "one event per territory-day-channel");
            List<SlotSearches> events = counted.await(SlotSearches.class,
                    e -> e.territoryId().equals("portal-funnel"), 2, Duration.ofSeconds(20));
            SlotSearches portal = events.stream().filter(e -> e.channel().equals("portal")).findFirst().orElseThrow();
            SlotSearches console = events.stream().filter(e -> e.channel().equals("console")).findFirst()
                    .orElseThrow();
            assertEquals(3, portal.searches());
            assertEquals(1, portal.empty());
            assertEquals(1, console.searches());
            assertEquals(0, console.empty());
            assertEquals(LocalDate.parse("2026-03-02"), portal.day(), "the day the customer searched on");
        }
        assertEquals(0, tally.publish(), "nothing counted since");
    }

    @Test
    void aCustomerBooksWithIntakeAnswersAndATextedCodeOnceAndTheLinkComesWithIt() throws Exception {
        GeoPoint place = f.addresses.get(20);
        territory("portal-a", place, f.addresses.get(21), TestCompany.WEEKDAYS);

        given().get("/portal/api/job-types").then().statusCode(200)
                .body("find { it.code == 'PORTAL_FIX' }.intake.size()", equalTo(3))
                .body("find { it.code == 'BIG' }", equalTo(null));
        Response slots = given().queryParam("lat", place.lat()).queryParam("lon", place.lon())
                .queryParam("jobType", "PORTAL_FIX").queryParam("from", TUESDAY).queryParam("to", TUESDAY)
                .get("/portal/api/slots");
        slots.then().statusCode(200).body("timeZone", equalTo("UTC")).body("slots.size()", equalTo(2))
                .body("slots[0].windowStart", equalTo(TUE_8)).body("slots[1].windowStart", equalTo(
                        "2026-03-03T12:00:00Z"));

        String phone = PortalFixture.phone("+34600111");
        String code;
        String codeId;
        try (EventProbe texts = EventProbe.atEnd(Topics.PORTAL_MESSAGES)) {
            codeId = given().contentType("application/json").body(Map.of("phone", phone, "language", "es"))
                    .post("/portal/api/codes").then().statusCode(202).extract().path("codeId");
            PortalMessage sent = texts.await(PortalMessage.class, m -> m.phone().equals(phone), 1,
                    Duration.ofSeconds(20)).getFirst();
            assertEquals(PortalMessage.PHONE_CODE, sent.kind());
            assertEquals("es", sent.language());
            code = sent.code();
        }
        assertTrue(code.matches("[0-9]{6}"), code);
        assertEquals(0, count("select count(*) from portal_code where code_hash like '%" + code + "%'"),
                "only a keyed hash of the code is kept");

        Map<String, Object> booking = new HashMap<>(Map.of("jobType", "PORTAL_FIX", "answers", Map.of("pets", "yes"),
                "address", "20 Test Street", "lat", place.lat(), "lon", place.lon(), "windowStart", TUE_8,
                "windowEnd", TUE_12, "name", "Rosa Diaz", "phone", phone, "codeId", codeId));
        booking.put("code", code);
        booking.put("language", "es");
        given().contentType("application/json").body(booking).post("/portal/api/bookings").then().statusCode(400)
                .body("fields[0].field", equalTo("intake.pets_secured"));

        booking.put("answers", Map.of("pets", "yes", "pets_secured", "no", "model", "FritzBox 7590"));
        booking.put("code", code.equals("000000") ? "111111" : "000000");
        given().contentType("application/json").body(booking).post("/portal/api/bookings").then().statusCode(400)
                .body("message", containsString("4 tries left"));

        booking.put("code", code);
        booking.put("windowStart", "2026-03-03T09:00:00Z");
        given().contentType("application/json").body(booking).post("/portal/api/bookings").then().statusCode(400)
                .body("fields[0].field", equalTo("windowStart")).body("message", containsString("not one of the windows"));
        booking.put("windowStart", TUE_8);

        Response booked;
        try (EventProbe appointments = EventProbe.atEnd(Topics.APPOINTMENTS)) {
            booked = given().contentType("application/json").body(booking).post("/portal/api/bookings");
            booked.then().statusCode(201).body("windowStart", equalTo(TUE_8))
                    .body("manageUrl", containsString("https://book.example.test/manage/#"));
            String id = booked.path("appointmentId");
            AppointmentBooked event = appointments.await(AppointmentBooked.class,
                    e -> e.appointmentId().toString().equals(id), 1, Duration.ofSeconds(20)).getFirst();
            assertEquals(AppointmentBooked.CHANNEL_PORTAL, event.channel());
            assertEquals(booked.path("manageUrl"), event.manageUrl());
            assertTrue(event.notes().contains("Are there pets at home?: yes")
                    && event.notes().contains("Router model: FritzBox 7590"), event.notes());
        }
        String id = booked.path("appointmentId");
        assertEquals(1, count("select count(*) from appointment where id = '" + id + "' and channel = 'portal' "
                + "and intake like '%\"pets_secured\":\"no\"%'"));

        // The answer was lost and the page sends the same booking again: the same appointment, booked once.
        given().contentType("application/json").body(booking).post("/portal/api/bookings").then().statusCode(201)
                .body("appointmentId", equalTo(id));
        assertEquals(1, count("select count(*) from appointment a join customer c on c.id = a.customer_id "
                + "where c.phone = '" + phone + "'"));
        assertEquals(1, count("select count(*) from audit_log where entity_id = '" + id + "' and action = 'BOOKED' "
                + "and actor = 'customer:portal'"));
    }

    @Test
    void theManageLinkReschedulesAndCancelsBeforeTheCutOffAndBooksAgainAfterwards() {
        GeoPoint place = f.addresses.get(22);
        territory("portal-b", place, f.addresses.get(23), TestCompany.WEEKDAYS);
        String token = bookOnline(place, PortalFixture.phone("+34600222"), TUE_8, TUE_12);

        given().header(PortalResource.LINK_HEADER, token).get("/portal/api/manage").then().statusCode(200)
                .body("status", equalTo("BOOKED")).body("canChange", equalTo(true))
                .body("jobName", equalTo("Router fix")).body("windowStart", equalTo(TUE_8));
        given().header(PortalResource.LINK_HEADER, token.substring(0, token.length() - 2) + "xx")
                .get("/portal/api/manage").then().statusCode(404);
        given().get("/portal/api/manage").then().statusCode(400);

        given().header(PortalResource.LINK_HEADER, token).contentType("application/json")
                .body(Map.of("windowStart", WED_8, "windowEnd", WED_12)).post("/portal/api/manage/reschedule")
                .then().statusCode(200).body("windowStart", equalTo(WED_8)).body("date", equalTo("2026-03-04"));

        // Within two hours of the window the customer calls instead.
        clock.set(Instant.parse(WED_8).minus(Duration.ofMinutes(90)));
        given().header(PortalResource.LINK_HEADER, token).get("/portal/api/manage").then().statusCode(200)
                .body("canChange", equalTo(false));
        given().header(PortalResource.LINK_HEADER, token).contentType("application/json").body(Map.of())
                .post("/portal/api/manage/cancel").then().statusCode(409)
                .body("message", containsString("made by phone"));

        clock.set(TestClock.MONDAY_6AM);
        given().header(PortalResource.LINK_HEADER, token).contentType("application/json")
                .body(Map.of("reason", "moving house")).post("/portal/api/manage/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELED")).body("canRebook", equalTo(true));
        String id = given().header(PortalResource.LINK_HEADER, token).get("/portal/api/manage").path("id");
        assertEquals(1, count("select count(*) from audit_log where entity_id = '" + id + "' and action = "
                + "'RESCHEDULED' and actor = 'customer:link'"));
        assertEquals(1, count("select count(*) from audit_log where entity_id = '" + id + "' and action = "
                + "'CANCELED' and actor = 'customer:link'"));

        String again = given().header(PortalResource.LINK_HEADER, token).contentType("application/json")
                .body(Map.of("windowStart", WED_8, "windowEnd", WED_12)).post("/portal/api/manage/rebook")
                .then().statusCode(201).extract().path("appointmentId");
        assertEquals(1, count("select count(*) from appointment a join appointment b on a.customer_id = "
                + "b.customer_id and a.intake = b.intake where a.id = '" + id + "' and b.id = '" + again
                + "' and b.status = 'BOOKED'"), "the same customer and answers, booked again");
    }

    @Test
    void aFreedWindowIsOfferedToTheWaitlistAndOnlyTheFirstToAcceptGetsIt() throws Exception {
        GeoPoint place = f.addresses.get(24);
        String mornings = "{\"TUESDAY\":\"08:00-12:00\",\"WEDNESDAY\":\"08:00-12:00\",\"THURSDAY\":\"08:00-12:00\"}";
        String territory = "portal-w-" + UUID.randomUUID().toString().substring(0, 8);
        territory(territory, place, f.addresses.get(25), mornings);
        // A long job fills Tuesday morning: the portal offers Wednesday only.
        String big = f.book(25, "BIG", TUE_8, TUE_12, territory, 3); // at the technician's own door
        String first = bookOnline(place, PortalFixture.phone("+34600333"), WED_8, WED_12);
        // A neighbour 45 m up the road: the same territory (its centre is nearest), another address.
        GeoPoint near = new GeoPoint(place.lat() + 0.0004, place.lon());
        String second = bookOnline(near, PortalFixture.phone("+34600444"), WED_8, WED_12);
        for (String token : List.of(first, second)) {
            given().header(PortalResource.LINK_HEADER, token).post("/portal/api/manage/waitlist").then()
                    .statusCode(200).body("waitlist", equalTo("WAITING"));
        }
        waitlist.scan();
        String offersHere = "select count(*) from portal_offer where territory_id = '" + territory + "'";
        assertEquals(0, count(offersHere), "nothing earlier is free yet");

        given().auth().oauth2(f.dispatcher).contentType("application/json").body(Map.of("reason", "customer ill"))
                .post("/api/appointments/" + big + "/cancel").then().statusCode(200);
        List<PortalMessage> offers;
        try (EventProbe texts = EventProbe.atEnd(Topics.PORTAL_MESSAGES)) {
            // The cancellation wakes a scan of its own; these race it, and one freed window is offered once. (The
            // outbox may publish a message twice; the texts go out once per event id, so count distinct ids.)
            waitlist.scan();
            List<PortalMessage> seen = new ArrayList<>(texts.await(PortalMessage.class,
                    m -> m.kind().equals(PortalMessage.WAITLIST_OFFER), 2, Duration.ofSeconds(20)));
            waitlist.scan();
            texts.drain(Duration.ofSeconds(4)).stream().filter(e -> e instanceof PortalMessage m
                    && m.kind().equals(PortalMessage.WAITLIST_OFFER)).forEach(e -> seen.add((PortalMessage) e));
            offers = distinct(seen);
        }
        assertEquals(2, offers.size(), "offered to both waitlisted customers");
        offers.forEach(o -> assertEquals(Instant.parse(TUE_8), o.windowStart()));
        String offer = given().header(PortalResource.LINK_HEADER, first).get("/portal/api/manage").then()
                .statusCode(200).body("waitlist", equalTo("OFFERED")).body("offers.size()", equalTo(1))
                .extract().path("offers[0].id");

        try (EventProbe texts = EventProbe.atEnd(Topics.PORTAL_MESSAGES)) {
            given().header(PortalResource.LINK_HEADER, second).post("/portal/api/manage/offers/" + offer + "/accept")
                    .then().statusCode(200).body("windowStart", equalTo(TUE_8)).body("waitlist", equalTo("FILLED"));
            given().header(PortalResource.LINK_HEADER, first).post("/portal/api/manage/offers/" + offer + "/accept")
                    .then().statusCode(409).body("message", containsString("someone else took"));
            PortalMessage taken = texts.await(PortalMessage.class,
                    m -> m.kind().equals(PortalMessage.WAITLIST_TAKEN), 1, Duration.ofSeconds(20)).getFirst();
            assertTrue(taken.link().contains("/manage/#"), taken.link());
        }
        given().header(PortalResource.LINK_HEADER, first).get("/portal/api/manage").then().statusCode(200)
                .body("windowStart", equalTo(WED_8)).body("waitlist", equalTo("WAITING"));
        assertEquals(1, count("select count(*) from portal_offer where id = '" + offer + "' and filled_by is not "
                + "null"));
        waitlist.scan();
        assertEquals(1, count(offersHere), "the filled window is not offered again");
    }

    @Test
    void aVisitNobodyWasHomeForIsCountedAndBookedAgainFromTheSameLink() throws Exception {
        GeoPoint place = f.addresses.get(27);
        territory("portal-n", place, f.addresses.get(28), TestCompany.WEEKDAYS);
        String token = bookOnline(place, PortalFixture.phone("+34600777"), TUE_8, TUE_12);
        String id = given().header(PortalResource.LINK_HEADER, token).get("/portal/api/manage").path("id");
        String technician = text("select technician_id from appointment where id = '" + id + "'");
        publisher.send(new VisitStatusChanged(Events.newId(), Instant.parse("2026-03-03T09:00:00Z"), 1, technician,
                UUID.fromString(id), VisitStatus.CANNOT_COMPLETE, "CUSTOMER_NOT_HOME", null,
                Instant.parse("2026-03-03T09:00:00Z"), Instant.parse("2026-03-03T09:00:01Z"), "test"))
                .get(10, TimeUnit.SECONDS);
        io.fieldcast.dispatch.Await.until(() -> "CUSTOMER_NOT_HOME".equals(text("select not_done_reason from "
                + "appointment where id = '" + id + "'")), "the no-show recorded");

        given().header(PortalResource.LINK_HEADER, token).get("/portal/api/manage").then().statusCode(200)
                .body("status", equalTo("CANNOT_COMPLETE")).body("missed", equalTo(true))
                .body("canRebook", equalTo(true));
        given().auth().oauth2(f.dispatcher).get("/api/plans/portal-n/" + TUESDAY + "/timeline").then()
                .statusCode(200).body("visits.find { it.appointmentId == '" + id + "' }.notDoneReason",
                        equalTo("CUSTOMER_NOT_HOME"))
                .body("visits.find { it.appointmentId == '" + id + "' }.channel", equalTo("portal"));
        given().header(PortalResource.LINK_HEADER, token).contentType("application/json")
                .body(Map.of("windowStart", WED_8, "windowEnd", WED_12)).post("/portal/api/manage/rebook")
                .then().statusCode(201).body("windowStart", equalTo(WED_8));
    }

    /** Books PORTAL_FIX at {@code place} through the portal; returns the manage token. */
    private String bookOnline(GeoPoint place, String phone, String start, String end) {
        return PortalFixture.bookOnline("PORTAL_FIX", Map.of("pets", "no"), place.lat(), place.lon(), phone, start,
                end);
    }

    private static List<PortalMessage> distinct(List<PortalMessage> messages) {
        Map<UUID, PortalMessage> byId = new LinkedHashMap<>();
        messages.forEach(m -> byId.putIfAbsent(m.eventId(), m));
        return List.copyOf(byId.values());
    }

    private String text(String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private long count(String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
