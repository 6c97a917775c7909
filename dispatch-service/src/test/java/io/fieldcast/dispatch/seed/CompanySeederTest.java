package io.fieldcast.dispatch.seed;

import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.roadnetwork.GeoPoint;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@TestProfile(CompanySeederTest.DemoCompany.class)
class CompanySeederTest {

    public static class DemoCompany implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fieldcast.seed.company", "classpath:seed/demo-company.json");
        }
    }

    @Inject
    TokenIssuer tokens;
    @Inject
    Roads roads;

    @Test
    void demoCompanyIsLoadedFromTheFileWithHomesOnTheMap() {
        String token = tokens.forUser("dana", Set.of(Roles.DISPATCHER)).token();
        given().auth().oauth2(token).get("/api/technicians?territory=metro").then().statusCode(200)
                .body("size()", equalTo(30))
                .body("id", hasItems("tech-01", "tech-30"));
        given().auth().oauth2(token).get("/api/job-types").then().statusCode(200)
                .body("code", hasItems("REPAIR", "INSTALL", "CHECK"));
        given().auth().oauth2(token).get("/api/territories").then().statusCode(200)
                .body("id", hasItem("metro"));
        var home = given().auth().oauth2(token).get("/api/technicians/tech-07").then().statusCode(200)
                .extract().jsonPath();
        // Homes were drawn from the map's residential streets, so they snap within a few metres.
        double snapDistance = roads.network().snap(new GeoPoint(home.getDouble("homeLat"),
                home.getDouble("homeLon"))).distanceMeters();
        Assertions.assertTrue(snapDistance < 5, "home is on a road: " + snapDistance);
    }
}
