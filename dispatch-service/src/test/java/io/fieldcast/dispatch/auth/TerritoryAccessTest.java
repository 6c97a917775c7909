package io.fieldcast.dispatch.auth;

import io.fieldcast.dispatch.Await;
import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.events.Topics;
import io.fieldcast.events.UserAccessChanged;
import io.fieldcast.testing.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users, roles and territories as data: an admin creates a dispatcher of one territory, a supervisor and an
 * integration client; each sees and changes only what its role and territories allow, in the queries themselves;
 * disabling a user ends their sessions at once through the broker.
 */
@QuarkusTest
class TerritoryAccessTest {

    private static final String PASSWORD = "correct horse battery";

    @Inject
    TestCompanies companies;

    TestCompany f;
    String north;
    String south;
    String northId;
    String southId;

    @BeforeEach
    void twoTerritories() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        north = "north-" + run;
        south = "south-" + run;
        f = companies.empty();
        f.jobTypes();
        territory(north);
        territory(south);
        f.technician(north + "-tech", north, 0, Map.of());
        f.technician(south + "-tech", south, 1, Map.of());
        northId = book(2, north, "Nina North");
        southId = book(3, south, "Sven South");
    }

    /**
     * A territory whose centre is far from the test addresses and whose radius is tiny: other tests' bookings by
     * address never land in it (the test database is shared); bookings here name it.
     */
    private void territory(String id) {
        given().auth().oauth2(f.admin).contentType("application/json").body(Map.of("id", id, "name", id,
                        "timeZone", "UTC", "centerLat", f.center.lat() + 1.0, "centerLon", f.center.lon(),
                        "radiusKm", 0.1, "windowProfile", "08:00-12:00,12:00-16:00,16:00-20:00",
                        "emergencyReservePct", 0))
                .put("/api/territories/" + id).then().statusCode(200);
    }

    private String book(int address, String territory, String name) {
        String body = f.bookingJson(f.addresses.get(address), "REPAIR", "2026-04-14T08:00:00Z",
                "2026-04-14T12:00:00Z", territory).replace("Rosa Diaz", name)
                // A phone of its own: other tests find "their" caller by the shared fixture phone.
                .replace("+12125550123", "+1212555" + (1000 + address * 7 + Math.abs(territory.hashCode() % 900)));
        return given().auth().oauth2(f.admin).contentType("application/json").body(body)
                .post("/api/appointments").then().statusCode(201).extract().path("id");
    }

    private String user(String prefix, String kind, List<String> roles, List<String> territories) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        var body = new java.util.HashMap<String, Object>(Map.of("username", name, "kind", kind, "roles", roles,
                "territories", territories));
        if ("person".equals(kind)) {
            body.put("password", PASSWORD);
        }
        var created = given().auth().oauth2(f.admin).contentType("application/json").body(body)
                .post("/api/admin/users").then().statusCode(201)
                .body("user.username", equalTo(name)).body("user.kind", equalTo(kind))
                .extract();
        return "person".equals(kind) ? name : name + ":" + created.path("secret");
    }

    private static String login(String username, String password) {
        return given().contentType("application/json")
                .body(Map.of("username", username, "password", password))
                .post("/api/auth/login").then().statusCode(200).extract().path("token");
    }

    @Test
    void aDispatcherSeesAndChangesOnlyTheirTerritory() {
        String nora = user("nora", "person", List.of("dispatcher"), List.of(north));
        String token = login(nora, PASSWORD);
        given().auth().oauth2(token).get("/api/auth/me").then().statusCode(200)
                .body("territories", contains(north)).body("allTerritories", equalTo(false));

        // Lists are narrowed in the query; naming another territory is refused; ids of another are not found.
        given().auth().oauth2(token).queryParam("date", "2026-04-14").get("/api/appointments").then()
                .statusCode(200).body("items.id", hasItem(northId)).body("items.id", not(hasItem(southId)))
                .body("items.territoryId", everyItem(equalTo(north)));
        given().auth().oauth2(token).queryParam("territory", south).get("/api/appointments").then()
                .statusCode(403).body("error", equalTo("territory_forbidden"));
        given().auth().oauth2(token).get("/api/appointments/" + southId).then().statusCode(404);
        given().auth().oauth2(token).get("/api/appointments/" + northId).then().statusCode(200);
        given().auth().oauth2(token).contentType("application/json").body("{\"reason\":\"probe\"}")
                .post("/api/appointments/" + southId + "/cancel").then().statusCode(404);
        given().auth().oauth2(token).contentType("application/json")
                .body(f.bookingJson(f.addresses.get(4), "REPAIR", "2026-04-14T12:00:00Z", "2026-04-14T16:00:00Z",
                        south))
                .post("/api/appointments").then().statusCode(403);
        given().auth().oauth2(token).get("/api/territories").then().statusCode(200).body("id", contains(north));
        given().auth().oauth2(token).get("/api/technicians").then().statusCode(200)
                .body("id", contains(north + "-tech"));
        given().auth().oauth2(token).get("/api/technicians/" + south + "-tech").then().statusCode(404);
        given().auth().oauth2(token).get("/api/plans/" + south + "/2026-04-14").then().statusCode(403);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("seconds", 1))
                .post("/api/plans/" + south + "/2026-04-14/solve").then().statusCode(403);
        given().auth().oauth2(token).queryParam("territory", south).get("/api/positions").then().statusCode(403);
        given().auth().oauth2(token).queryParam("entity", "appointment").queryParam("id", southId)
                .get("/api/audit").then().statusCode(404);
        given().auth().oauth2(token).queryParam("q", "Sven").get("/api/customers").then().statusCode(200)
                .body("size()", equalTo(0));
        given().auth().oauth2(token).queryParam("q", "Nina North").get("/api/customers").then().statusCode(200)
                .body("name", hasItem("Nina North"));
        // A customer of the other territory cannot be booked by id in one's own (and so read through it).
        String southCustomer = given().auth().oauth2(f.admin).get("/api/appointments/" + southId).then()
                .extract().path("customerId");
        String byId = f.bookingJson(f.addresses.get(5), "REPAIR", "2026-04-14T12:00:00Z", "2026-04-14T16:00:00Z",
                north).replaceFirst("\"customer\"\\s*:\\s*\\{[^}]*}", "\"customerId\":\"" + southCustomer + "\"");
        given().auth().oauth2(token).contentType("application/json").body(byId).post("/api/appointments").then()
                .statusCode(400).body("message", containsString("unknown customer"));
        given().auth().oauth2(token).get("/api/customers/" + southCustomer).then().statusCode(404);
        // An admin still sees everything.
        given().auth().oauth2(f.admin).get("/api/appointments/" + southId).then().statusCode(200);
        // A re-plan of a territory that does not exist is refused, not answered 200 with an error inside.
        given().auth().oauth2(f.admin).contentType("application/json").body("{}")
                .post("/api/plans/nowhere-" + north + "/2026-04-14/replan").then().statusCode(400);
    }

    @Test
    void aSupervisorReadsButChangesNothing() {
        String sam = user("sam", "person", List.of("supervisor"), List.of(north));
        String token = login(sam, PASSWORD);
        given().auth().oauth2(token).queryParam("territory", north).get("/api/appointments").then()
                .statusCode(200).body("items.id", hasItem(northId));
        given().auth().oauth2(token).contentType("application/json").body("{\"reason\":\"no\"}")
                .post("/api/appointments/" + northId + "/cancel").then().statusCode(403);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("seconds", 1))
                .post("/api/plans/" + north + "/2026-04-14/solve").then().statusCode(403);
        given().auth().oauth2(token).get("/api/admin/users").then().statusCode(403);
    }

    @Test
    void anIntegrationClientGetsATokenForItsScopesAndTerritoriesOnly() {
        String[] client = user("crm", "integration", List.of("supervisor"), List.of(south)).split(":", 2);
        String token = given().contentType("application/json")
                .body(Map.of("clientId", client[0], "clientSecret", client[1]))
                .post("/api/auth/token").then().statusCode(200)
                .body("roles", hasItem("integration")).extract().path("token");
        given().auth().oauth2(token).queryParam("date", "2026-04-14").get("/api/appointments").then()
                .statusCode(200).body("items.id", hasItem(southId)).body("items.id", not(hasItem(northId)));
        given().auth().oauth2(token).contentType("application/json").body("{\"reason\":\"no\"}")
                .post("/api/appointments/" + southId + "/cancel").then().statusCode(403);
        // A client secret is not a console password.
        given().contentType("application/json").body(Map.of("username", client[0], "password", client[1]))
                .post("/api/auth/login").then().statusCode(401);
        given().contentType("application/json").body(Map.of("clientId", client[0], "clientSecret", "wrong-secret"))
                .post("/api/auth/token").then().statusCode(401);
    }

    @Test
    void disablingAUserEndsTheirSessionsAtOnceAndIsAudited() throws InterruptedException {
        String nora = user("nora", "person", List.of("dispatcher"), List.of(north));
        String token = login(nora, PASSWORD);
        given().auth().oauth2(token).get("/api/auth/me").then().statusCode(200);
        long version = ((Number) given().auth().oauth2(f.admin).get("/api/admin/users/" + nora).then()
                .statusCode(200).extract().path("version")).longValue();
        try (EventProbe probe = EventProbe.atEnd(Topics.USERS)) {
            given().auth().oauth2(f.admin).contentType("application/json").header("If-Match", "\"" + version + "\"")
                    .body(Map.of("active", false)).patch("/api/admin/users/" + nora).then().statusCode(200)
                    .body("active", equalTo(false));
            var told = probe.await(UserAccessChanged.class, e -> e.username().equals(nora), 1,
                    Duration.ofSeconds(20));
            assertFalse(told.getFirst().active());
        }
        Await.until(() -> given().auth().oauth2(token).get("/api/auth/me").statusCode() == 401,
                "the disabled user's token is refused");
        given().contentType("application/json").body(Map.of("username", nora, "password", PASSWORD))
                .post("/api/auth/login").then().statusCode(401);
        // A stale version is a lost update: refused.
        given().auth().oauth2(f.admin).contentType("application/json").header("If-Match", "\"" + version + "\"")
                .body(Map.of("active", true)).patch("/api/admin/users/" + nora).then().statusCode(409);
        given().auth().oauth2(f.admin).queryParam("entity", "user").queryParam("id", nora).get("/api/audit")
                .then().statusCode(200).body("action", hasItem("CREATED")).body("action", hasItem("DISABLED"));
    }

    @Test
    void signingOutEndsEverySessionOfTheUserAndANewSignInWorks() throws InterruptedException {
        String omar = user("omar", "person", List.of("dispatcher"), List.of(north));
        String first = login(omar, PASSWORD);
        Thread.sleep(1100); // tokens count whole seconds: a second session, issued later than the first
        String second = login(omar, PASSWORD);
        Thread.sleep(1100);
        try (EventProbe probe = EventProbe.atEnd(Topics.USERS)) {
            given().auth().oauth2(second).post("/api/auth/sign-out").then().statusCode(204);
            probe.await(UserAccessChanged.class, e -> e.username().equals(omar), 1, Duration.ofSeconds(20));
        }
        for (String token : List.of(first, second)) {
            Await.until(() -> given().auth().oauth2(token).get("/api/auth/me").statusCode() == 401,
                    "a token from before the sign-out is refused");
        }
        Thread.sleep(1100);
        String again = login(omar, PASSWORD);
        given().auth().oauth2(again).get("/api/auth/me").then().statusCode(200);
        given().post("/api/auth/sign-out").then().statusCode(401);
        given().auth().oauth2(f.admin).queryParam("entity", "user").queryParam("id", omar).get("/api/audit")
                .then().statusCode(200).body("action", hasItem("SIGNED_OUT"));
    }

    @Test
    void aPasswordResetEndsTheOldPasswordAndAChangedOneWorks() {
        String ivo = user("ivo", "person", List.of("dispatcher"), List.of("*"));
        String secret = given().auth().oauth2(f.admin).post("/api/admin/users/" + ivo + "/password-reset").then()
                .statusCode(200).extract().path("secret");
        given().contentType("application/json").body(Map.of("username", ivo, "password", PASSWORD))
                .post("/api/auth/login").then().statusCode(401);
        String token = login(ivo, secret);
        given().auth().oauth2(token).get("/api/auth/me").then().statusCode(200)
                .body("allTerritories", equalTo(true));
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("currentPassword", secret, "newPassword", "short"))
                .post("/api/auth/password").then().statusCode(400).body("message", containsString("12"));
        String fresh = given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("currentPassword", secret, "newPassword", "a much longer passphrase"))
                .post("/api/auth/password").then().statusCode(200).extract().path("token");
        given().auth().oauth2(fresh).get("/api/auth/me").then().statusCode(200);
        login(ivo, "a much longer passphrase");
    }

    @Test
    void badUserRequestsAreRefusedWithWhatIsWrong() {
        given().auth().oauth2(f.admin).contentType("application/json")
                .body(Map.of("username", "x-" + UUID.randomUUID().toString().substring(0, 6), "roles",
                        List.of("dispatcher"), "territories", List.of("atlantis"), "password", PASSWORD))
                .post("/api/admin/users").then().statusCode(400).body("message", containsString("atlantis"));
        given().auth().oauth2(f.admin).contentType("application/json")
                .body(Map.of("username", "y-" + UUID.randomUUID().toString().substring(0, 6), "roles",
                        List.of("wizard"), "territories", List.of(north)))
                .post("/api/admin/users").then().statusCode(400).body("message", containsString("wizard"));
        given().auth().oauth2(f.admin).contentType("application/json")
                .body(Map.of("username", "Bad Name!", "roles", List.of("dispatcher"), "territories", List.of(north)))
                .post("/api/admin/users").then().statusCode(400);
        given().auth().oauth2(f.admin).contentType("application/json")
                .body(Map.of("username", "z-" + UUID.randomUUID().toString().substring(0, 6), "roles",
                        List.of("dispatcher"), "territories", List.of(north), "password", "short"))
                .post("/api/admin/users").then().statusCode(400).body("message", containsString("12"));
        given().auth().oauth2(f.admin).contentType("application/json")
                .body(Map.of("username", "root", "roles", List.of("admin"), "password", PASSWORD))
                .post("/api/admin/users").then().statusCode(409);
        String dispatcherToken = login("dana", "dana-secret");
        given().auth().oauth2(dispatcherToken).get("/api/admin/users").then().statusCode(403);
        List<String> names = given().auth().oauth2(f.admin).get("/api/admin/users").then().statusCode(200)
                .extract().jsonPath().getList("username");
        assertTrue(names.contains("root"), names.toString());
        assertEquals(-1, given().auth().oauth2(f.admin).get("/api/admin/users").asString().indexOf("$2a$"),
                "no password hash is ever shown");
    }
}
