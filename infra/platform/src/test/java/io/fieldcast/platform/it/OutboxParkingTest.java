package io.fieldcast.platform.it;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.EventCodec;
import io.fieldcast.events.Events;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class OutboxParkingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Over the producer's 1 MiB max.request.size: the broker can never take it. */
    private static final int TOO_LARGE_CHARS = 1_100_000;

    @Inject
    TokenIssuer tokens;
    @Inject
    AgroalDataSource db;

    @Test
    void undecodableRowIsParkedAndTheRowsAfterItArePublishedThenRetriedOnceFixed() throws Exception {
        UUID poisonedEvent = UUID.randomUUID();
        AppointmentCanceled after = canceled(UUID.randomUUID(), "after the poison");
        long poisoned;
        try (EventProbe probe = EventProbe.atEnd(Topics.APPOINTMENTS)) {
            // One transaction, so the relay reads both in one round, the poisoned row first.
            List<Long> ids = insert(new Pending(poisonedEvent, "{\"type\":\"AppointmentCanceled\",\"eventId\":"),
                    new Pending(after.eventId(), EventCodec.encodeToString(after)));
            poisoned = ids.getFirst();

            assertEquals(1, probe.await(AppointmentCanceled.class, e -> e.eventId().equals(after.eventId()), 1, WAIT)
                    .size(), "the row after the poisoned one was published");
            assertNotNull(parkReason(poisoned));
            assertTrue(parkReason(poisoned).contains("undecodable"), parkReason(poisoned));
            given().auth().oauth2(admin()).get("/api/admin/outbox/parked").then().statusCode(200)
                    .body("id", hasItem((int) poisoned))
                    .body("find { it.id == " + poisoned + " }.reason", containsString("undecodable"))
                    .body("find { it.id == " + poisoned + " }.eventType", equalTo("AppointmentCanceled"));

            // The fix: the row gets the payload it should have had; an admin puts it back in line.
            AppointmentCanceled fixed = new AppointmentCanceled(poisonedEvent, Instant.parse("2026-03-02T10:00:00Z"),
                    1, UUID.randomUUID(), "test", "fixed by hand");
            execute("update outbox set payload = '" + EventCodec.encodeToString(fixed) + "' where id = " + poisoned);
            given().auth().oauth2(admin()).post("/api/admin/outbox/" + poisoned + "/retry").then().statusCode(200)
                    .body("status", equalTo("queued"));

            assertEquals(1, probe.await(AppointmentCanceled.class, e -> e.eventId().equals(poisonedEvent), 1, WAIT)
                    .size(), "the fixed row was published after the retry");
        }
        given().auth().oauth2(admin()).get("/api/admin/outbox/parked").then().statusCode(200)
                .body("id", not(hasItem((int) poisoned)));
        assertEquals(1, count("select count(*) from audit_log where entity_type = 'outbox' and entity_id = '"
                + poisoned + "' and action = 'UNPARKED' and actor = 'admin-ops'"));
    }

    @Test
    void recordTooLargeForTheBrokerIsParkedAndTheRowsAfterItArePublished() throws Exception {
        AppointmentCanceled huge = canceled(UUID.randomUUID(), "x".repeat(TOO_LARGE_CHARS));
        AppointmentCanceled after = canceled(UUID.randomUUID(), "after the huge one");
        try (EventProbe probe = EventProbe.atEnd(Topics.APPOINTMENTS)) {
            List<Long> ids = insert(new Pending(huge.eventId(), EventCodec.encodeToString(huge)),
                    new Pending(after.eventId(), EventCodec.encodeToString(after)));
            assertEquals(1, probe.await(AppointmentCanceled.class, e -> e.eventId().equals(after.eventId()), 1, WAIT)
                    .size());
            assertTrue(String.valueOf(parkReason(ids.getFirst())).contains("too large"), parkReason(ids.getFirst()));
        }
    }

    @Test
    void parkedRowsAreForAdminsAndRetryNamesWhatIsWrong() throws Exception {
        String dispatcher = tokens.forUser("dispatcher-ana", Set.of(Roles.DISPATCHER)).token();
        given().auth().oauth2(dispatcher).get("/api/admin/outbox/parked").then().statusCode(403);
        given().auth().oauth2(dispatcher).post("/api/admin/outbox/1/retry").then().statusCode(403);
        given().auth().oauth2(admin()).post("/api/admin/outbox/999999999/retry").then().statusCode(404);
        AppointmentCanceled fine = canceled(UUID.randomUUID(), "nothing wrong");
        long id = insert(new Pending(fine.eventId(), EventCodec.encodeToString(fine))).getFirst();
        given().auth().oauth2(admin()).post("/api/admin/outbox/" + id + "/retry").then().statusCode(409)
                .body("message", containsString("not parked"));
    }

    private record Pending(UUID eventId, String payload) {
    }

    private List<Long> insert(Pending... rows) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            List<Long> ids = new java.util.ArrayList<>();
            for (Pending row : rows) {
                try (PreparedStatement ps = c.prepareStatement("insert into outbox (event_id, topic, msg_key, "
                        + "event_type, payload, occurred_at) values (?, ?, ?, 'AppointmentCanceled', ?, now()) "
                        + "returning id")) {
                    ps.setObject(1, row.eventId());
                    ps.setString(2, Topics.APPOINTMENTS);
                    ps.setString(3, row.eventId().toString());
                    ps.setString(4, row.payload());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        ids.add(rs.getLong(1));
                    }
                }
            }
            c.commit();
            return ids;
        }
    }

    private String parkReason(long id) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = db.getConnection();
                 PreparedStatement ps = c.prepareStatement("select park_reason from outbox where id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getString(1) != null) {
                        return rs.getString(1);
                    }
                }
            }
            Thread.sleep(100);
        }
        return null;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private AppointmentCanceled canceled(UUID appointment, String reason) {
        return new AppointmentCanceled(Events.newId(), Instant.parse("2026-03-02T10:00:00Z"), 1, appointment,
                "test", reason);
    }

    private String admin() {
        return tokens.forUser("admin-ops", Set.of(Roles.ADMIN)).token();
    }
}
