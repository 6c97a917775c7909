package io.fieldcast.mobile.route;

import io.fieldcast.events.ArrivalForecast;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.mobile.Fixtures;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.fieldcast.mobile.Fixtures.DAY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ToldWindowRouteTest {

    private static final Instant TEN = Instant.parse("2026-03-02T10:00:00Z");

    @Inject
    EventPublisher publisher;
    @Inject
    TokenIssuer tokens;

    @Test
    void forecastOnTheTopicShowsAsToldWindowOfThatVisit() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String token = tokens.forTechnician(tech, "phone").token();
        RoutePlanned route = Fixtures.route(tech, DAY, 1, 2);
        Fixtures.publishAndAwait(publisher, token, route);
        UUID first = route.visits().getFirst().appointmentId();

        publisher.send(forecast(first, tech, 1, TEN)).get(10, TimeUnit.SECONDS);
        awaitToldStart(token, 0, "2026-03-02T10:00:00Z");

        given().auth().oauth2(token).queryParam("date", DAY.toString()).get("/api/me/route").then()
                .statusCode(200)
                .body("visits[0].toldWindowStart", equalTo("2026-03-02T10:00:00Z"))
                .body("visits[0].toldWindowEnd", equalTo("2026-03-02T11:00:00Z"))
                // The second customer was told nothing yet.
                .body("visits[1].toldWindowStart", nullValue())
                .body("visits[1].toldWindowEnd", nullValue());
    }

    @Test
    void olderForecastVersionNeverReplacesTheNewerToldWindow() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String token = tokens.forTechnician(tech, "phone").token();
        RoutePlanned route = Fixtures.route(tech, DAY, 1, 1);
        Fixtures.publishAndAwait(publisher, token, route);
        UUID visit = route.visits().getFirst().appointmentId();

        publisher.send(forecast(visit, tech, 5, TEN)).get(10, TimeUnit.SECONDS);
        awaitToldStart(token, 0, "2026-03-02T10:00:00Z");
        // Version 3 arrives late (a replay, a slow partition); version 6 on the same key proves it was consumed.
        publisher.send(forecast(visit, tech, 3, TEN.minus(Duration.ofHours(1)))).get(10, TimeUnit.SECONDS);
        ArrivalForecast six = forecast(visit, tech, 6, TEN.plus(Duration.ofMinutes(30)));
        publisher.send(six).get(10, TimeUnit.SECONDS);
        awaitToldStart(token, 0, "2026-03-02T10:30:00Z");
        publisher.send(forecast(visit, tech, 4, TEN.minus(Duration.ofHours(2)))).get(10, TimeUnit.SECONDS);
        publisher.send(six).get(10, TimeUnit.SECONDS); // the same event again changes nothing
        Thread.sleep(Duration.ofSeconds(1)); // let the consumer reach the stale ones; the answer must not change

        given().auth().oauth2(token).queryParam("date", DAY.toString()).get("/api/me/route").then()
                .statusCode(200)
                .body("visits[0].toldWindowStart", equalTo("2026-03-02T10:30:00Z"))
                .body("visits[0].toldWindowEnd", equalTo("2026-03-02T11:30:00Z"));
    }

    @Test
    void anotherTechnicianSeesNoneOfTheToldWindows() throws Exception {
        String owner = Fixtures.uniqueTechnician();
        String ownerToken = tokens.forTechnician(owner, "phone").token();
        RoutePlanned route = Fixtures.route(owner, DAY, 1, 1);
        Fixtures.publishAndAwait(publisher, ownerToken, route);
        publisher.send(forecast(route.visits().getFirst().appointmentId(), owner, 1, TEN))
                .get(10, TimeUnit.SECONDS);
        awaitToldStart(ownerToken, 0, "2026-03-02T10:00:00Z");

        String other = Fixtures.uniqueTechnician();
        String otherToken = tokens.forTechnician(other, "phone").token();
        given().auth().oauth2(otherToken).queryParam("date", DAY.toString()).queryParam("technicianId", owner)
                .get("/api/me/route").then().statusCode(403);
        given().auth().oauth2(otherToken).queryParam("date", DAY.toString()).get("/api/me/route").then()
                .statusCode(404);
        // With a route of their own, they see their own visits only, told nothing.
        Fixtures.publishAndAwait(publisher, otherToken, Fixtures.route(other, DAY, 1, 1));
        given().auth().oauth2(otherToken).queryParam("date", DAY.toString()).get("/api/me/route").then()
                .statusCode(200)
                .body("visits[0].toldWindowStart", nullValue());
    }

    private static ArrivalForecast forecast(UUID appointment, String tech, int version, Instant windowStart) {
        return Fixtures.forecast(appointment, tech, version, windowStart);
    }

    private static void awaitToldStart(String token, int visit, String expected) throws InterruptedException {
        Fixtures.awaitToldStart(token, DAY, visit, expected);
    }
}
