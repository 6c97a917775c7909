package io.fieldcast.mobile.auth;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.events.Events;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.TechnicianStatusChanged;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class DeviceAuthResourceTest {

    @Inject
    TokenIssuer tokens;
    @Inject
    AgroalDataSource db;
    @Inject
    EventPublisher publisher;

    @Test
    void deviceTokenIsBoundToItsTechnician() {
        String token = login("tech-2", "2222", "pixel-7").getString("token");
        given().auth().oauth2(token).get("/api/me").then().statusCode(200)
                .body("technicianId", equalTo("tech-2"))
                .body("device", equalTo("device:pixel-7"));
    }

    @Test
    void anotherTechniciansSecretIs401() {
        given().contentType("application/json")
                .body("{\"technicianId\":\"tech-1\",\"secret\":\"2222\",\"deviceId\":\"pixel-7\"}")
                .post("/api/auth/device").then().statusCode(401);
    }

    @Test
    void guessingASecretLocksTheTechnicianOutWith429() {
        String body = "{\"technicianId\":\"tech-guessed\",\"secret\":\"0000\",\"deviceId\":\"pixel-7\"}";
        for (int i = 0; i < 6; i++) {
            given().contentType("application/json").body(body).post("/api/auth/device").then().statusCode(401);
        }
        given().contentType("application/json").body(body).post("/api/auth/device").then().statusCode(429)
                .header("Retry-After", "30");
        assertEquals(6, audit("technician", "tech-guessed").stream().filter(a -> a.startsWith("DEVICE_LOGIN_FAILED"))
                .count(), "every checked attempt is audited");
    }

    @Test
    void malformedTechnicianIdIs400NamingTheField() {
        given().contentType("application/json")
                .body("{\"technicianId\":\"../etc/passwd\",\"secret\":\"1\",\"deviceId\":\"d\"}")
                .post("/api/auth/device").then().statusCode(400)
                .body("fields.field", hasItem("technicianId"));
    }

    @Test
    void dispatcherTokenCannotUseTheTechnicianApi() {
        given().auth().oauth2(tokens.forUser("dana", Set.of(Roles.DISPATCHER)).token())
                .get("/api/me").then().statusCode(403);
    }

    @Test
    void refreshRotatesAndTheOldRefreshTokenStopsWorking() {
        JsonPath first = login("tech-1", "1111", device());
        JsonPath second = refresh(first.getString("refreshToken")).then().statusCode(200)
                .body("technicianId", equalTo("tech-1")).body("token", notNullValue())
                .extract().jsonPath();
        given().auth().oauth2(second.getString("token")).get("/api/me").then().statusCode(200);

        // Replaying the rotated token looks like theft: refused, and the whole session ends with it.
        refresh(first.getString("refreshToken")).then().statusCode(401);
        refresh(second.getString("refreshToken")).then().statusCode(401);
        given().auth().oauth2(second.getString("token")).get("/api/me").then().statusCode(401);
    }

    @Test
    void logoutRevokesBothTheAccessAndTheRefreshToken() {
        String device = device();
        JsonPath session = login("tech-1", "1111", device);
        String token = session.getString("token");
        given().auth().oauth2(token).post("/api/auth/logout").then().statusCode(204);
        assertEquals(List.of("DEVICE_LOGOUT by device:" + device), audit("device", "tech-1/" + device),
                "the logout is audited");

        given().auth().oauth2(token).get("/api/me").then().statusCode(401)
                .body("message", equalTo("this device was logged out or revoked; log in again"));
        refresh(session.getString("refreshToken")).then().statusCode(401);
    }

    @Test
    void dispatcherRevokesADeviceAndItsRefreshFails() {
        String device = device();
        JsonPath session = login("tech-2", "2222", device);
        String dispatcher = tokens.forUser("dana", Set.of(Roles.DISPATCHER)).token();

        given().auth().oauth2(dispatcher).post("/api/technicians/tech-2/devices/" + device + "/revoke")
                .then().statusCode(200).body("sessionsRevoked", equalTo(1));

        refresh(session.getString("refreshToken")).then().statusCode(401);
        given().auth().oauth2(session.getString("token")).get("/api/me").then().statusCode(401);
        given().auth().oauth2(dispatcher).get("/api/technicians/tech-2/devices").then().statusCode(200)
                .body("find { it.deviceId == '" + device + "' }.revokedBy", equalTo("dispatcher dana"));
        // Other phones of the technician keep working.
        given().auth().oauth2(login("tech-2", "2222", device()).getString("token")).get("/api/me").then()
                .statusCode(200);
        assertEquals(List.of("DEVICE_REVOKED by dispatcher dana"),
                audit("device", "tech-2/" + device), "the revocation is audited");
        assertTrue(audit("technician", "tech-2").contains("DEVICE_LOGIN by device:" + device), "so is the login");
    }

    @Test
    void anEnrolmentCodeIsShownOnceReplacesTheSecretAndEndsTheOldSessions() {
        String tech = "tech-enrol-" + UUID.randomUUID().toString().substring(0, 6);
        String admin = tokens.forUser("root", Set.of(Roles.ADMIN)).token();
        String first = given().auth().oauth2(admin).post("/api/technicians/" + tech + "/devices/enrolment").then()
                .statusCode(200).extract().path("code");
        assertTrue(first.matches("[A-Z2-9]{5}(-[A-Z2-9]{5}){3}"), first);
        JsonPath session = login(tech, first, device());

        String second = given().auth().oauth2(admin).post("/api/technicians/" + tech + "/devices/enrolment").then()
                .statusCode(200).body("sessionsRevoked", equalTo(1)).extract().path("code");
        given().auth().oauth2(session.getString("token")).get("/api/me").then().statusCode(401);
        given().contentType("application/json").body(Map.of("technicianId", tech, "secret", first, "deviceId",
                device())).post("/api/auth/device").then().statusCode(401);
        login(tech, second, device());
        assertTrue(audit("technician", tech).contains("DEVICE_ENROLMENT_ISSUED by dispatcher root"),
                audit("technician", tech).toString());
        // A supervisor reads; a dispatcher of a territory that is not the technician's does not see them.
        given().auth().oauth2(tokens.forUser("sam", Set.of(Roles.SUPERVISOR), List.of("north")).token())
                .post("/api/technicians/" + tech + "/devices/enrolment").then().statusCode(403);
        given().auth().oauth2(tokens.forUser("nora", Set.of(Roles.DISPATCHER), List.of("north")).token())
                .post("/api/technicians/" + tech + "/devices/enrolment").then().statusCode(404);
    }

    @Test
    void aDispatcherManagesThePhonesOfTheirTerritorysTechniciansOnly() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String mine = "north-" + run;
        String tech = "tech-n-" + run;
        LocalDate day = LocalDate.of(2026, 3, 2);
        Instant start = day.atTime(8, 0).toInstant(ZoneOffset.UTC);
        publisher.send(new RoutePlanned(Events.newId(), start.minusSeconds(3600), 1, tech, mine, day, 1,
                new GeoPosition(42.5, 1.52), new GeoPosition(42.5, 1.52), start, start.plusSeconds(9 * 3600),
                List.of())).get();
        String scoped = tokens.forUser("nora", Set.of(Roles.DISPATCHER), List.of(mine)).token();
        String elsewhere = tokens.forUser("sven", Set.of(Roles.DISPATCHER), List.of("south-" + run)).token();
        int status = 0;
        for (int i = 0; i < 100 && status != 200; i++) {
            Thread.sleep(200);
            status = given().auth().oauth2(scoped).get("/api/technicians/" + tech + "/devices").statusCode();
        }
        assertEquals(200, status, "the dispatcher of the technician's territory lists the phones");
        given().auth().oauth2(elsewhere).get("/api/technicians/" + tech + "/devices").then().statusCode(404);
        given().auth().oauth2(elsewhere).post("/api/technicians/" + tech + "/devices/d1/revoke").then()
                .statusCode(404);
        // A technician with no route known here is nobody's but an admin's.
        given().auth().oauth2(scoped).get("/api/technicians/tech-2/devices").then().statusCode(404);
        String supervisor = tokens.forUser("sam", Set.of(Roles.SUPERVISOR), List.of(mine)).token();
        given().auth().oauth2(supervisor).get("/api/technicians/" + tech + "/devices").then().statusCode(200);
        given().auth().oauth2(supervisor).post("/api/technicians/" + tech + "/devices/d1/revoke").then()
                .statusCode(403);
    }

    @Test
    void deactivatingATechnicianEndsEveryPhoneSessionUntilReactivated() throws Exception {
        JsonPath session = login("tech-3", "3333", device());
        String root = tokens.forUser("root", Set.of(Roles.ADMIN)).token();

        publisher.send(new TechnicianStatusChanged(Events.newId(), Instant.now(), 1, "tech-3", false, "root")).get();
        awaitStatus("tech-3", "3333", 401);
        refresh(session.getString("refreshToken")).then().statusCode(401);
        given().auth().oauth2(session.getString("token")).get("/api/me").then().statusCode(401);
        given().auth().oauth2(root).get("/api/technicians/tech-3/devices").then().statusCode(200)
                .body("revokedBy", hasItem("deactivated by root"));
        assertTrue(audit("technician", "tech-3").contains("DEACTIVATED by root"), "audited");

        publisher.send(new TechnicianStatusChanged(Events.newId(), Instant.now(), 1, "tech-3", true, "root")).get();
        awaitStatus("tech-3", "3333", 200);
    }

    /** Waits until the handler applied the event (it travels through Kafka first), then logs in once. */
    private void awaitStatus(String tech, String secret, int status) throws Exception {
        boolean active = status == 200;
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (credentialActive(tech) != active && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        given().contentType("application/json").body("{\"technicianId\":\"" + tech + "\",\"secret\":\"" + secret
                + "\",\"deviceId\":\"" + device() + "\"}").post("/api/auth/device").then().statusCode(status);
    }

    private boolean credentialActive(String tech) throws SQLException {
        try (var c = db.getConnection();
             var st = c.prepareStatement("select active from device_credential where technician_id = ?")) {
            st.setString(1, tech);
            try (var rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private List<String> audit(String type, String id) {
        List<String> rows = new ArrayList<>();
        try (var c = db.getConnection(); var st = c.prepareStatement(
                "select action, actor from audit_log where entity_type = ? and entity_id = ? order by id")) {
            st.setString(1, type);
            st.setString(2, id);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " by " + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @Test
    void technicianCannotRevokeDevices() {
        given().auth().oauth2(tokens.forTechnician("tech-1", "phone").token())
                .post("/api/technicians/tech-2/devices/x/revoke").then().statusCode(403);
    }

    @Test
    void garbageRefreshTokenIs401() {
        refresh("not-a-token").then().statusCode(401);
        refresh(UUID.randomUUID() + ".forged").then().statusCode(401);
    }

    private static String device() {
        return "phone-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonPath login(String tech, String secret, String device) {
        return given().contentType("application/json")
                .body("{\"technicianId\":\"" + tech + "\",\"secret\":\"" + secret + "\",\"deviceId\":\"" + device
                        + "\"}")
                .post("/api/auth/device").then().statusCode(200).extract().jsonPath();
    }

    private static Response refresh(String refreshToken) {
        return given().contentType("application/json").body("{\"refreshToken\":\"" + refreshToken + "\"}")
                .post("/api/auth/refresh");
    }
}
