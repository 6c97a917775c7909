package io.fieldcast.dispatch.console;

import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.dispatch.Await;
import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.events.ArrivalForecast;
import io.fieldcast.events.LocationPing;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The endpoints the dispatcher console needs beside booking and planning: clock, roads, positions, timeline. */
@QuarkusTest
class ConsoleApiTest {

    private static final String DAY = "2026-03-04";

    @Inject
    TestCompanies companies;
    @Inject
    TokenIssuer tokens;
    @Inject
    Roads roads;
    @Inject
    EventPublisher publisher;

    @Test
    void clockAnswersTheInjectedDomainTimeAndTilesAreOffByDefault() {
        TestCompany f = companies.create("console-clock");
        given().auth().oauth2(f.dispatcherToken()).get("/api/clock").then().statusCode(200)
                .body("now", equalTo(TestClock.MONDAY_6AM.toString()))
                .body("epochMillis", equalTo(TestClock.MONDAY_6AM.toEpochMilli()));
        given().get("/api/clock").then().statusCode(401);
        // No tile server unless configured: the console must work offline.
        given().auth().oauth2(f.dispatcherToken()).get("/api/console/settings").then().statusCode(200)
                .body("tileUrl", equalTo(null)).body("tileAttribution", containsString("OpenStreetMap"));
        given().auth().oauth2(tokens.forTechnician("console-clock-tech", "phone").token()).get("/api/clock")
                .then().statusCode(403);
    }

    @Test
    void roadsOfTheTerritoryAreGeoJsonLines() {
        TestCompany f = companies.create("console-roads");
        String token = f.dispatcherToken();
        given().auth().oauth2(token).queryParam("territory", "console-roads").header("Accept-Encoding", "gzip")
                .get("/api/roads").then()
                .statusCode(200).contentType(containsString("geo+json")).header("Content-Encoding", "gzip")
                .body("type", equalTo("FeatureCollection"))
                .body("features", not(empty()))
                .body("features[0].geometry.type", equalTo("LineString"));
        // Only the bigger roads when asked: fewer lines, and none of them residential.
        List<String> levels = given().auth().oauth2(token).queryParam("territory", "console-roads")
                .queryParam("level", "secondary").get("/api/roads").then().statusCode(200)
                .extract().path("features.properties.level");
        assertTrue(levels.stream().noneMatch("residential"::equals), levels.toString());
        // Zoomed in: the streets of a small window only (a 0.01° cell at the city's centre).
        int all = given().auth().oauth2(token).queryParam("territory", "console-roads").get("/api/roads").then()
                .extract().<List<Object>>path("features").size();
        var centre = roads.network().bounds().center();
        String cell = String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f", centre.lon(), centre.lat(),
                centre.lon() + 0.005, centre.lat() + 0.005);
        int window = given().auth().oauth2(token).queryParam("territory", "console-roads")
                .queryParam("level", "residential").queryParam("bbox", cell).get("/api/roads").then()
                .statusCode(200).extract().<List<Object>>path("features").size();
        assertTrue(window > 0 && window < all, window + " of " + all);
        given().auth().oauth2(token).queryParam("territory", "console-roads").queryParam("bbox", "10,50,10.1,50.1")
                .get("/api/roads").then().statusCode(200).body("features", empty());
        given().auth().oauth2(token).queryParam("territory", "console-roads").queryParam("bbox", "1,2,3")
                .get("/api/roads").then().statusCode(400).body("message", containsString("bbox"));
        given().auth().oauth2(token).queryParam("territory", "console-roads").queryParam("bbox", "3,2,1,0")
                .get("/api/roads").then().statusCode(400).body("message", containsString("min below max"));
        given().auth().oauth2(token).queryParam("territory", "console-roads").queryParam("level", "footpaths")
                .get("/api/roads").then().statusCode(400).body("message", containsString("level"));
        given().auth().oauth2(token).get("/api/roads").then().statusCode(400);
        given().auth().oauth2(token).queryParam("territory", "nowhere").get("/api/roads").then().statusCode(404);
        given().queryParam("territory", "console-roads").get("/api/roads").then().statusCode(401);

        // A route along the roads: it starts and ends at the places, and follows the streets between them.
        var a = f.addresses.get(5);
        var b = f.addresses.get(6);
        String via = String.format(Locale.ROOT, "%.6f,%.6f;%.6f,%.6f", a.lat(), a.lon(), b.lat(), b.lon());
        List<List<Float>> path = given().auth().oauth2(token).queryParam("via", via).get("/api/roads/path").then()
                .statusCode(200).extract().path("coordinates");
        assertTrue(path.size() > 2, "more than a straight line: " + path.size() + " points");
        assertEquals(b.lat(), path.getLast().get(0), 1e-5);
        given().auth().oauth2(token).queryParam("via", "1,2").get("/api/roads/path").then().statusCode(400);
        given().auth().oauth2(token).queryParam("via", "91,2;3,4").get("/api/roads/path").then().statusCode(400)
                .body("message", containsString("not a place"));
        given().queryParam("via", via).get("/api/roads/path").then().statusCode(401);
    }

    @Test
    void latestPingOfEachTechnicianIsItsPosition() throws Exception {
        TestCompany f = companies.create("console-pos");
        String token = f.dispatcherToken();
        String tech = "console-pos-tech";
        Instant t0 = TestClock.MONDAY_6AM.minusSeconds(60);
        publisher.send(ping(tech, t0, 48.1, 11.5)).get();
        publisher.send(ping(tech, t0.plusSeconds(30), 48.2, 11.6)).get();
        // An older fix arriving late (a phone replaying after being offline) does not move the technician back.
        publisher.send(ping(tech, t0.plusSeconds(10), 48.0, 11.4)).get();
        publisher.send(ping("someone-elsewhere", t0, 1, 1)).get();
        Await.until(() -> given().auth().oauth2(token).queryParam("territory", "console-pos").get("/api/positions")
                .then().statusCode(200).extract().<List<String>>path("technicianId").contains(tech), "position seen");
        // The late older ping is the last one sent; give the consumer a moment to have applied it too.
        Thread.sleep(500);
        given().auth().oauth2(token).queryParam("territory", "console-pos").get("/api/positions").then()
                .statusCode(200).body("", hasSize(1))
                .body("[0].lat", equalTo(48.2f)).body("[0].lon", equalTo(11.6f))
                .body("[0].ageSeconds", equalTo(30));
        given().auth().oauth2(token).get("/api/positions").then().statusCode(400);
        given().auth().oauth2(token).queryParam("territory", "nowhere").get("/api/positions").then().statusCode(404);
        given().queryParam("territory", "console-pos").get("/api/positions").then().statusCode(401);
    }

    @Test
    void timelineShowsThePlanOfRecordThenTheSolveWithForecastRisk() throws Exception {
        TestCompany f = companies.create("console-day");
        String token = f.dispatcherToken();
        String a = f.book(10, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", "console-day", 3);
        String b = f.book(11, "REPAIR", DAY + "T12:00:00Z", DAY + "T16:00:00Z", "console-day", 3);
        String path = "/api/plans/console-day/" + DAY + "/timeline";
        given().auth().oauth2(token).get(path).then().statusCode(200)
                .body("source", equalTo("PLAN_OF_RECORD"))
                .body("zone", equalTo("UTC"))
                .body("rows", hasSize(1))
                .body("visits.appointmentId", hasItem(a))
                .body("rows[0].stops", hasSize(2))
                .body("rows[0].segments.kind", hasItem("WORK"));

        // eta-service expects the first visit's 60-minute window to end after the promised 12:00.
        publisher.send(new ArrivalForecast(UUID.randomUUID(), TestClock.MONDAY_6AM, ArrivalForecast.SCHEMA_VERSION,
                UUID.fromString(a), "console-day-tech", Instant.parse(DAY + "T11:40:00Z"),
                Instant.parse(DAY + "T11:20:00Z"), Instant.parse(DAY + "T12:20:00Z"), 0.8,
                Instant.parse(DAY + "T08:00:00Z"), Instant.parse(DAY + "T12:00:00Z"), "m1", 1, "traffic")).get();
        Await.until(() -> "AT_RISK".equals(given().auth().oauth2(token).get(path).then().statusCode(200).extract()
                .path("visits.find { it.appointmentId == '" + a + "' }.risk")), "forecast applied");

        f.solve("console-day", DAY);
        given().auth().oauth2(token).get(path).then().statusCode(200)
                .body("source", equalTo("SOLVE")).body("solveStatus", equalTo("SOLVED"))
                .body("kpis.assigned", equalTo(2)).body("unassigned", empty())
                .body("rows[0].segments[0].kind", equalTo("TRAVEL"))
                .body("visits.find { it.appointmentId == '" + b + "' }.technicianId", equalTo("console-day-tech"))
                .body("visits.find { it.appointmentId == '" + a + "' }.forecast.reason", equalTo("traffic"));

        // A canceled visit leaves the plan but stays on the day's list.
        given().auth().oauth2(token).contentType("application/json").body(Map.of("reason", "moved away"))
                .post("/api/appointments/" + b + "/cancel").then().statusCode(200);
        f.solve("console-day", DAY);
        given().auth().oauth2(token).get(path).then().statusCode(200)
                .body("visits.find { it.appointmentId == '" + b + "' }.status", equalTo("CANCELED"))
                .body("rows[0].stops", hasSize(1));

        given().auth().oauth2(token).get("/api/plans/console-day/tomorrow/timeline").then().statusCode(400)
                .body("fields.field", hasItem("date"));
        given().auth().oauth2(token).get("/api/plans/nowhere/" + DAY + "/timeline").then().statusCode(404);
    }

    /** eta-service's /report and customer-notify's /outbox log in here from their own origins; nobody else may. */
    @Test
    void theOtherServicesPagesMayLogInCrossOriginOthersMayNot() {
        given().header("Origin", "http://localhost:8082").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .options("/api/auth/login").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:8082");
        given().header("Origin", "http://localhost:8084").contentType("application/json")
                .body(Map.of("username", "nobody", "password", "wrong-password"))
                .post("/api/auth/login").then().statusCode(401)
                .header("Access-Control-Allow-Origin", "http://localhost:8084");
        given().header("Origin", "http://evil.example").contentType("application/json")
                .body(Map.of("username", "nobody", "password", "wrong-password"))
                .post("/api/auth/login").then().statusCode(403);
    }

    @Test
    void rootOpensTheConsole() {
        given().redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", containsString("/console/"));
        given().get("/console/").then().statusCode(200).body(containsString("data-testid=\"login-form\""));
    }

    private static LocationPing ping(String tech, Instant at, double lat, double lon) {
        return new LocationPing(UUID.randomUUID(), at, LocationPing.SCHEMA_VERSION, tech, "c-" + UUID.randomUUID(), at,
                at, lat, lon, 8, 10.0, 90.0);
    }
}
