package io.fieldcast.mobile.route;

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

/** The window the customer was last texted (a forecast's window named by customer-notify's text) on the route. */
@QuarkusTest
class ToldWindowRouteTest {

    private static final Instant TEN = Instant.parse("2026-03-02T10:00:00Z");

    @Inject
    EventPublisher publisher;
    @Inject
    TokenIssuer tokens;

    @Test
    void textedForecastWindowShowsAsToldWindowOfThatVisitOnly() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String token = tokens.forTechnician(tech, "phone").token();
        RoutePlanned route = Fixtures.route(tech, DAY, 1, 2);
        Fixtures.publishAndAwait(publisher, token, route);

        Fixtures.tell(publisher, route.visits().getFirst().appointmentId(), tech, 1, TEN);
        Fixtures.awaitToldStart(token, DAY, 0, "2026-03-02T10:00:00Z");

        given().auth().oauth2(token).queryParam("date", DAY.toString()).get("/api/me/route").then()
                .statusCode(200)
                .body("visits[0].toldWindowStart", equalTo("2026-03-02T10:00:00Z"))
                .body("visits[0].toldWindowEnd", equalTo("2026-03-02T11:00:00Z"))
                // The second customer was told nothing yet.
                .body("visits[1].toldWindowStart", nullValue())
                .body("visits[1].toldWindowEnd", nullValue());
    }

    /** A month after its window a told window binds nobody: texts for later days prune it (data time). */
    @Test
    void toldWindowsAMonthOlderThanTheForecastsArrivingArePruned() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String token = tokens.forTechnician(tech, "phone").token();
        RoutePlanned route = Fixtures.route(tech, DAY, 1, 1);
        Fixtures.publishAndAwait(publisher, token, route);
        Fixtures.tell(publisher, route.visits().getFirst().appointmentId(), tech, 1, TEN);
        Fixtures.awaitToldStart(token, DAY, 0, "2026-03-02T10:00:00Z");

        // A window texted for a day four years on: everything told before it (less a month) is history.
        publisher.send(Fixtures.text(UUID.randomUUID(), "WINDOW_NARROWED", 1, Instant.parse("2030-03-02T08:00:00Z"),
                Instant.parse("2030-03-02T10:00:00Z"))).get(10, TimeUnit.SECONDS);

        Fixtures.awaitToldStart(token, DAY, 0, null);
    }

    @Test
    void forecastNeverTextedDoesNotChangeTheToldWindow() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String token = tokens.forTechnician(tech, "phone").token();
        RoutePlanned route = Fixtures.route(tech, DAY, 1, 1);
        Fixtures.publishAndAwait(publisher, token, route);
        UUID visit = route.visits().getFirst().appointmentId();
        Fixtures.tell(publisher, visit, tech, 1, TEN);
        Fixtures.awaitToldStart(token, DAY, 0, "2026-03-02T10:00:00Z");

        // Version 2 moved 10 min: customer-notify holds that back (not material), so the customer still has 10:00.
        publisher.send(Fixtures.forecast(visit, tech, 2, TEN.minus(Duration.ofMinutes(10))))
                .get(10, TimeUnit.SECONDS);
        Thread.sleep(Duration.ofSeconds(1)); // let the consumer reach it; the answer must not change

        given().auth().oauth2(token).queryParam("date", DAY.toString()).get("/api/me/route").then()
                .statusCode(200).body("visits[0].toldWindowStart", equalTo("2026-03-02T10:00:00Z"));
    }

    @Test
    void olderTextArrivingLateNeverReplacesTheNewerToldWindow() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String token = tokens.forTechnician(tech, "phone").token();
        RoutePlanned route = Fixtures.route(tech, DAY, 1, 1);
        Fixtures.publishAndAwait(publisher, token, route);
        UUID visit = route.visits().getFirst().appointmentId();
        Instant now = Instant.now();
        var five = Fixtures.text(visit, "WINDOW_UPDATED", 5, now, TEN);
        publisher.send(five).get(10, TimeUnit.SECONDS);
        Fixtures.awaitToldStart(token, DAY, 0, "2026-03-02T10:00:00Z");

        // The text of version 3 (09:00), handed over a minute earlier, arrives late (a replay); then 5's again.
        publisher.send(Fixtures.text(visit, "WINDOW_NARROWED", 3, now.minusSeconds(60), TEN.minus(Duration.ofHours(1))))
                .get(10, TimeUnit.SECONDS);
        publisher.send(five).get(10, TimeUnit.SECONDS);
        Thread.sleep(Duration.ofSeconds(1));

        given().auth().oauth2(token).queryParam("date", DAY.toString()).get("/api/me/route").then()
                .statusCode(200)
                .body("visits[0].toldWindowStart", equalTo("2026-03-02T10:00:00Z"))
                .body("visits[0].toldWindowEnd", equalTo("2026-03-02T11:00:00Z"));
    }

    @Test
    void windowTextWithoutItsWindowIsIgnored() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String token = tokens.forTechnician(tech, "phone").token();
        RoutePlanned route = Fixtures.route(tech, DAY, 1, 1);
        Fixtures.publishAndAwait(publisher, token, route);
        UUID visit = route.visits().getFirst().appointmentId();

        // A producer before events 0.1.3 named only the forecast version: nothing here can say which window that was.
        publisher.send(Fixtures.text(visit, "DELAY", 1, Instant.now(), null)).get(10, TimeUnit.SECONDS);
        Thread.sleep(Duration.ofSeconds(1)); // let the consumer reach it; still nothing told
        given().auth().oauth2(token).queryParam("date", DAY.toString()).get("/api/me/route").then()
                .statusCode(200).body("visits[0].toldWindowStart", nullValue());
        // A later text with its window counts.
        Fixtures.tell(publisher, visit, tech, 2, TEN);

        Fixtures.awaitToldStart(token, DAY, 0, "2026-03-02T10:00:00Z");
    }

    @Test
    void rescheduleConfirmationClearsTheToldWindow() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String token = tokens.forTechnician(tech, "phone").token();
        RoutePlanned route = Fixtures.route(tech, DAY, 1, 1);
        Fixtures.publishAndAwait(publisher, token, route);
        UUID visit = route.visits().getFirst().appointmentId();
        Fixtures.tell(publisher, visit, tech, 1, TEN);
        Fixtures.awaitToldStart(token, DAY, 0, "2026-03-02T10:00:00Z");

        publisher.send(Fixtures.text(visit, "RESCHEDULE_CONFIRMATION", 0, Instant.now(), null))
                .get(10, TimeUnit.SECONDS);

        for (int i = 0; i < 150; i++) {
            var response = given().auth().oauth2(token).queryParam("date", DAY.toString()).get("/api/me/route");
            if (response.jsonPath().getString("visits[0].toldWindowStart") == null) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the told window outlived the reschedule");
    }

    @Test
    void anotherTechnicianSeesNoneOfTheToldWindows() throws Exception {
        String owner = Fixtures.uniqueTechnician();
        String ownerToken = tokens.forTechnician(owner, "phone").token();
        RoutePlanned route = Fixtures.route(owner, DAY, 1, 1);
        Fixtures.publishAndAwait(publisher, ownerToken, route);
        Fixtures.tell(publisher, route.visits().getFirst().appointmentId(), owner, 1, TEN);
        Fixtures.awaitToldStart(ownerToken, DAY, 0, "2026-03-02T10:00:00Z");

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
}
