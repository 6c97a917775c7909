package io.fieldcast.dispatch.booking;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.platform.idempotency.IdempotencyPurge;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client retrying after a timeout, with an Idempotency-Key: never two bookings, moves or cancellations. */
@QuarkusTest
class IdempotentWritesTest {

    private static final String TERRITORY = "idem";
    private static final String KEY_HEADER = "Idempotency-Key";
    /** Simultaneous copies of one request, as a client with an aggressive retry timer sends them. */
    private static final int PARALLEL = 10;

    @Inject
    TestCompanies companies;
    @Inject
    TokenIssuer tokens;
    @Inject
    AgroalDataSource db;
    @Inject
    TestClock clock;
    @Inject
    IdempotencyPurge purge;
    @TestHTTPResource("/api/appointments")
    URL appointments;

    TestCompany f;

    @BeforeEach
    void company() {
        clock.set(TestClock.MONDAY_6AM);
        f = companies.empty();
        f.jobTypes();
        f.territory(TERRITORY, 0);
        f.technician("idem-a", TERRITORY, f.addresses.get(2), Map.of(), TestCompany.WEEKDAYS);
        f.technician("idem-b", TERRITORY, f.addresses.get(3), Map.of(), TestCompany.WEEKDAYS);
    }

    @AfterEach
    void resetClock() {
        clock.set(TestClock.MONDAY_6AM);
    }

    @Test
    void retriedBookingReturnsTheSameAppointmentAndBooksAndPublishesOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String note = "retried-" + key;
        Response first = book(f.dispatcher, key, booking(note, "2026-03-03T08:00:00Z"));
        first.then().statusCode(201);
        Response retry = book(f.dispatcher, key, booking(note, "2026-03-03T08:00:00Z"));

        retry.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"));
        assertEquals(first.asString(), retry.asString(), "the stored answer, byte for byte");
        String id = first.path("id");
        assertEquals(1, count("select count(*) from appointment where notes = '" + note + "'"));
        assertEquals(1, count("select count(*) from outbox where event_type = 'AppointmentBooked' and payload like '%"
                + id + "%'"));
        assertNull(first.header("Idempotent-Replayed"), "the first answer is no replay");
    }

    @Test
    void tenSimultaneousCopiesOfOneBookingBookOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String note = "parallel-" + key;
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create(appointments.toString()))
                    .header("Authorization", "Bearer " + f.dispatcher)
                    .header("Content-Type", "application/json")
                    .header(KEY_HEADER, key)
                    .POST(HttpRequest.BodyPublishers.ofString(booking(note, "2026-03-04T08:00:00Z")))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> bodies = new HashSet<>();
        int created = 0;
        for (var call : calls) {
            HttpResponse<String> response = call.join();
            if (response.statusCode() == 201) {
                created++;
                bodies.add(response.body());
            } else {
                assertEquals(409, response.statusCode(), response.body());
                assertTrue(response.body().contains("in progress"), response.body());
            }
        }
        assertTrue(created >= 1, "the first copy booked");
        assertEquals(1, bodies.size(), "every 201 is the same answer: " + bodies);
        assertEquals(1, count("select count(*) from appointment where notes = '" + note + "'"));
        // Once the first has answered, a late copy gets that answer too.
        book(f.dispatcher, key, booking(note, "2026-03-04T08:00:00Z")).then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(JsonPath.from(bodies.iterator().next()).getString("id")));
    }

    @Test
    void copyWhileTheFirstStillRunsIs409AndAFirstAttemptThatDiedIsTakenOverByARetry() throws Exception {
        String note = "died-" + UUID.randomUUID();
        String body = booking(note, "2026-03-05T12:00:00Z");
        String answered = UUID.randomUUID().toString();
        book(f.dispatcher, answered, body).then().statusCode(201);
        // A first attempt with another key, for the same request, that holds its claim and has not answered.
        String running = UUID.randomUUID().toString();
        execute("insert into idempotency_key (operation, caller, idem_key, fingerprint, claim, created_at, claimed_at) "
                + "select operation, caller, '" + running + "', fingerprint, gen_random_uuid(), created_at, created_at "
                + "from idempotency_key where idem_key = '" + answered + "'");

        book(f.dispatcher, running, body).then().statusCode(409).body("error", equalTo("request_in_progress"));
        assertEquals(1, count("select count(*) from appointment where notes = '" + note + "'"));

        // Past the in-progress timeout (5 minutes) the first attempt counts as dead: the retry runs instead.
        clock.advance(Duration.ofMinutes(6));
        book(f.dispatcher, running, body).then().statusCode(201);
        assertEquals(2, count("select count(*) from appointment where notes = '" + note + "'"));
        book(f.dispatcher, running, body).then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void sameKeyWithAnotherRequestIs422() throws Exception {
        String key = UUID.randomUUID().toString();
        String note = "other-" + key;
        book(f.dispatcher, key, booking(note, "2026-03-03T12:00:00Z")).then().statusCode(201);
        book(f.dispatcher, key, booking(note, "2026-03-03T16:00:00Z")).then().statusCode(422)
                .body("error", equalTo("idempotency_key_reused"))
                .body("message", containsString("another request"));
        assertEquals(1, count("select count(*) from appointment where notes = '" + note + "'"));
    }

    @Test
    void badKeyIs400NamingTheHeader() {
        for (String key : new String[] {"", "has space", "k".repeat(256), "clé"}) {
            book(f.dispatcher, key, booking("bad-key", "2026-03-03T08:00:00Z")).then().statusCode(400)
                    .body("fields.field", hasItem(KEY_HEADER));
        }
    }

    @Test
    void clientMistakeIsNotStoredSoTheCorrectedRequestRunsWithTheSameKey() throws Exception {
        String key = UUID.randomUUID().toString();
        String note = "corrected-" + key;
        book(f.dispatcher, key, booking(note, "2026-02-27T08:00:00Z")).then().statusCode(400)
                .body("fields.field", hasItem("windowStart"));
        book(f.dispatcher, key, booking(note, "2026-03-05T08:00:00Z")).then().statusCode(201);
        assertEquals(1, count("select count(*) from appointment where notes = '" + note + "'"));
    }

    @Test
    void keysArePerCallerSoTwoDispatchersNeverCollide() throws Exception {
        String key = UUID.randomUUID().toString();
        String note = "two-callers-" + key;
        String ivan = tokens.forUser("ivan", Set.of(Roles.DISPATCHER)).token();
        String dana = book(f.dispatcher, key, booking(note, "2026-03-05T12:00:00Z")).then().statusCode(201)
                .extract().path("id");
        Response ivans = book(ivan, key, booking(note, "2026-03-05T12:00:00Z"));
        ivans.then().statusCode(201);
        assertNull(ivans.header("Idempotent-Replayed"));
        assertNotEquals(dana, ivans.path("id"));
        assertEquals(2, count("select count(*) from appointment where notes = '" + note + "'"));
    }

    @Test
    void retriedRescheduleAndCancelHappenOnce() throws Exception {
        String id = book(f.dispatcher, null, booking("move-" + UUID.randomUUID(), "2026-03-06T08:00:00Z"))
                .then().statusCode(201).extract().path("id");
        String move = UUID.randomUUID().toString();
        String window = "{\"windowStart\":\"2026-03-06T12:00:00Z\",\"windowEnd\":\"2026-03-06T16:00:00Z\","
                + "\"reason\":\"retried move\"}";
        Response moved = write(move, window).put("/api/appointments/" + id + "/window");
        moved.then().statusCode(200).body("windowStart", equalTo("2026-03-06T12:00:00Z"));
        Response movedAgain = write(move, window).put("/api/appointments/" + id + "/window");
        movedAgain.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(moved.asString(), movedAgain.asString());

        String cancel = UUID.randomUUID().toString();
        write(cancel, "{\"reason\":\"retried cancel\"}").post("/api/appointments/" + id + "/cancel").then()
                .statusCode(200).body("status", equalTo("CANCELED"));
        // Without the key this second cancel would be 409 (no longer open): with it, the first answer again.
        write(cancel, "{\"reason\":\"retried cancel\"}").post("/api/appointments/" + id + "/cancel").then()
                .statusCode(200).header("Idempotent-Replayed", "true").body("status", equalTo("CANCELED"));

        assertEquals(1, count("select count(*) from outbox where event_type = 'AppointmentRescheduled' "
                + "and payload like '%" + id + "%'"));
        assertEquals(1, count("select count(*) from outbox where event_type = 'AppointmentCanceled' "
                + "and payload like '%" + id + "%'"));
        assertEquals(1, count("select count(*) from audit_log where entity_id = '" + id + "' and action = 'CANCELED'"));
    }

    @Test
    void keyExpiresAfterItsRetentionOnTheServiceClockAndIsPurged() throws Exception {
        String key = UUID.randomUUID().toString();
        String note = "expiring-" + key;
        book(f.dispatcher, key, booking(note, "2026-03-06T12:00:00Z")).then().statusCode(201);

        clock.advance(Duration.ofHours(23));
        book(f.dispatcher, key, booking(note, "2026-03-06T08:00:00Z")).then().statusCode(422);
        purge.purge();
        assertEquals(1, count("select count(*) from idempotency_key where idem_key = '" + key + "'"),
                "23 hours on, the key is kept");

        clock.advance(Duration.ofHours(2));
        purge.purge();
        assertEquals(0, count("select count(*) from idempotency_key where idem_key = '" + key + "'"),
                "25 hours on, the key is gone");
        book(f.dispatcher, key, booking(note, "2026-03-06T08:00:00Z")).then().statusCode(201);
    }

    @Test
    void openApiDocumentsTheHeader() {
        given().auth().oauth2(f.dispatcher).get("/q/openapi").then().statusCode(200).body(containsString(KEY_HEADER))
                .body(containsString("Idempotent-Replayed"));
    }

    private String booking(String note, String windowStart) {
        String end = Instant.parse(windowStart).plus(Duration.ofHours(4)).toString();
        return f.bookingJson(f.addresses.get(40), "REPAIR", windowStart, end, TERRITORY)
                .replace("\"address\"", "\"notes\":\"" + note + "\",\"address\"");
    }

    private Response book(String token, String key, String body) {
        var request = given().auth().oauth2(token).contentType("application/json").body(body);
        return (key == null ? request : request.header(KEY_HEADER, key)).post("/api/appointments");
    }

    private RequestSpecification write(String key, String body) {
        return given().auth().oauth2(f.dispatcher).contentType("application/json").header(KEY_HEADER, key)
                .body(body);
    }

    private void execute(String sql) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
