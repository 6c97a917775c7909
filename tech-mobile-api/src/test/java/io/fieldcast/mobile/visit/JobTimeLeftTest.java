package io.fieldcast.mobile.visit;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.events.JobTimeLeft;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.Topics;
import io.fieldcast.mobile.Fixtures;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.fieldcast.mobile.Fixtures.DAY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code POST /api/me/visits/{id}/time-left}: taken only while the visit is on site, stored and published as one
 * {@link JobTimeLeft} in the same transaction, idempotent by the phone's client id.
 */
@QuarkusTest
class JobTimeLeftTest {

    @Inject
    EventPublisher publisher;
    @Inject
    TokenIssuer tokens;
    @Inject
    AgroalDataSource db;

    private String tech;
    private String token;
    private UUID first;
    private UUID second;

    @BeforeEach
    void publishRoute() throws Exception {
        tech = Fixtures.uniqueTechnician();
        token = tokens.forTechnician(tech, "phone").token();
        RoutePlanned route = Fixtures.route(tech, DAY, 1, 3);
        first = route.visits().getFirst().appointmentId();
        second = route.visits().get(1).appointmentId();
        Fixtures.publishAndAwait(publisher, token, route);
    }

    @Test
    void onSiteReadIsStoredAndPublishedOnceWithMinutesDeviceTimeAndTechnician() throws Exception {
        arrive(first);
        Instant said = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
        try (EventProbe probe = EventProbe.atEnd(Topics.VISIT_STATUS)) {
            String eventId = timeLeft(first, 45, said, "t1").statusCode(200)
                    .body("appointmentId", equalTo(first.toString()))
                    .body("minutesLeft", equalTo(45))
                    .body("deviceTime", equalTo(said.toString()))
                    .body("expectedEnd", equalTo(said.plus(Duration.ofMinutes(45)).toString()))
                    .body("clientId", equalTo("t1"))
                    .extract().path("eventId");

            List<JobTimeLeft> events = probe.await(JobTimeLeft.class, e -> e.technicianId().equals(tech), 1,
                    Duration.ofSeconds(20));
            JobTimeLeft event = events.getFirst();
            assertEquals(eventId, event.eventId().toString());
            assertEquals(tech, event.technicianId());
            assertEquals(first, event.appointmentId());
            assertEquals(45, event.minutesLeft());
            assertEquals(said, event.deviceTime());
            assertEquals("t1", event.clientId());
            assertEquals(tech, event.key());
            assertEquals(1, mine(probe), "exactly once");
        }
        assertEquals(1, count("select count(*) from job_time_left where technician_id = '" + tech
                + "' and client_id = 't1' and appointment_id = '" + first + "' and minutes_left = 45"
                + " and device_time = '" + said + "'"));
    }

    @Test
    void replayWithTheSameClientIdAnswersTheSameAndPublishesNothingNew() throws Exception {
        arrive(first);
        Instant now = Instant.now();
        try (EventProbe probe = EventProbe.atEnd(Topics.VISIT_STATUS)) {
            String eventId = timeLeft(first, 30, now, "same").statusCode(200).extract().path("eventId");
            timeLeft(first, 30, now, "same").statusCode(200).body("eventId", equalTo(eventId))
                    .body("minutesLeft", equalTo(30));

            probe.await(JobTimeLeft.class, e -> e.technicianId().equals(tech), 1, Duration.ofSeconds(20));
            assertEquals(1, mine(probe), "the replay published nothing new");
        }
        assertEquals(1, count("select count(*) from job_time_left where technician_id = '" + tech + "'"));
    }

    @Test
    void replayIsAnsweredAlsoOnceTheVisitIsDone() {
        arrive(first);
        String eventId = timeLeft(first, 15, Instant.now(), "before-done").statusCode(200).extract().path("eventId");
        status(first, "COMPLETED", "done");
        // The phone lost the answer and replays after "done": the stored read, not a 409.
        timeLeft(first, 15, Instant.now(), "before-done").statusCode(200).body("eventId", equalTo(eventId));
    }

    @Test
    void aNewerReadOfTheSameVisitIsStoredBesideTheOlder() throws Exception {
        arrive(first);
        timeLeft(first, 60, Instant.now().minusSeconds(600), "r1").statusCode(200);
        timeLeft(first, 15, Instant.now(), "r2").statusCode(200);
        assertEquals(2, count("select count(*) from job_time_left where appointment_id = '" + first + "'"));
    }

    @Test
    void clientIdReusedForOtherMinutesOrAnotherVisitIs409() {
        arrive(first);
        timeLeft(first, 30, Instant.now(), "dup").statusCode(200);
        timeLeft(first, 45, Instant.now(), "dup").statusCode(409).body("message", containsString("already used"));
        timeLeft(second, 30, Instant.now(), "dup").statusCode(409).body("message", containsString("already used"));
    }

    @Test
    void minutesOutOfRangeOrMissingFieldsAre400NamingTheField() {
        arrive(first);
        timeLeft(first, 0, Instant.now(), "z").statusCode(400)
                .body("fields.field", hasItem("minutesLeft"))
                .body("message", containsString("minutesLeft must be between 1 and 480"));
        timeLeft(first, 481, Instant.now(), "big").statusCode(400)
                .body("fields.field", hasItem("minutesLeft"))
                .body("message", containsString("minutesLeft"));
        post(first, "{\"minutesLeft\":30,\"clientId\":\"no-time\"}").statusCode(400)
                .body("fields.field", hasItem("deviceTime"))
                .body("message", containsString("deviceTime"));
        post(first, "{\"deviceTime\":\"" + Instant.now() + "\",\"clientId\":\"no-minutes\"}").statusCode(400)
                .body("fields.field", hasItem("minutesLeft"));
        post(first, "{\"minutesLeft\":30,\"deviceTime\":\"" + Instant.now() + "\"}").statusCode(400)
                .body("fields.field", hasItem("clientId"));
        timeLeft(first, 30, Instant.now().plus(Duration.ofDays(1)), "future").statusCode(400)
                .body("fields[0].field", equalTo("deviceTime"));
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"minutesLeft\":30,\"clientId\":\"c\",\"deviceTime\":\"" + Instant.now() + "\"}")
                .post("/api/me/visits/not-a-uuid/time-left").then().statusCode(400)
                .body("fields[0].field", equalTo("appointmentId"));
    }

    @Test
    void beforeArrivingOrAfterTheVisitIsDoneIs409SayingTheStatus() throws Exception {
        timeLeft(first, 30, Instant.now(), "planned").statusCode(409)
                .body("message", containsString("PLANNED"))
                .body("message", containsString("only taken while on site"))
                .body("details.current", equalTo("PLANNED"));
        status(first, "EN_ROUTE", "s1");
        timeLeft(first, 30, Instant.now(), "en-route").statusCode(409)
                .body("message", containsString("EN_ROUTE"))
                .body("details.current", equalTo("EN_ROUTE"));
        status(first, "ARRIVED", "s2");
        status(first, "COMPLETED", "s3");
        timeLeft(first, 30, Instant.now(), "completed").statusCode(409)
                .body("message", containsString("COMPLETED"))
                .body("message", containsString("only taken while on site"));
        assertEquals(0, count("select count(*) from job_time_left where technician_id = '" + tech + "'"));
    }

    @Test
    void visitOfAnotherTechniciansRouteIs404NotRevealingIt() throws Exception {
        arrive(first);
        String other = Fixtures.uniqueTechnician();
        String otherToken = tokens.forTechnician(other, "phone").token();
        Fixtures.publishAndAwait(publisher, otherToken, Fixtures.route(other, DAY, 1, 1));

        given().auth().oauth2(otherToken).contentType("application/json")
                .body("{\"minutesLeft\":30,\"clientId\":\"x1\",\"deviceTime\":\"" + Instant.now() + "\"}")
                .post("/api/me/visits/" + first + "/time-left").then().statusCode(404)
                .body("message", containsString("not on your route"));
        timeLeft(UUID.randomUUID(), 30, Instant.now(), "x2").statusCode(404);
    }

    private void arrive(UUID appointment) {
        status(appointment, "EN_ROUTE", "go-" + appointment);
        status(appointment, "ARRIVED", "at-" + appointment);
    }

    private void status(UUID appointment, String status, String clientId) {
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"status\":\"" + status + "\",\"clientId\":\"" + clientId + "\",\"deviceTime\":\""
                        + Instant.now() + "\"}")
                .post("/api/me/visits/" + appointment + "/status").then().statusCode(200);
    }

    private ValidatableResponse timeLeft(UUID appointment, int minutes, Instant at, String clientId) {
        return post(appointment, "{\"minutesLeft\":" + minutes + ",\"clientId\":\"" + clientId
                + "\",\"deviceTime\":\"" + at + "\"}");
    }

    private ValidatableResponse post(UUID appointment, String body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .post("/api/me/visits/" + appointment + "/time-left").then();
    }

    /** This technician's JobTimeLeft events the probe has seen, after waiting two seconds for any more. */
    private long mine(EventProbe probe) {
        return probe.drain(Duration.ofSeconds(2)).stream()
                .filter(e -> e instanceof JobTimeLeft t && t.technicianId().equals(tech)).count();
    }

    private long count(String sql) throws SQLException {
        try (var c = db.getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
