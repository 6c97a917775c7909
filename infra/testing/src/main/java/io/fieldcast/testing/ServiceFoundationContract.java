package io.fieldcast.testing;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * What every Fieldcast service promises operators: readiness that really checks its database and Kafka,
 * an OpenAPI document with Swagger UI for console users and integrations, Prometheus metrics for admins, and no
 * operation public by accident.
 * A service's test extends this (annotated {@code @QuarkusTest}) and names its public operations.
 */
public abstract class ServiceFoundationContract {

    /** Operations that are deliberately reachable without a token, as {@code "POST /api/auth/login"}. */
    protected abstract Set<String> publicOperations();

    @Test
    void readinessChecksDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiAndSwaggerUiAreServedToConsoleUsersAndIntegrationsOnly() {
        given().get("/q/openapi").then().statusCode(401);
        given().get("/q/swagger-ui/").then().statusCode(401);
        for (String role : new String[] {"dispatcher", "supervisor", "integration", "admin"}) {
            given().auth().oauth2(tokenWithRole(role)).get("/q/openapi").then().statusCode(200)
                    .body(containsString("openapi"));
        }
        given().auth().oauth2(tokenWithRole("admin")).get("/q/swagger-ui/").then().statusCode(200);
    }

    /** A valid platform token of a user with exactly {@code role}. */
    protected abstract String tokenWithRole(String role);

    @Test
    void prometheusMetricsAreServedToAdminsOnly() {
        given().get("/q/metrics").then().statusCode(401);
        given().auth().oauth2(tokenWithRole("dispatcher")).get("/q/metrics").then().statusCode(403);
        given().auth().oauth2(tokenWithRole("admin")).get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (String path : new String[] {"/q/health/live", "/q/openapi", "/q/metrics", "/no-such-page"}) {
            given().get(path).then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
        // Pages run only their own origin's script files: an injected inline script does not run.
        given().get("/no-such-page").then().header("Content-Security-Policy", containsString("script-src 'self'"));
    }

    @Test
    void everyOperationOutsideTheAllowListNeedsAToken() {
        OpenApiSecurityAudit.assertOnlyAllowListedOperationsArePublic(publicOperations(), tokenWithRole("admin"));
    }
}
