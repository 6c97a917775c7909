package io.fieldcast.eta.report;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * GET /api/report on a hand-made day in real PostgreSQL: four visits with a known arrival, three first windows (one
 * sent only 45 min ahead), one visit never forecast, one not arrived yet.
 */
@QuarkusTest
class ReportResourceTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    TokenIssuer tokens;

    /** A day of its own, far from the other tests' days, so a reused database does not mix in their rows. */
    private LocalDate day;
    private ReportRows rows;
    private String techA;
    private String techB;

    @BeforeEach
    void handMadeDay() throws Exception {
        day = LocalDate.of(2031, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
        rows = new ReportRows(dataSource, day);
        techA = "tech-a-" + UUID.randomUUID().toString().substring(0, 6);
        techB = "tech-b-" + UUID.randomUUID().toString().substring(0, 6);
        // A: sent 07:30 for 09:00-10:00, 92 %, p50 09:30; tapped arrival 09:40 -> in time (130 min), hit, |err| 10.
        UUID a = rows.visit(techA, 1);
        rows.firstWindow(a, techA, rows.at("07:30"), rows.at("09:00"), 0.92, rows.at("09:30"));
        rows.tap(a, techA, rows.at("09:40"));
        // B: sent 08:00 for 10:00-11:00, 96 %, p50 10:20; tap 10:50 but the trace says 11:10 -> miss, |err| 50.
        UUID b = rows.visit(techA, 2);
        rows.firstWindow(b, techA, rows.at("08:00"), rows.at("10:00"), 0.96, rows.at("10:20"));
        rows.tap(b, techA, rows.at("10:50"));
        rows.mined(b, techA, rows.at("11:10"));
        // C: sent 10:30 for 11:00-12:00 and arrived 11:15: only 45 min ahead, not in time (but in the horizon chart).
        UUID c = rows.visit(techB, 1);
        rows.firstWindow(c, techB, rows.at("10:30"), rows.at("11:00"), 0.97, rows.at("11:20"));
        rows.sql("update forecast set held_reason = 'expected wait 8 min, above 5', held_at = ? where appointment_id = ?",
                ReportRows.ts(rows.at("10:10")), c);
        rows.tap(c, techB, rows.at("11:15"));
        // D: never got a window, arrived 13:00 -> a visit not covered.
        UUID d = rows.visit(techB, 2);
        rows.tap(d, techB, rows.at("13:00"));
        // E: a window, but no arrival yet -> not counted at all.
        UUID e = rows.visit(techB, 3);
        rows.firstWindow(e, techB, rows.at("12:00"), rows.at("14:00"), 0.95, rows.at("14:30"));
    }

    @Test
    void figuresOfTheFirstWindowsAgainstTheLearnedArrivals() {
        JsonPath r = given().auth().oauth2(token(Roles.DISPATCHER))
                .queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/report").then().statusCode(200).extract().jsonPath();

        assertEquals(4, r.getInt("headline.visits"), "A, B, C, D; E has no arrival");
        assertEquals(3, r.getInt("headline.windowsSent"));
        assertEquals(2, r.getInt("headline.covered"));
        assertEquals(1, r.getInt("headline.sentTooLate"));
        assertEquals(0.5, r.getDouble("headline.coverage"), 1e-9, "A and B of four");
        assertEquals(0.5, r.getDouble("headline.hitRate"), 1e-9, "A hit, B missed (the trace's 11:10 counts)");
        assertEquals(30.0, r.getDouble("headline.maeMinutes"), 1e-6, "(10 + 50) / 2");
        assertEquals(190.0, r.getDouble("headline.leadMinutesP50"), 1e-6, "upper median of 130 and 190");
        assertEquals(List.of("v-test"), r.getList("forecastModelVersions"));

        List<Map<String, Object>> calibration = r.getList("calibration");
        assertEquals(2, calibration.size(), "0.92 in [0.900, 0.925), 0.96 in [0.950, 0.975)");
        assertEquals(0.92, r.getDouble("calibration[0].announced"), 1e-9);
        assertEquals(1.0, r.getDouble("calibration[0].observed"), 1e-9);
        assertEquals(0.0, r.getDouble("calibration[1].observed"), 1e-9);

        assertEquals(List.of("09", "10"), r.getList("byHour.key"), "hour the window starts");
        assertEquals(List.of(1, 0), r.getList("byHour.hits"));
        assertEquals(List.of(techA), r.getList("byTechnician.key"), "C was not in time: tech B has no covered visit");
        assertEquals(0.5, r.getDouble("byTechnician[0].hitRate"), 1e-9);

        assertEquals(List.of(30, 120, 180), r.getList("byHorizon.fromMinutes"), "C 45, A 130, B 190 min ahead");
        assertEquals(5.0, r.getDouble("byHorizon[0].maeMinutes"), 1e-6, "C: p50 11:20 vs 11:15");
        assertEquals(50.0, r.getDouble("byHorizon[2].maeMinutes"), 1e-6);

        assertEquals(List.of("never forecast an hour or more ahead", "the technician would wait too long for it"),
                r.getList("notCovered.key"), "D never had a forecast; C was held for the wait until too late");
        assertEquals(List.of(1, 1), r.getList("notCovered.n"));
        assertEquals(List.of("never_forecast", "long_wait"), r.getList("notCovered.code"));
    }

    @Test
    void reportWithoutTokenIs401AndForATechnicianIs403() {
        given().queryParam("from", day.toString()).get("/api/report").then().statusCode(401);
        given().auth().oauth2(tokens.forTechnician(techA, "phone-1").token())
                .get("/api/report").then().statusCode(403);
    }

    @Test
    void toBeforeFromOrANonDateIs400WithTheField() {
        given().auth().oauth2(token(Roles.ADMIN)).queryParam("from", "2031-02-02").queryParam("to", "2031-02-01")
                .get("/api/report").then().statusCode(400).body("message", containsString("to: must not be before"));
        given().auth().oauth2(token(Roles.ADMIN)).queryParam("from", "yesterday")
                .get("/api/report").then().statusCode(400).body("message", containsString("from: must be a date"));
        given().auth().oauth2(token(Roles.ADMIN)).queryParam("from", "2031-01-01").queryParam("to", "2031-12-31")
                .get("/api/report").then().statusCode(400).body("message", containsString("at most 92 days"));
    }

    @Test
    void emptyRangeHasNoHitRateRatherThanAFakeOne() {
        JsonPath r = given().auth().oauth2(token(Roles.ADMIN)).queryParam("from", "2030-01-01")
                .queryParam("to", "2030-01-01").get("/api/report").then().statusCode(200).extract().jsonPath();
        assertEquals(0, r.getInt("headline.visits"));
        assertNull(r.get("headline.hitRate"));
    }

    @Test
    void pageIsPublicAndCarriesNoData() {
        given().get("/report").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("/report/report.js"));
        given().get("/report/report.js").then().statusCode(200).body(containsString("/api/report"));
    }

    private String token(String role) {
        return tokens.forUser("dana", Set.of(role)).token();
    }
}
