package io.fieldcast.eta.report;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
    private String techA;
    private String techB;

    @BeforeEach
    void handMadeDay() throws Exception {
        day = LocalDate.of(2031, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
        techA = "tech-a-" + UUID.randomUUID().toString().substring(0, 6);
        techB = "tech-b-" + UUID.randomUUID().toString().substring(0, 6);
        // A: sent 07:30 for 09:00-10:00, 92 %, p50 09:30; tapped arrival 09:40 -> in time (130 min), hit, |err| 10.
        UUID a = visit(techA, 1);
        firstWindow(a, techA, at("07:30"), at("09:00"), 0.92, at("09:30"));
        tap(a, techA, at("09:40"));
        // B: sent 08:00 for 10:00-11:00, 96 %, p50 10:20; tap 10:50 but the trace says 11:10 -> miss, |err| 50.
        UUID b = visit(techA, 2);
        firstWindow(b, techA, at("08:00"), at("10:00"), 0.96, at("10:20"));
        tap(b, techA, at("10:50"));
        mined(b, techA, at("11:10"));
        // C: sent 10:30 for 11:00-12:00 and arrived 11:15: only 45 min ahead, not in time (but in the horizon chart).
        UUID c = visit(techB, 1);
        firstWindow(c, techB, at("10:30"), at("11:00"), 0.97, at("11:20"));
        sql("update forecast set held_reason = 'expected wait 8 min, above 5', held_at = ? where appointment_id = ?",
                ts(at("10:10")), c);
        tap(c, techB, at("11:15"));
        // D: never got a window, arrived 13:00 -> a visit not covered.
        UUID d = visit(techB, 2);
        tap(d, techB, at("13:00"));
        // E: a window, but no arrival yet -> not counted at all.
        UUID e = visit(techB, 3);
        firstWindow(e, techB, at("12:00"), at("14:00"), 0.95, at("14:30"));
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

    private Instant at(String hhmm) {
        return day.atTime(LocalTime.parse(hhmm)).toInstant(ZoneOffset.UTC);
    }

    private UUID visit(String tech, int seq) throws Exception {
        UUID id = UUID.randomUUID();
        sql("insert into route_visit (technician_id, day, appointment_id, seq, job_type, lat, lon, planned_minutes) "
                + "values (?, ?, ?, ?, 'repair', 45.5, -122.6, 45)", tech, day, id, seq);
        return id;
    }

    private void firstWindow(UUID id, String tech, Instant sent, Instant start, double p, Instant p50)
            throws Exception {
        OffsetDateTime end = ts(start.plusSeconds(3600));
        sql("insert into forecast (appointment_id, technician_id, day, p50, window_start, window_end, probability, "
                        + "computed_at, model_version, published_version, first_published_at, first_window_start, "
                        + "first_window_end, first_probability, first_p50, first_model_version) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, 'v-test', 1, ?, ?, ?, ?, ?, 'v-test')",
                id, tech, day, ts(p50), ts(start), end, p, ts(sent),
                ts(sent), ts(start), end, p, ts(p50));
    }

    private void tap(UUID id, String tech, Instant at) throws Exception {
        sql("insert into visit_event (event_id, technician_id, appointment_id, status, device_time, received_at) "
                + "values (?, ?, ?, 'ARRIVED', ?, ?)", UUID.randomUUID(), tech, id, ts(at),
                ts(at));
    }

    private void mined(UUID id, String tech, Instant arrival) throws Exception {
        sql("insert into mined_visit (appointment_id, technician_id, day, arrival, arrival_source, stops, stopped_s, "
                + "driven_m, detour, mined_at) values (?, ?, ?, ?, 'TRACE_TAP_EARLY', 0, 0, 0, false, ?)",
                id, tech, day, ts(arrival), ts(arrival));
    }

    private static OffsetDateTime ts(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private void sql(String sql, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
