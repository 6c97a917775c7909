package io.fieldcast.dispatch.privacy;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.dispatch.booking.PersonalDataRetention;
import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.events.AppointmentBooked;
import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.CustomerForgotten;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.privacy.PrivacySettings;
import io.fieldcast.testing.EventProbe;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Forget this customer" against the real database and broker: who may, when it is refused, what it erases and keeps,
 * what the audit row holds, the event it tells; and the retention pass on old and young rows.
 */
@QuarkusTest
class ForgetCustomerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TestCompanies companies;
    @Inject
    AgroalDataSource db;
    @Inject
    PersonalDataRetention retention;
    @Inject
    PrivacySettings settings;
    @Inject
    TestClock clock;

    private record Booked(String appointment, String customer) {
    }

    private static Booked book(TestCompany f, String tag, String name, String phone) {
        var at = f.addresses.get(3);
        String body = """
                {"customer":{"name":"%s","phone":"%s","email":"%s@example.org"},
                 "address":"7 Secret Lane %s","lat":%s,"lon":%s,"jobType":"REPAIR","notes":"gate code %s",
                 "windowStart":"2026-03-03T08:00:00Z","windowEnd":"2026-03-03T12:00:00Z","territoryId":"forget"}"""
                .formatted(name, phone, tag, tag, at.lat(), at.lon(), tag);
        var answer = given().auth().oauth2(f.dispatcher).contentType("application/json").body(body)
                .post("/api/appointments").then().statusCode(201).extract();
        return new Booked(answer.path("id"), answer.path("customerId"));
    }

    @Test
    void forgetRefusesOpenVisitsThenErasesAuditsWithoutTheDataAndTellsEveryService() throws Exception {
        TestCompany f = companies.create("forget");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String phone = "+1212555" + (1000 + Math.abs(tag.hashCode() % 9000));
        String name = "Wanda Forgetme" + tag;
        Booked booked;
        try (EventProbe appointments = EventProbe.atEnd(Topics.APPOINTMENTS)) {
            booked = book(f, tag, name, phone);
            // Published, so the outbox holds a sent row with the contact in it.
            appointments.await(AppointmentBooked.class, b -> b.appointmentId().toString().equals(booked.appointment()),
                    1, WAIT);
        }
        // A search for the phone is audited by its hash only.
        given().auth().oauth2(f.dispatcher).queryParam("q", phone).get("/api/customers").then().statusCode(200)
                .body("id", hasItem(booked.customer()));
        String forget = "/api/admin/customers/" + booked.customer() + "/forget";
        String reason = "{\"reason\":\"erasure request T-" + tag + "\"}";

        given().auth().oauth2(f.dispatcher).contentType("application/json").body(reason).post(forget).then()
                .statusCode(403);
        given().auth().oauth2(f.admin).contentType("application/json").body(reason)
                .post("/api/admin/customers/" + UUID.randomUUID() + "/forget").then().statusCode(404);
        given().auth().oauth2(f.admin).contentType("application/json").body("{\"reason\":\" \"}").post(forget).then()
                .statusCode(400).body(containsString("reason"));
        given().auth().oauth2(f.admin).contentType("application/json").body(reason).post(forget).then()
                .statusCode(409).body("message", containsString(booked.appointment()))
                .body("message", containsString("cancelOpen=true"));
        assertEquals(1, count("select count(*) from customer where id = '" + booked.customer() + "' and phone = '"
                + phone + "'"), "a refusal changes nothing");

        try (EventProbe customers = EventProbe.atEnd(Topics.CUSTOMERS);
             EventProbe appointments = EventProbe.atEnd(Topics.APPOINTMENTS)) {
            given().auth().oauth2(f.admin).contentType("application/json").body(reason)
                    .queryParam("cancelOpen", true).post(forget).then().statusCode(200)
                    .body("appointmentIds", hasItem(booked.appointment()))
                    .body("canceled", hasItem(booked.appointment()));
            CustomerForgotten told = customers.await(CustomerForgotten.class,
                    e -> e.customerId().toString().equals(booked.customer()), 1, WAIT).getFirst();
            assertEquals(List.of(UUID.fromString(booked.appointment())), told.appointmentIds());
            assertEquals("root", told.forgottenBy());
            appointments.await(AppointmentCanceled.class,
                    e -> e.appointmentId().toString().equals(booked.appointment()), 1, WAIT);
        }

        // Erased, the rows kept with what reports count.
        given().auth().oauth2(f.dispatcher).get("/api/appointments/" + booked.appointment()).then().statusCode(200)
                .body("status", equalTo("CANCELED")).body("address", equalTo("")).body("notes", nullValue())
                .body("jobType", equalTo("REPAIR")).body("territoryId", equalTo("forget"));
        assertEquals(1, count("select count(*) from customer where id = '" + booked.customer()
                + "' and name = '' and phone = '' and email is null and address = '' and forgotten_at is not null"));
        given().auth().oauth2(f.dispatcher).queryParam("q", phone).get("/api/customers").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(hasItem(booked.customer())));

        // Audited once, with the admin's reason, and no audit row anywhere holds the phone, name, address or notes.
        given().auth().oauth2(f.admin).queryParam("entity", "customer").queryParam("id", booked.customer())
                .get("/api/audit").then().statusCode(200)
                .body("action", hasItem("FORGOTTEN")).body("actor", hasItem("root"))
                .body("reason", hasItem("erasure request T-" + tag));
        for (String personal : List.of(phone, name, "Secret Lane " + tag, "gate code " + tag, tag + "@example")) {
            assertEquals(0, count("select count(*) from audit_log where concat(entity_id, reason, before_json, "
                    + "after_json) like '%" + personal + "%'"), "an audit row holds " + personal);
            assertEquals(0, count("select count(*) from outbox where published_at is not null and payload like '%"
                    + personal + "%'"), "a published outbox row still holds " + personal);
        }
        // The search for the phone is still on record, found by the term without the table holding it.
        given().auth().oauth2(f.admin).queryParam("entity", "customer").queryParam("id", "search:" + phone)
                .get("/api/audit").then().statusCode(200).body("action", hasItem("SEARCHED"));

        given().auth().oauth2(f.admin).contentType("application/json").body(reason).post(forget).then()
                .statusCode(409).body("message", containsString("already forgotten"));
        String again = f.bookingJson(f.addresses.get(4), "REPAIR", "2026-03-03T12:00:00Z", "2026-03-03T16:00:00Z",
                "forget").replaceFirst("\"customer\":\\{[^}]*}", "\"customerId\":\"" + booked.customer() + "\"");
        given().auth().oauth2(f.dispatcher).contentType("application/json").body(again).post("/api/appointments")
                .then().statusCode(400).body(containsString("forgotten"));
    }

    @Test
    void retentionAnonymizesOldFinishedVisitsAndIdleCustomersAndLeavesYoungOnes() throws Exception {
        companies.create("retain");
        Instant now = clock.instant();
        UUID idle = customer("Olga Idle", "+10000000001", now.minus(Duration.ofDays(900)));
        UUID oldVisit = appointment(idle, now.minus(Duration.ofDays(500)), "COMPLETED", "old note");
        UUID active = customer("Yuri Young", "+10000000002", now.minus(Duration.ofDays(900)));
        UUID seasonVisit = appointment(active, now.minus(Duration.ofDays(120)), "COMPLETED", "season note");
        UUID recentVisit = appointment(active, now.minus(Duration.ofDays(10)), "CANCELED", "recent note");

        assertTrue(retention.run(now, settings) >= 4, "old notes, old places and the idle customer");

        assertEquals(1, count("select count(*) from customer where id = '" + idle + "' and name = '' and phone = ''"
                + " and forgotten_at is not null"), "idle customer erased");
        assertEquals(1, count("select count(*) from appointment where id = '" + oldVisit + "' and address = ''"
                + " and notes is null and erased_at is not null and lat = round(cast(lat as numeric), 2)"));
        assertEquals(1, count("select count(*) from customer where id = '" + active + "' and name = 'Yuri Young'"
                + " and forgotten_at is null"), "a customer with a visit this year is kept");
        assertEquals(1, count("select count(*) from appointment where id = '" + seasonVisit + "' and notes is null"
                + " and address = '1 Kept Road' and erased_at is null"),
                "past 90 days the notes go, the address stays");
        assertEquals(1, count("select count(*) from appointment where id = '" + recentVisit
                + "' and notes = 'recent note'"), "young notes stay");
        assertEquals(3, count("select count(*) from appointment where customer_id in ('" + idle + "', '" + active
                + "')"), "no row is deleted: reports still count the visits");
        assertEquals(0, retention.run(now, settings), "a second pass has nothing left to do");
    }

    private UUID customer(String name, String phone, Instant created) throws SQLException {
        UUID id = UUID.randomUUID();
        try (var c = db.getConnection(); var st = c.prepareStatement("""
                insert into customer (id, name, phone, email, address, lat, lon, created_at)
                values (?, ?, ?, 'x@example.org', '1 Kept Road', 40.123456, -3.654321, ?)""")) {
            st.setObject(1, id);
            st.setString(2, name);
            st.setString(3, phone);
            st.setTimestamp(4, Timestamp.from(created));
            st.executeUpdate();
        }
        return id;
    }

    private UUID appointment(UUID customer, Instant windowEnd, String status, String notes) throws SQLException {
        UUID id = UUID.randomUUID();
        try (var c = db.getConnection(); var st = c.prepareStatement("""
                insert into appointment (id, customer_id, territory_id, job_type, address, lat, lon, service_date,
                                         window_start, window_end, duration_min, status, notes, created_at,
                                         updated_at)
                values (?, ?, 'retain', 'REPAIR', '1 Kept Road', 40.123456, -3.654321, ?, ?, ?, 60, ?, ?, ?, ?)""")) {
            Timestamp end = Timestamp.from(windowEnd);
            st.setObject(1, id);
            st.setObject(2, customer);
            st.setObject(3, windowEnd.atZone(java.time.ZoneOffset.UTC).toLocalDate());
            st.setTimestamp(4, Timestamp.from(windowEnd.minus(Duration.ofHours(4))));
            st.setTimestamp(5, end);
            st.setString(6, status);
            st.setString(7, notes);
            st.setTimestamp(8, end);
            st.setTimestamp(9, end);
            st.executeUpdate();
        }
        return id;
    }

    private long count(String sql) throws SQLException {
        try (var c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
