package io.fieldcast.mobile.visit;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.TimeLeftAsked;
import io.fieldcast.mobile.Fixtures;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.fieldcast.mobile.Fixtures.DAY;
import static io.fieldcast.mobile.Fixtures.ask;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * eta-service's {@link TimeLeftAsked} on {@code fieldcast.time-left-asks}, through the real broker: the route shows it
 * as {@code timeLeftAskedAt} on the visit on site until a word of the time left said at or after it answers it.
 */
@QuarkusTest
class TimeLeftAskTest {

    private static final String ASKED_AT = "timeLeftAskedAt";

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
    void publishRouteAndArriveAtTheFirstVisit() throws Exception {
        tech = Fixtures.uniqueTechnician();
        token = tokens.forTechnician(tech, "phone").token();
        RoutePlanned route = Fixtures.route(tech, DAY, 1, 2);
        first = route.visits().getFirst().appointmentId();
        second = route.visits().get(1).appointmentId();
        Fixtures.publishAndAwait(publisher, token, route);
        Fixtures.tap(token, first, "EN_ROUTE", "ARRIVED");
    }

    @Test
    void anAskShowsOnTheVisitOnSiteUntilAWordSaidAfterItAnswersIt() throws Exception {
        Instant asked = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        send(ask(tech, first, asked));
        awaitAsked(0, asked);

        timeLeft(first, 30, asked.plusSeconds(1));
        assertNull(route().getString("visits[0]." + ASKED_AT), "answered");

        // A newer ask opens the question again; a word exactly at it answers it too.
        Instant again = asked.plusSeconds(30);
        send(ask(tech, first, again));
        awaitAsked(0, again);
        timeLeft(first, 45, again);
        assertNull(route().getString("visits[0]." + ASKED_AT), "a word at the ask's instant answers it");
    }

    @Test
    void aWordSaidBeforeTheAskDoesNotAnswerIt() throws Exception {
        Instant asked = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        timeLeft(first, 60, asked.minusSeconds(120));
        send(ask(tech, first, asked));
        awaitAsked(0, asked);
    }

    @Test
    void aVisitNotOnSiteShowsNoAskAndTheNullIsInTheAnswer() throws Exception {
        Instant asked = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        // Same key, same partition: once the ask about the first visit shows, the one about the second was applied.
        send(ask(tech, second, asked));
        send(ask(tech, first, asked));
        awaitAsked(0, asked);
        Map<String, Object> planned = route().getMap("visits[1]");
        assertTrue(planned.containsKey(ASKED_AT), "the field is there, null: " + planned);
        assertNull(planned.get(ASKED_AT), "PLANNED");

        // Done: no longer on site, so no longer asked.
        Fixtures.tap(token, first, "COMPLETED");
        assertNull(route().getString("visits[0]." + ASKED_AT), "COMPLETED");
    }

    @Test
    void anotherTechniciansAskNeverShowsOnMyRoute() throws Exception {
        String other = Fixtures.uniqueTechnician();
        String otherToken = tokens.forTechnician(other, "phone").token();
        RoutePlanned otherRoute = Fixtures.route(other, DAY, 1, 1);
        UUID theirs = otherRoute.visits().getFirst().appointmentId();
        Fixtures.publishAndAwait(publisher, otherToken, otherRoute);
        Fixtures.tap(otherToken, theirs, "EN_ROUTE", "ARRIVED");

        Instant asked = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        // Addressed to the other technician, though it names my visit on site: not mine to see.
        send(ask(other, first, asked));
        send(ask(other, theirs, asked));
        Fixtures.awaitVisitField(otherToken, DAY, 0, ASKED_AT, asked.toString());

        JsonPath mine = route();
        assertNull(mine.getString("visits[0]." + ASKED_AT));
        assertNull(mine.getString("visits[1]." + ASKED_AT));
        given().auth().oauth2(token).queryParam("date", DAY.toString()).queryParam("technicianId", other)
                .get("/api/me/route").then().statusCode(403);
    }

    @Test
    void aRedeliveredAskIsStoredOnce() throws Exception {
        Instant asked = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        TimeLeftAsked once = ask(tech, first, asked);
        send(once);
        send(once);
        // The next ask on the same partition showing means both copies were consumed.
        Instant later = asked.plusSeconds(10);
        send(ask(tech, first, later));
        awaitAsked(0, later);
        assertEquals(1, count("select count(*) from time_left_ask where event_id = '" + once.eventId() + "'"));
        assertEquals(2, count("select count(*) from time_left_ask where technician_id = '" + tech + "'"));
    }

    private void send(TimeLeftAsked ask) throws Exception {
        publisher.send(ask).get(10, TimeUnit.SECONDS);
    }

    private void awaitAsked(int index, Instant asked) throws InterruptedException {
        Fixtures.awaitVisitField(token, DAY, index, ASKED_AT, asked.toString());
    }

    private JsonPath route() {
        return given().auth().oauth2(token).queryParam("date", DAY.toString()).get("/api/me/route").then()
                .statusCode(200).extract().jsonPath();
    }

    private void timeLeft(UUID appointment, int minutes, Instant deviceTime) {
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"minutesLeft\":" + minutes + ",\"clientId\":\"" + UUID.randomUUID() + "\",\"deviceTime\":\""
                        + deviceTime + "\"}")
                .post("/api/me/visits/" + appointment + "/time-left").then().statusCode(200);
    }

    private long count(String sql) throws SQLException {
        try (var c = db.getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
