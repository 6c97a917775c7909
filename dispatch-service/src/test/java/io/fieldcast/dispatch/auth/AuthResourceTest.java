package io.fieldcast.dispatch.auth;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AuthResourceTest {

    @Inject
    AgroalDataSource db;

    @Test
    void seededAdminLogsInAndTokenCarriesRoles() {
        String token = given().contentType("application/json")
                .body("{\"username\":\"root\",\"password\":\"root-secret\"}")
                .post("/api/auth/login").then().statusCode(200)
                .body("roles", containsInAnyOrder("admin", "dispatcher"))
                .extract().path("token");
        given().auth().oauth2(token).get("/api/auth/me").then().statusCode(200)
                .body("username", equalTo("root"))
                .body("roles", hasItem("admin"));
    }

    @Test
    void wrongPasswordIs401WithoutSayingWhichPartWasWrong() {
        given().contentType("application/json").body("{\"username\":\"dana\",\"password\":\"guess\"}")
                .post("/api/auth/login").then().statusCode(401)
                .body("message", equalTo("unknown username or wrong password"));
        given().contentType("application/json").body("{\"username\":\"nobody\",\"password\":\"guess\"}")
                .post("/api/auth/login").then().statusCode(401)
                .body("message", equalTo("unknown username or wrong password"));
    }

    @Test
    void repeatedFailuresLockTheNameWith429AndRetryAfterAndEveryAttemptIsAudited() throws Exception {
        String name = "mallory-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"username\":\"" + name + "\",\"password\":\"guess\"}";
        for (int i = 0; i < 6; i++) {
            given().contentType("application/json").body(body).post("/api/auth/login").then().statusCode(401);
        }
        given().contentType("application/json").body(body).post("/api/auth/login").then().statusCode(429)
                .header("Retry-After", "30")
                .body("message", containsString("too many failed logins"));
        assertEquals(6, auditRows(name, "LOGIN_FAILED"), "each checked attempt is audited, the refused one is not");

        given().contentType("application/json").body("{\"username\":\"ivan\",\"password\":\"ivan-secret\"}")
                .post("/api/auth/login").then().statusCode(200);
        assertTrue(auditRows("ivan", "LOGIN") >= 1, "a login is audited");
    }

    private long auditRows(String username, String action) throws Exception {
        try (var c = db.getConnection(); var st = c.prepareStatement(
                "select count(*) from audit_log where entity_type = 'user' and entity_id = ? and action = ?")) {
            st.setString(1, username);
            st.setString(2, action);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void missingUsernameIs400NamingTheField() {
        given().contentType("application/json").body("{\"password\":\"x\"}")
                .post("/api/auth/login").then().statusCode(400)
                .body("fields.field", hasItem("username"));
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() throws Exception {
        try (var c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "select password_hash from app_user where username = 'dana'")) {
            assertTrue(rs.next());
            String hash = rs.getString(1);
            assertTrue(hash.startsWith("$2"), hash);
            assertNotEquals("dana-secret", hash);
        }
    }

    @Test
    void meWithoutTokenIs401() {
        given().get("/api/auth/me").then().statusCode(401);
    }
}
