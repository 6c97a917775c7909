package io.fieldcast.platform.it;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.Events;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one consumer mechanism on a bad day: an event no retry can apply is parked after its attempts and the
 * partition moves on; a batch with one such event applies the others; a failure that passes is retried past the
 * attempt limit and parks nothing, while readiness says the consumer is failing; an admin lists what was parked and
 * replays it once the cause is fixed.
 */
@QuarkusTest
class ConsumerFailuresTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TokenIssuer tokens;
    @Inject
    EventPublisher publisher;
    @Inject
    AgroalDataSource db;
    @Inject
    SeenHandler seen;
    @Inject
    SeenBatchHandler batch;

    @Test
    void poisonEventIsParkedAfterItsAttemptsAndAnAdminReplaysItOnceFixed() throws Exception {
        UUID poison = UUID.randomUUID();
        seen.refuse(poison);
        var bad = canceled(poison);
        var after = canceled(UUID.randomUUID());
        publisher.send(bad).get(10, TimeUnit.SECONDS);
        publisher.send(after).get(10, TimeUnit.SECONDS);

        awaitRows("select count(*) from test_seen where seen_by = 'platform-test.seen' and appointment_id = '"
                + after.appointmentId() + "'", 1);
        ConsumerRecord<String, byte[]> parked = awaitParked(poison, "platform-test.seen");
        assertEquals("5", header(parked, "dlq-attempts"));
        assertTrue(header(parked, "dlq-error").contains("impossible content"), header(parked, "dlq-error"));
        assertTrue(new String(parked.value(), StandardCharsets.UTF_8).contains(bad.eventId().toString()));
        assertEquals(0, count("select count(*) from test_seen where seen_by = 'platform-test.seen' and event_id = '"
                + bad.eventId() + "'"));

        // The admin API lists it, with who parked it and why.
        String admin = tokens.forUser("admin-ann", Set.of(Roles.ADMIN)).token();
        JsonPath listed = given().auth().oauth2(admin).get("/api/admin/dead-letters/" + Topics.APPOINTMENTS)
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> rows = listed.getList("findAll { it.payload.contains('" + poison + "') }");
        assertEquals(1, rows.size(), listed.prettify());
        assertEquals("platform-test.seen", rows.getFirst().get("consumer"));
        given().auth().oauth2(tokens.forUser("ana", Set.of(Roles.DISPATCHER)).token())
                .get("/api/admin/dead-letters/" + Topics.APPOINTMENTS).then().statusCode(403);
        given().auth().oauth2(admin).get("/api/admin/dead-letters/no-such-topic").then().statusCode(404)
                .body("message", containsString("no-such-topic"));

        // Fixed: replayed, applied once, audited.
        seen.accept(poison);
        given().auth().oauth2(admin).post("/api/admin/dead-letters/" + Topics.APPOINTMENTS + "/"
                        + rows.getFirst().get("partition") + "/" + rows.getFirst().get("offset") + "/replay")
                .then().statusCode(202).body("from", containsString(Topics.dlq(Topics.APPOINTMENTS)));
        awaitRows("select count(*) from test_seen where seen_by = 'platform-test.seen' and event_id = '"
                + bad.eventId() + "'", 1);
        assertEquals(1, count("select count(*) from audit_log where entity_type = 'dead-letter' and action = 'replay'"
                + " and actor = 'admin-ann'"));
    }

    @Test
    void batchWithOnePoisonEventAppliesTheOthersAndParksOnlyIt() throws Exception {
        UUID poison = UUID.randomUUID();
        batch.refuse(poison);
        List<AppointmentCanceled> good = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            good.add(canceled(UUID.randomUUID()));
            if (i == 2) {
                publisher.send(canceled(poison));
            }
            publisher.send(good.getLast());
        }
        for (AppointmentCanceled e : good) {
            awaitRows("select count(*) from test_seen where seen_by = '" + SeenBatchHandler.GROUP
                    + "' and event_id = '" + e.eventId() + "'", 1);
        }
        ConsumerRecord<String, byte[]> parked = awaitParked(poison, SeenBatchHandler.GROUP);
        assertEquals("5", header(parked, "dlq-attempts"));
        assertEquals(0, count("select count(*) from test_seen where seen_by = '" + SeenBatchHandler.GROUP
                + "' and appointment_id = '" + poison + "'"));
        assertTrue(batch.largestBatch() >= 1);
    }

    @Test
    void failureThatPassesIsRetriedBeyondTheAttemptsParksNothingAndShowsInReadiness() throws Exception {
        seen.failNextTransiently(12); // at 50..400 ms back-off, about 4 s of a "database" that refuses connections
        var event = canceled(UUID.randomUUID());
        publisher.send(event).get(10, TimeUnit.SECONDS);

        awaitReadiness(503, "failing for");
        awaitRows("select count(*) from test_seen where seen_by = 'platform-test.seen' and event_id = '"
                + event.eventId() + "'", 1);
        awaitReadiness(200, "platform-test.seen");
        assertTrue(EventProbe.readRawToEnd(Topics.dlq(Topics.APPOINTMENTS)).stream()
                .noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(event.eventId().toString())),
                "a failure that passes parks nothing");
        given().auth().oauth2(tokens.forUser("admin-ann", Set.of(Roles.ADMIN)).token())
                .get("/api/admin/consumers").then().statusCode(200)
                .body("find { it.group == 'platform-test.seen' }.running", org.hamcrest.Matchers.equalTo(true));
    }

    private void awaitReadiness(int status, String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            var response = given().get("/q/health/ready");
            last = response.statusCode() + " " + response.asString();
            if (response.statusCode() == status && last.contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readiness never answered " + status + " with '" + text + "'; last: " + last);
    }

    private static ConsumerRecord<String, byte[]> awaitParked(UUID appointment, String consumer)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (var r : EventProbe.readRawToEnd(Topics.dlq(Topics.APPOINTMENTS))) {
                if (consumer.equals(header(r, "dlq-consumer"))
                        && new String(r.value(), StandardCharsets.UTF_8).contains(appointment.toString())) {
                    return r;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("nothing parked for " + appointment + " by " + consumer);
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static AppointmentCanceled canceled(UUID appointment) {
        return new AppointmentCanceled(Events.newId(), Instant.parse("2026-03-02T10:00:00Z"), 1, appointment,
                "test", "consumer failures");
    }

    private void awaitRows(String sql, long expected) throws Exception {
        TestRows.await(db, sql, expected, WAIT);
    }

    private long count(String sql) throws Exception {
        return TestRows.count(db, sql);
    }
}
