package io.fieldcast.mobile.auth;

import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class DeviceAuthResourceTest {

    @Inject
    TokenIssuer tokens;

    @Test
    void deviceTokenIsBoundToItsTechnician() {
        String token = given().contentType("application/json")
                .body("{\"technicianId\":\"tech-2\",\"secret\":\"2222\",\"deviceId\":\"pixel-7\"}")
                .post("/api/auth/device").then().statusCode(200)
                .body("technicianId", equalTo("tech-2"))
                .extract().path("token");
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
}
