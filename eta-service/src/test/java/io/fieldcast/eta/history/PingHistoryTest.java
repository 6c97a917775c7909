package io.fieldcast.eta.history;

import io.fieldcast.events.Events;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.LocationPing;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class PingHistoryTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Inject
    EventPublisher publisher;
    @Inject
    TokenIssuer tokens;

    @Test
    void pingsFromTheBrokerAreStoredOnceInDeviceTimeOrder() throws Exception {
        String tech = "tech-" + UUID.randomUUID().toString().substring(0, 8);
        // Out of order, with one replayed ping (same client id and device time) after an offline period.
        var late = ping(tech, "p3", 30);
        List<LocationPing> sent = List.of(ping(tech, "p2", 20), late, ping(tech, "p1", 10),
                new LocationPing(Events.newId(), T0, 1, tech, "p3", late.deviceTime(), T0.plusSeconds(300),
                        late.lat(), late.lon(), late.accuracyMeters(), null, null));
        publisher.sendAll(sent).get(10, TimeUnit.SECONDS);

        List<String> ids = awaitTrace(tech, 3);
        assertEquals(List.of("p1", "p2", "p3"), ids);
    }

    @Test
    void spanOverSevenDaysIs400() {
        given().auth().oauth2(dispatcher())
                .queryParam("from", "2026-03-01T00:00:00Z").queryParam("to", "2026-03-20T00:00:00Z")
                .get("/api/technicians/t1/pings").then().statusCode(400)
                .body("fields.field", hasItem("to"));
    }

    @Test
    void unparseableTimeIs400Or404NotServerError() {
        int status = given().auth().oauth2(dispatcher())
                .queryParam("from", "yesterday").queryParam("to", "2026-03-20T00:00:00Z")
                .get("/api/technicians/t1/pings").then().extract().statusCode();
        assertEquals(4, status / 100, "client mistake must be 4xx, was " + status);
    }

    @Test
    void technicianCannotReadTraces() {
        given().auth().oauth2(tokens.forTechnician("t1", "d1").token())
                .queryParam("from", "2026-03-01T00:00:00Z").queryParam("to", "2026-03-02T00:00:00Z")
                .get("/api/technicians/t1/pings").then().statusCode(403)
                .body("message", containsString("orbidden"));
    }

    @Test
    void aDispatcherReadsTheTracesOfTheirTerritorysTechniciansOnly() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String mine = "north-" + run;
        String theirs = "south-" + run;
        String ours = "tech-n-" + run;
        String other = "tech-s-" + run;
        publisher.sendAll(List.of(route(ours, mine), route(other, theirs), ping(ours, "n1", 10),
                ping(other, "s1", 10))).get(10, TimeUnit.SECONDS);
        String scoped = tokens.forUser("nora", Set.of(Roles.DISPATCHER), List.of(mine)).token();
        String path = "/api/technicians/%s/pings";
        int status = 0;
        for (int i = 0; i < 100 && status != 200; i++) {
            Thread.sleep(200);
            status = given().auth().oauth2(scoped).queryParam("from", T0.minusSeconds(3600).toString())
                    .queryParam("to", T0.plusSeconds(3600).toString()).get(path.formatted(ours)).statusCode();
        }
        assertEquals(200, status, "a technician of the dispatcher's territory");
        given().auth().oauth2(scoped).queryParam("from", T0.minusSeconds(3600).toString())
                .queryParam("to", T0.plusSeconds(3600).toString()).get(path.formatted(other)).then()
                .statusCode(404);
        given().auth().oauth2(scoped).queryParam("date", "2026-03-02")
                .get("/api/technicians/" + other + "/trips").then().statusCode(404);
        given().auth().oauth2(tokens.forUser("root", Set.of(Roles.ADMIN)).token())
                .queryParam("from", T0.minusSeconds(3600).toString()).queryParam("to", T0.plusSeconds(3600).toString())
                .get(path.formatted(other)).then().statusCode(200);
    }

    private static RoutePlanned route(String tech, String territory) {
        LocalDate day = LocalDate.of(2026, 3, 2);
        Instant start = T0.minusSeconds(3600);
        return new RoutePlanned(Events.newId(), start.minusSeconds(3600), 1, tech, territory, day, 1,
                new GeoPosition(42.5, 1.52), new GeoPosition(42.5, 1.52), start, start.plusSeconds(9 * 3600),
                List.of());
    }

    private List<String> awaitTrace(String tech, int expected) throws InterruptedException {
        List<String> ids = List.of();
        for (int i = 0; i < 100 && ids.size() < expected; i++) {
            Thread.sleep(200);
            ids = given().auth().oauth2(dispatcher())
                    .queryParam("from", T0.minusSeconds(3600).toString())
                    .queryParam("to", T0.plusSeconds(3600).toString())
                    .get("/api/technicians/" + tech + "/pings").then().statusCode(200)
                    .extract().jsonPath().getList("clientId", String.class);
        }
        Thread.sleep(500);
        return given().auth().oauth2(dispatcher())
                .queryParam("from", T0.minusSeconds(3600).toString())
                .queryParam("to", T0.plusSeconds(3600).toString())
                .get("/api/technicians/" + tech + "/pings").then().statusCode(200)
                .extract().jsonPath().getList("clientId", String.class);
    }

    private static LocationPing ping(String tech, String clientId, int secondsAfterT0) {
        Instant at = T0.plusSeconds(secondsAfterT0);
        return new LocationPing(Events.newId(), at, 1, tech, clientId, at, at.plusSeconds(1),
                42.5 + secondsAfterT0 * 1e-5, 1.52, 6.0, 11.0, 90.0);
    }

    private String dispatcher() {
        return tokens.forUser("dana", Set.of(Roles.DISPATCHER)).token();
    }
}
