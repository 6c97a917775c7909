package io.fieldcast.platform.it;

import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.OpenApiSecurityAudit;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class SecurityAndErrorsTest {

    @Inject
    TokenIssuer tokens;

    @Test
    void everyOperationOutsideTheAllowListNeedsAToken() {
        OpenApiSecurityAudit.assertOnlyAllowListedOperationsArePublic(Set.of("GET /test/notes/public/ping"),
                tokens.forUser("admin-ops", Set.of(Roles.ADMIN)).token());
    }

    @Test
    void anonymousWriteIs401() {
        given().contentType("application/json").body("{\"text\":\"x\"}").post("/test/notes").then().statusCode(401)
                .body("message", containsString("bearer token"));
    }

    @Test
    void technicianTokenOnDispatcherOperationIs403() {
        String token = tokens.forTechnician("tech-1", "phone-1").token();
        given().auth().oauth2(token).contentType("application/json").body("{\"text\":\"x\"}")
                .post("/test/notes").then().statusCode(403);
    }

    @Test
    void unannotatedEndpointIsDeniedEvenWithAToken() {
        given().auth().oauth2(dispatcher()).get("/test/notes/unannotated").then().statusCode(403);
    }

    @Test
    void tokenSignedByAnotherKeyIs401() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.issuer("https://fieldcast.io/platform").subject("mallory")
                .groups(Set.of(Roles.ADMIN, Roles.DISPATCHER)).sign(generator.generateKeyPair().getPrivate());
        given().auth().oauth2(forged).get("/test/notes/" + UUID.randomUUID()).then().statusCode(401)
                .body("error", equalTo("unauthorized"));
    }

    @Test
    void invalidPhoneIs400NamingTheField() {
        given().auth().oauth2(dispatcher()).contentType("application/json")
                .body("{\"text\":\"ok\",\"phone\":\"555-1234\"}")
                .post("/test/notes").then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("fields.field", hasItem("phone"))
                .body("message", containsString("E.164"));
    }

    @Test
    void oversizedAndBlankFieldsAre400() {
        given().auth().oauth2(dispatcher()).contentType("application/json")
                .body("{\"text\":\"" + "x".repeat(51) + "\"}")
                .post("/test/notes").then().statusCode(400).body("fields.field", hasItem("text"));
    }

    @Test
    void malformedJsonIs400WithoutStackTrace() {
        given().auth().oauth2(dispatcher()).contentType("application/json").body("{\"text\": ")
                .post("/test/notes").then().statusCode(400)
                .body("error", equalTo("invalid_json"))
                .body(not(containsString("Exception")));
    }

    @Test
    void unknownIdIs404WithMessage() {
        given().auth().oauth2(dispatcher()).get("/test/notes/" + UUID.randomUUID()).then().statusCode(404)
                .body("message", containsString("not found"));
    }

    @Test
    void databaseAwayForAMomentIs503WithRetryAfterNot500() {
        given().auth().oauth2(dispatcher()).get("/test/notes/database-away").then().statusCode(503)
                .header("Retry-After", "2")
                .body("error", equalTo("temporarily_unavailable"))
                .body("message", containsString("try again"));
    }

    @Test
    void badPathParameterIs404Not500() {
        given().auth().oauth2(dispatcher()).get("/test/notes/not-a-uuid").then().statusCode(404);
    }

    @Test
    void readinessReportsDatabaseAndKafkaUp() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void prometheusMetricsAreServedToAdminsOnly() {
        given().get("/q/metrics").then().statusCode(401);
        given().auth().oauth2(dispatcher()).get("/q/metrics").then().statusCode(403);
        given().auth().oauth2(tokens.forUser("admin-ops", Set.of(Roles.ADMIN)).token()).get("/q/metrics").then()
                .statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    private String dispatcher() {
        return tokens.forUser("dispatcher-ana", Set.of(Roles.DISPATCHER)).token();
    }
}
