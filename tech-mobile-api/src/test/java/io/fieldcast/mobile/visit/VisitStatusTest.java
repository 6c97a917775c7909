package io.fieldcast.mobile.visit;

import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.Topics;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.mobile.Fixtures;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.fieldcast.mobile.Fixtures.DAY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class VisitStatusTest {

    @Inject
    EventPublisher publisher;
    @Inject
    TokenIssuer tokens;
    @Inject
    AgroalDataSource db;

    private String tech;
    private String token;
    private RoutePlanned route;
    private UUID first;

    @BeforeEach
    void publishRoute() throws Exception {
        tech = Fixtures.uniqueTechnician();
        token = tokens.forTechnician(tech, "phone").token();
        route = Fixtures.route(tech, DAY, 1, 3);
        first = route.visits().getFirst().appointmentId();
        Fixtures.publishAndAwait(publisher, token, route);
    }

    @Test
    void fullHappyPathPublishesEachChangeOnceWithDeviceAndServerTime() throws Exception {
        try (EventProbe probe = EventProbe.atEnd(Topics.VISIT_STATUS)) {
            Instant tapped = Instant.now().minusSeconds(90).truncatedTo(ChronoUnit.SECONDS);
            post(first, "EN_ROUTE", null, "c1", tapped).statusCode(200)
                    .body("previousStatus", equalTo("PLANNED")).body("allowedNext", contains("ARRIVED",
                            "CANNOT_COMPLETE"));
            post(first, "ARRIVED", null, "c2", Instant.now()).statusCode(200);
            post(first, "COMPLETED", null, "c3", Instant.now()).statusCode(200).body("allowedNext.size()", equalTo(0));

            List<VisitStatusChanged> events = probe.await(VisitStatusChanged.class,
                    e -> e.technicianId().equals(tech), 3, Duration.ofSeconds(20));
            assertEquals(List.of(VisitStatus.EN_ROUTE, VisitStatus.ARRIVED, VisitStatus.COMPLETED),
                    events.stream().map(VisitStatusChanged::status).toList());
            VisitStatusChanged enRoute = events.getFirst();
            assertEquals(tapped, enRoute.deviceTime());
            assertEquals("c1", enRoute.clientId());
            assertEquals(first, enRoute.appointmentId());
            // Server time is the server's, not the phone's: the phone tapped 90 s before the request arrived.
            assertEquals(true, enRoute.receivedAt().isAfter(tapped.plusSeconds(60)));
        }
        given().auth().oauth2(token).queryParam("date", DAY.toString()).get("/api/me/route").then()
                .body("visits[0].status", equalTo("COMPLETED"));
    }

    @Test
    void retryWithSameClientIdGetsSameAnswerAndNoSecondEvent() throws Exception {
        try (EventProbe probe = EventProbe.atEnd(Topics.VISIT_STATUS)) {
            Instant now = Instant.now();
            String eventId = post(first, "EN_ROUTE", null, "same", now).statusCode(200).extract().path("eventId");
            post(first, "EN_ROUTE", null, "same", now).statusCode(200).body("eventId", equalTo(eventId))
                    .body("previousStatus", equalTo("PLANNED"));

            probe.await(VisitStatusChanged.class, e -> e.technicianId().equals(tech), 1, Duration.ofSeconds(20));
            long mine = probe.drain(Duration.ofSeconds(2)).stream()
                    .filter(e -> e instanceof VisitStatusChanged v && v.technicianId().equals(tech)).count();
            assertEquals(1, mine);
        }
        assertEquals(1, count("select count(*) from visit_status_change where technician_id = '" + tech + "'"));
    }

    @Test
    void illegalTransitionIs409ListingTheAllowedOnes() {
        post(first, "COMPLETED", null, "c1", Instant.now()).statusCode(409)
                .body("message", containsString("PLANNED"))
                .body("details.current", equalTo("PLANNED"))
                .body("details.allowed", contains("EN_ROUTE", "CANNOT_COMPLETE"));
    }

    @Test
    void finalStateAllowsNothingMore() {
        post(first, "CANNOT_COMPLETE", "CUSTOMER_NOT_HOME", "c1", Instant.now()).statusCode(200)
                .body("reasonCode", equalTo("CUSTOMER_NOT_HOME"));
        post(first, "EN_ROUTE", null, "c2", Instant.now()).statusCode(409)
                .body("details.allowed.size()", equalTo(0));
    }

    @Test
    void cannotCompleteWithoutAKnownReasonIs400() {
        post(first, "CANNOT_COMPLETE", null, "c1", Instant.now()).statusCode(400)
                .body("fields[0].field", equalTo("reasonCode"));
        post(first, "CANNOT_COMPLETE", "BORED", "c2", Instant.now()).statusCode(400)
                .body("message", containsString("CUSTOMER_NOT_HOME"));
    }

    @Test
    void appointmentOfAnotherTechniciansRouteIs404NotRevealingIt() throws Exception {
        String other = Fixtures.uniqueTechnician();
        String otherToken = tokens.forTechnician(other, "phone").token();
        Fixtures.publishAndAwait(publisher, otherToken, Fixtures.route(other, DAY, 1, 1));

        post(first, "EN_ROUTE", null, "c1", Instant.now(), otherToken).statusCode(404)
                .body("message", containsString("not on your route"));
        post(UUID.randomUUID(), "EN_ROUTE", null, "c2", Instant.now()).statusCode(404);
    }

    @Test
    void clientIdReusedForADifferentTapIs409() {
        post(first, "EN_ROUTE", null, "dup", Instant.now()).statusCode(200);
        post(first, "ARRIVED", null, "dup", Instant.now()).statusCode(409)
                .body("message", containsString("already used"));
    }

    @Test
    void deviceTimeFarInTheFutureIs400() {
        post(first, "EN_ROUTE", null, "c1", Instant.now().plus(Duration.ofDays(1))).statusCode(400)
                .body("fields[0].field", equalTo("deviceTime"));
    }

    @Test
    void missingClientIdIs400NamingTheField() {
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"status\":\"EN_ROUTE\",\"deviceTime\":\"" + Instant.now() + "\"}")
                .post("/api/me/visits/" + first + "/status").then().statusCode(400)
                .body("fields.field", Matchers.hasItem("clientId"));
    }

    private ValidatableResponse post(UUID appointment, String status, String reason, String clientId, Instant at) {
        return post(appointment, status, reason, clientId, at, token);
    }

    private static ValidatableResponse post(UUID appointment, String status, String reason, String clientId,
                                            Instant at, String token) {
        String body = "{\"status\":\"" + status + "\",\"clientId\":\"" + clientId + "\",\"deviceTime\":\"" + at + "\""
                + (reason == null ? "" : ",\"reasonCode\":\"" + reason + "\"") + "}";
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .post("/api/me/visits/" + appointment + "/status").then();
    }

    private long count(String sql) throws Exception {
        try (var c = db.getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
