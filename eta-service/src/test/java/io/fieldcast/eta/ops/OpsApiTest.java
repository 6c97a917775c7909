package io.fieldcast.eta.ops;

import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operations read model fed through the real Kafka broker and PostgreSQL ({@link OpsScenario}), read back through
 * {@code /api/ops}: the figures of the hand-made day, territory narrowing and roles, CSV, and bad input.
 */
@QuarkusTest
class OpsApiTest {

    private static OpsScenario scenario;

    @Inject
    EventPublisher publisher;
    @Inject
    TokenIssuer tokens;

    @BeforeEach
    void publishedOnce() throws Exception {
        if (scenario != null) {
            return;
        }
        OpsScenario s = new OpsScenario();
        s.publish(publisher);
        s.awaitApplied(admin());
        scenario = s;
    }

    @Test
    void figuresOfTheDayPublishedAsEvents() {
        JsonPath r = report(admin(), scenario.day.minusDays(1).toString(), scenario.day.toString(),
                scenario.territoryA);
        assertEquals(3.0, figure(r, "bookings", "value"), "B1, B2, B3 booked the day before; C1 is in B");
        assertEquals(2.0, figure(r, "bookings.console", "numerator"));
        assertEquals(1.0, figure(r, "bookings.portal", "numerator"));
        assertEquals(9.0, figure(r, "searches", "value"), "4 + 2 on the booking page (one event delivered twice), 3");
        assertEquals(1 / 6.0, figure(r, "conversion.portal", "value"), 1e-6, "B2 of 6 searches");
        assertEquals(2 / 3.0, figure(r, "conversion.console", "value"), 1e-6, "B1, B3 of 3 searches");
        assertEquals(1 / 9.0, figure(r, "emptySearchRate", "value"), 1e-6);
        // Booked 10:00, 11:00, 12:00 the day before for 08:00, 12:00, 09:00: 22, 25, 21 hours; p50 22.
        assertEquals(22.0, figure(r, "leadHoursP50", "value"), 1e-6);
        assertEquals(0.5, figure(r, "onTimeRate", "value"), 1e-6, "B1 at 08:30 inside 08-12; B2 at 17:30 after 17:00");
        assertEquals(1.0, figure(r, "promiseKeptRate", "value"), 1e-6, "B1 inside its texted 08-09; B2 never told");
        assertEquals(0.5, figure(r, "noShowRate", "value"), 1e-6, "B2 nobody home, of B1 and B2");
        assertEquals(0.5, figure(r, "firstVisitRate", "value"), 1e-6);
        assertEquals(1 / 3.0, figure(r, "lateCancelRate", "value"), 1e-6, "B3 canceled 2 h ahead, of 3");
        assertEquals(1 / 3.0, figure(r, "rescheduleRate", "value"), 1e-6, "B2");
        assertEquals(1 / 3.0, figure(r, "adminTouchRate", "value"), 1e-6, "B1's notes by a dispatcher");
        assertEquals(2 / 3.0, figure(r, "customerTouchRate", "value"), 1e-6, "B2 moved, B3 canceled by the customer");
        assertEquals(1.0, figure(r, "textsPerVisit", "value"), 1e-6, "B1's text (twice delivered) + B2's, 2 visits");
        // Version 2's shift 08-16 (480 min) with 2 x 60 min of work; the older version 1 arriving later is ignored.
        assertEquals(0.25, figure(r, "utilization", "value"), 1e-6);
        // Straight-line roads in tests: 42.50 -> 42.51 is 1112 m, x 1.3 at 30 km/h = 2.89 min; out, 0, back.
        assertEquals(2 * 1111.95 * 1.3 / (30 / 3.6) / 60 / 2, figure(r, "travelMinutesPerVisit", "value"), 0.01);
        // Last final tap 17:40 + 2.89 min home, against the shift's end 16:00.
        assertEquals(102.9, figure(r, "overtimeMinutes", "value"), 0.1);
        assertEquals(List.of(scenario.tech), r.getList("technicians.technician"));
        assertEquals(0.25, r.getDouble("technicians[0].utilization"), 1e-6);
        assertEquals(List.of(scenario.territoryA), r.getList("territories.territory"));
        assertEquals(2, r.getList("daily").size());
    }

    @Test
    void aDispatcherSeesTheirTerritoriesOnlyAndNamingAnotherIs403() {
        String dispatcherOfB = tokens.forUser("dora", Set.of(Roles.DISPATCHER), List.of(scenario.territoryB)).token();
        JsonPath r = report(dispatcherOfB, scenario.day.toString(), scenario.day.toString(), null);
        assertEquals(1.0, figure(r, "appointments", "value"), "C1 only");
        assertEquals(List.of(scenario.territoryB), r.getList("territories.territory"));
        given().auth().oauth2(dispatcherOfB).queryParam("territory", scenario.territoryA)
                .get("/api/ops/report").then().statusCode(403).body("error", containsString("territory_forbidden"));
        given().auth().oauth2(dispatcherOfB).queryParam("territory", scenario.territoryA).queryParam("format", "csv")
                .get("/api/ops/daily").then().statusCode(403);
        String supervisorOfA = tokens.forUser("sam", Set.of(Roles.SUPERVISOR), List.of(scenario.territoryA)).token();
        assertEquals(3.0, figure(report(supervisorOfA, scenario.day.toString(), scenario.day.toString(), null),
                "appointments", "value"), "a supervisor reads their territory");
    }

    @Test
    void withoutATokenIs401AndForATechnicianIs403() {
        given().get("/api/ops/report").then().statusCode(401);
        given().get("/api/ops/daily?format=csv").then().statusCode(401);
        given().auth().oauth2(tokens.forTechnician(scenario.tech, "phone-1").token())
                .get("/api/ops/report").then().statusCode(403);
    }

    @Test
    void everyTableDownloadsAsCsv() {
        String technicians = csv("technicians");
        String[] lines = technicians.split("\r\n");
        assertTrue(lines[0].startsWith("technician,territory,days,plannedVisits,workMinutes,shiftMinutes,utilization"),
                lines[0]);
        assertEquals(2, lines.length);
        assertTrue(lines[1].startsWith(scenario.tech + "," + scenario.territoryA + ",1,2,120,480,0.25,"), lines[1]);
        assertEquals(3, csv("daily").split("\r\n").length, "header + the day before + the day");
        assertEquals(1 + 7 * 24, csv("heatmap").split("\r\n").length);
        assertTrue(csv("summary").contains("\r\nonTimeRate,"), "the headline figures, one per line");
        assertTrue(csv("territories").contains(scenario.territoryA + ",1,1,3,9,0.3333,3,0.25,"),
                "bookings 3, searches 9, 3 of them booked, 3 appointments, utilization 0.25");
        given().auth().oauth2(admin()).queryParam("from", scenario.day.toString()).queryParam("format", "csv")
                .queryParam("to", scenario.day.toString()).queryParam("territory", scenario.territoryA)
                .get("/api/ops/daily").then().statusCode(200)
                .header("Content-Disposition", containsString("ops-daily-" + scenario.day + "-" + scenario.day));
    }

    @Test
    void badInputIs400WithTheFieldAndAnUnknownTableIs404() {
        given().auth().oauth2(admin()).queryParam("from", "yesterday").get("/api/ops/report").then()
                .statusCode(400).body("message", containsString("from: must be a date"));
        given().auth().oauth2(admin()).queryParam("from", "2031-02-02").queryParam("to", "2031-02-01")
                .get("/api/ops/report").then().statusCode(400).body("message", containsString("to: must not be before"));
        given().auth().oauth2(admin()).queryParam("from", "2031-01-01").queryParam("to", "2031-04-03")
                .get("/api/ops/report").then().statusCode(400).body("message", containsString("at most 92 days"));
        given().auth().oauth2(admin()).queryParam("format", "xml").get("/api/ops/daily").then()
                .statusCode(400).body("message", containsString("format: must be csv or json"));
        given().auth().oauth2(admin()).get("/api/ops/everything").then().statusCode(404);
        // A quarter is allowed.
        given().auth().oauth2(admin()).queryParam("from", "2031-01-01").queryParam("to", "2031-04-02")
                .get("/api/ops/report").then().statusCode(200);
    }

    @Test
    void thePageIsPublicAndCarriesNoData() {
        given().get("/ops/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("/ops/ops.js"));
        given().redirects().follow(false).get("/ops").then().statusCode(303).header("Location", startsWith("http"));
        given().get("/ops/ops.js").then().statusCode(200).body(containsString("/api/ops/report"));
    }

    private String csv(String table) {
        return given().auth().oauth2(admin()).queryParam("from", scenario.day.minusDays(1).toString())
                .queryParam("to", scenario.day.toString()).queryParam("territory", scenario.territoryA)
                .queryParam("format", "csv").get("/api/ops/" + table).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
    }

    private String admin() {
        return tokens.forUser("ada", Set.of(Roles.ADMIN)).token();
    }

    static JsonPath report(String token, String from, String to, String territory) {
        var request = given().auth().oauth2(token).queryParam("from", from).queryParam("to", to);
        if (territory != null) {
            request = request.queryParam("territory", territory);
        }
        return request.get("/api/ops/report").then().statusCode(200).extract().jsonPath();
    }

    static double figure(JsonPath r, String key, String field) {
        Object value = r.get("summary.find { it.key == '" + key + "' }." + field);
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }
}
