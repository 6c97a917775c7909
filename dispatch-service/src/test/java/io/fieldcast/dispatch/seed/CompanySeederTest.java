package io.fieldcast.dispatch.seed;

import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.roadnetwork.GeoPoint;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

/**
 * The demo company file, seeded the way start-up seeds it ({@code fieldcast.seed.company}), in the shared test
 * application: its territory and technicians get a prefix so they cannot meet other tests' records, and the
 * application is not restarted for a profile of its own.
 */
@QuarkusTest
class CompanySeederTest {

    private static final String PREFIX = "seeded-";

    @Inject
    CompanySeeder seeder;
    @Inject
    TokenIssuer tokens;
    @Inject
    Roads roads;

    @Test
    void demoCompanyIsLoadedFromTheFileWithHomesOnTheMapAndSeedingTwiceAddsNothing() throws Throwable {
        CompanyFile company = prefixed(CompanySeeder.read("classpath:seed/demo-company.json"));

        int created = seed(company);
        int again = seed(company);

        Assertions.assertTrue(created >= 31, "one territory and 30 technicians at least: " + created);
        Assertions.assertEquals(0, again, "entries that exist already are kept");
        String token = tokens.forUser("dana", Set.of(Roles.DISPATCHER)).token();
        given().auth().oauth2(token).get("/api/technicians?territory=" + PREFIX + "metro").then().statusCode(200)
                .body("size()", equalTo(30))
                .body("id", hasItems(PREFIX + "tech-01", PREFIX + "tech-30"));
        given().auth().oauth2(token).get("/api/job-types").then().statusCode(200)
                .body("code", hasItems("REPAIR", "INSTALL", "CHECK"));
        given().auth().oauth2(token).get("/api/territories").then().statusCode(200)
                .body("id", hasItem(PREFIX + "metro"));
        var home = given().auth().oauth2(token).get("/api/technicians/" + PREFIX + "tech-07").then().statusCode(200)
                .extract().jsonPath();
        // Homes were drawn from the map's residential streets, so they snap within a few metres.
        double snapDistance = roads.network().snap(new GeoPoint(home.getDouble("homeLat"),
                home.getDouble("homeLon"))).distanceMeters();
        Assertions.assertTrue(snapDistance < 5, "home is on a road: " + snapDistance);
    }

    private int seed(CompanyFile company) throws Throwable {
        return Reactive.inTransaction(() -> seeder.seed(company, roads));
    }

    private static CompanyFile prefixed(CompanyFile file) {
        return new CompanyFile(
                file.territories().stream().map(t -> new CompanyFile.TerritorySeed(PREFIX + t.id(), t.name(),
                        t.timeZone(), t.centerLat(), t.centerLon(), t.radiusKm(), t.windowProfile(),
                        t.emergencyReservePct())).toList(),
                file.jobTypes(),
                file.technicians().stream().map(t -> new CompanyFile.TechnicianSeed(PREFIX + t.id(), t.name(),
                        t.phone(), PREFIX + t.territoryId(), t.homeLat(), t.homeLon(), t.skills(), t.weeklyShifts(),
                        t.breakMinutes(), t.breakWindow())).toList());
    }
}
