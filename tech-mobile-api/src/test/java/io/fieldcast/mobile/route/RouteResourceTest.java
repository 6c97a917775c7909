package io.fieldcast.mobile.route;

import io.fieldcast.events.RoutePlanned;
import io.fieldcast.mobile.Fixtures;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.fieldcast.mobile.Fixtures.DAY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class RouteResourceTest {

    @Inject
    EventPublisher publisher;
    @Inject
    TokenIssuer tokens;

    @Test
    void routeShowsVisitsInOrderWithWhatThePhoneNeeds() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String token = tokens.forTechnician(tech, "phone").token();
        RoutePlanned route = Fixtures.route(tech, DAY, 1, 3);
        Fixtures.publishAndAwait(publisher, token, route);

        given().auth().oauth2(token).queryParam("date", DAY.toString()).get("/api/me/route").then()
                .statusCode(200)
                .body("technicianId", equalTo(tech))
                .body("visits", hasSize(3))
                .body("visits.sequence", contains(0, 1, 2))
                .body("visits[0].appointmentId", equalTo(route.visits().getFirst().appointmentId().toString()))
                .body("visits[0].customerFirstName", equalTo("Customer 1"))
                .body("visits[0].customerPhone", equalTo("+31612345671"))
                .body("visits[0].address", equalTo("Keizersgracht 101, Amsterdam"))
                .body("visits[0].jobType", equalTo("BOILER_SERVICE"))
                .body("visits[0].notes", equalTo("ring twice"))
                .body("visits[0].windowStart", equalTo("2026-03-02T08:00:00Z"))
                .body("visits[0].plannedArrival", equalTo("2026-03-02T09:00:00Z"))
                .body("visits[0].status", equalTo("PLANNED"));
    }

    @Test
    void olderPlanVersionArrivingLateNeverOverwritesTheNewer() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String token = tokens.forTechnician(tech, "phone").token();
        Fixtures.publishAndAwait(publisher, token, Fixtures.route(tech, DAY, 5, 2));

        // Version 3 arrives after 5 (a slow partition, a replay); then version 6 proves the consumer went past it.
        publisher.send(Fixtures.route(tech, DAY, 3, 4)).get(10, TimeUnit.SECONDS);
        Fixtures.publishAndAwait(publisher, token, Fixtures.route(tech, DAY, 6, 1));
        publisher.send(Fixtures.route(tech, DAY, 4, 4)).get(10, TimeUnit.SECONDS);
        Thread.sleep(Duration.ofSeconds(1)); // let the consumer reach the stale plan; the answer must not change

        given().auth().oauth2(token).queryParam("date", DAY.toString()).get("/api/me/route").then()
                .statusCode(200).body("planVersion", equalTo(6)).body("visits", hasSize(1));
    }

    @Test
    void anotherTechniciansRouteIs403EvenWhenItExists() throws Exception {
        String owner = Fixtures.uniqueTechnician();
        Fixtures.publishAndAwait(publisher, tokens.forTechnician(owner, "phone").token(),
                Fixtures.route(owner, DAY, 1, 2));

        given().auth().oauth2(tokens.forTechnician(Fixtures.uniqueTechnician(), "phone").token())
                .queryParam("date", DAY.toString()).queryParam("technicianId", owner)
                .get("/api/me/route").then().statusCode(403);
    }

    @Test
    void tokenDecidesWhoseRouteSoAnotherTechnicianSeesNoneOfIt() throws Exception {
        String owner = Fixtures.uniqueTechnician();
        Fixtures.publishAndAwait(publisher, tokens.forTechnician(owner, "phone").token(),
                Fixtures.route(owner, DAY, 1, 2));

        given().auth().oauth2(tokens.forTechnician(Fixtures.uniqueTechnician(), "phone").token())
                .queryParam("date", DAY.toString()).get("/api/me/route").then().statusCode(404);
    }

    @Test
    void dispatcherTokenIs403OnThePhoneRoute() {
        given().auth().oauth2(tokens.forUser("dana", Set.of(Roles.DISPATCHER)).token())
                .get("/api/me/route").then().statusCode(403);
    }

    @Test
    void roadsAroundTheCallersRouteComeAsRoadLines() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String token = tokens.forTechnician(tech, "phone").token();
        Fixtures.publishAndAwait(publisher, token, Fixtures.route(tech, DAY, 1, 3));

        given().auth().oauth2(token).queryParam("date", DAY.toString()).get("/api/me/route/roads").then()
                .statusCode(200)
                .contentType(containsString("geo+json"))
                .body("type", equalTo("FeatureCollection"))
                .body("features", not(empty()))
                .body("features.properties.kind", everyItem(equalTo("road")))
                .body("features.geometry.type", everyItem(equalTo("MultiLineString")))
                // The test city's streets within 500 m of the route: some, and not the whole 6 km city.
                .body("features.geometry.coordinates.flatten().size()", greaterThan(10));
    }

    @Test
    void theMapDrawsTheDriveAlongTheRoadsNotStraightBetweenTheStops() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String token = tokens.forTechnician(tech, "phone").token();
        Fixtures.publishAndAwait(publisher, token, Fixtures.route(tech, DAY, 1, 3));

        given().auth().oauth2(token).queryParam("date", DAY.toString()).get("/api/me/route/map").then()
                .statusCode(200)
                .body("features.findAll { it.properties.kind == 'visit' }", hasSize(3))
                .body("features.find { it.properties.kind == 'route' }.properties.straight", equalTo(false))
                // Start, three stops and the end would be five points straight; the streets' bends add many more.
                .body("features.find { it.properties.kind == 'route' }.geometry.coordinates.size()", greaterThan(10));
    }

    @Test
    void roadsOfAnotherTechniciansRouteAre403AndWithoutTokenAre401() throws Exception {
        String owner = Fixtures.uniqueTechnician();
        Fixtures.publishAndAwait(publisher, tokens.forTechnician(owner, "phone").token(),
                Fixtures.route(owner, DAY, 1, 2));

        given().auth().oauth2(tokens.forTechnician(Fixtures.uniqueTechnician(), "phone").token())
                .queryParam("date", DAY.toString()).queryParam("technicianId", owner)
                .get("/api/me/route/roads").then().statusCode(403);
        given().auth().oauth2(tokens.forUser("dana", Set.of(Roles.DISPATCHER)).token())
                .queryParam("date", DAY.toString()).get("/api/me/route/roads").then().statusCode(403);
        given().queryParam("date", DAY.toString()).get("/api/me/route/roads").then().statusCode(401);
    }

    @Test
    void roadsWithoutARouteAre404() {
        given().auth().oauth2(tokens.forTechnician(Fixtures.uniqueTechnician(), "phone").token())
                .queryParam("date", DAY.toString()).get("/api/me/route/roads").then().statusCode(404);
    }

    @Test
    void malformedDateIs400NamingTheField() {
        given().auth().oauth2(tokens.forTechnician("t1", "phone").token()).queryParam("date", "tomorrow")
                .get("/api/me/route").then().statusCode(400).body("fields[0].field", equalTo("date"));
    }
}
