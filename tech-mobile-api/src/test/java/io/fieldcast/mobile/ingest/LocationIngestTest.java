package io.fieldcast.mobile.ingest;

import io.fieldcast.events.LocationPing;
import io.fieldcast.events.Topics;
import io.fieldcast.mobile.Fixtures;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class LocationIngestTest {

    @Inject
    TokenIssuer tokens;

    @Test
    void acceptedPingsAreOnTheTopicKeyedByTechnicianWhenTheAnswerIs202() {
        String tech = Fixtures.uniqueTechnician();
        try (EventProbe probe = EventProbe.atEnd(Topics.TECH_LOCATIONS)) {
            post(tech, Pings.goodBatch("a", 20)).statusCode(202).body("accepted", equalTo(20))
                    .body("rejected", hasSize(0));
            List<LocationPing> pings = probe.await(LocationPing.class, p -> p.technicianId().equals(tech), 20,
                    Duration.ofSeconds(20));
            assertEquals(20, pings.size());
            assertEquals(tech, pings.getFirst().key());
            assertEquals(8.5, pings.getFirst().speedMps(), 1e-9);
        }
    }

    @Test
    void invalidPingsAreRejectedOneByOneWhileTheRestIsAccepted() {
        String tech = Fixtures.uniqueTechnician();
        Instant now = Instant.now();
        String body = Pings.batch(List.of(
                Pings.good("ok-1"),
                Pings.ping("lat", now, 91, 4.89, 10),
                Pings.ping("future", now.plus(Duration.ofHours(2)), 52.37, 4.89, 10),
                Pings.ping("old", now.minus(Duration.ofDays(30)), 52.37, 4.89, 10),
                Pings.ping("vague", now, 52.37, 4.89, 5000),
                "{\"clientId\":\"notime\",\"lat\":52.3,\"lon\":4.8,\"accuracy\":5}",
                Pings.good("ok-2")));
        post(tech, body).statusCode(202)
                .body("accepted", equalTo(2))
                .body("rejected.index", Matchers.contains(1, 2, 3, 4, 5))
                .body("rejected.clientId", Matchers.contains("lat", "future", "old", "vague", "notime"))
                .body("rejected[0].reason", containsString("lat"))
                .body("rejected[1].reason", containsString("future"))
                .body("rejected[3].reason", containsString("accuracy"));
    }

    @Test
    void duplicatesByClientIdAreAcceptedButPublishedOnce() {
        String tech = Fixtures.uniqueTechnician();
        try (EventProbe probe = EventProbe.atEnd(Topics.TECH_LOCATIONS)) {
            post(tech, Pings.batch(List.of(Pings.good("p1"), Pings.good("p2"), Pings.good("p1"))))
                    .statusCode(202).body("accepted", equalTo(2)).body("duplicates", equalTo(1));
            // A replay after a lost answer: nothing new, nothing republished.
            post(tech, Pings.batch(List.of(Pings.good("p2"), Pings.good("p1")))).statusCode(202)
                    .body("accepted", equalTo(0)).body("duplicates", equalTo(2));
            probe.await(LocationPing.class, p -> p.technicianId().equals(tech), 2, Duration.ofSeconds(20));
            long mine = probe.drain(Duration.ofSeconds(2)).stream()
                    .filter(e -> e instanceof LocationPing p && p.technicianId().equals(tech)).count();
            assertEquals(2, mine);
        }
    }

    @Test
    void outOfOrderPingsAreAllAccepted() {
        Instant now = Instant.now();
        post(Fixtures.uniqueTechnician(), Pings.batch(List.of(
                Pings.ping("late", now.minusSeconds(10), 52.37, 4.89, 5),
                Pings.ping("early", now.minusSeconds(600), 52.36, 4.88, 5))))
                .statusCode(202).body("accepted", equalTo(2));
    }

    @Test
    void emptyOrOversizedBatchIs400() {
        String tech = Fixtures.uniqueTechnician();
        post(tech, "{\"pings\":[]}").statusCode(400).body("fields[0].field", equalTo("pings"));
        post(tech, Pings.goodBatch("x", 501)).statusCode(400).body("message", containsString("1..500"));
    }

    @Test
    void batchWithNoValidPingIs400ListingEachReject() {
        post(Fixtures.uniqueTechnician(), Pings.batch(List.of(Pings.ping("z", Instant.now(), 0, 0, 5))))
                .statusCode(400).body("details.rejected[0].reason", containsString("0,0"));
    }

    @Test
    void bodyOverTheLimitIs413WithAMessage() {
        String huge = "{\"pings\":[" + "x".repeat(300_000) + "]}";
        post(Fixtures.uniqueTechnician(), huge).statusCode(413).body("message", containsString("larger than"));
    }

    @Test
    void deviceOverItsRateIs429WithRetryAfter() {
        String token = tokens.forTechnician(Fixtures.uniqueTechnician(), "chatty").token();
        // Check the 429 itself: on a slow machine the bucket may refill before a further request.
        Response limited = null;
        for (int i = 0; i < 60 && (limited == null || limited.statusCode() != 429); i++) {
            limited = given().auth().oauth2(token).get("/api/me");
        }
        assertEquals(429, limited.statusCode());
        limited.then().header("Retry-After", notNullValue()).body("error", equalTo("rate_limited"));
    }

    @Test
    void dispatcherCannotPostPings() {
        given().auth().oauth2(tokens.forUser("dana", Set.of(Roles.DISPATCHER)).token())
                .contentType("application/json").body(Pings.goodBatch("d", 1))
                .post("/api/me/locations").then().statusCode(403);
    }

    private ValidatableResponse post(String tech, String body) {
        return given().auth().oauth2(tokens.forTechnician(tech, "phone").token()).contentType("application/json")
                .body(body).post("/api/me/locations").then();
    }
}
