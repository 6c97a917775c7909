package io.fieldcast.dispatch.testing;

import io.fieldcast.dispatch.Await;
import io.fieldcast.dispatch.domain.Json;
import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.roadnetwork.GeoPoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;

/**
 * A small company on the test city, made through the admin API (idempotent PUTs), and the calls tests make on it:
 * book, add technicians, solve and publish a day. Each test uses a territory of its own, so tests never meet.
 */
public final class TestCompany {

    public static final String WEEKDAYS = """
            {"MONDAY":"08:00-17:00","TUESDAY":"08:00-17:00","WEDNESDAY":"08:00-17:00",
             "THURSDAY":"08:00-17:00","FRIDAY":"08:00-17:00"}""";

    public final String admin;
    public final String dispatcher;
    /** 60 residential addresses of the test city, the same for every test. */
    public final List<GeoPoint> addresses;
    public final GeoPoint center;

    /** Tokens and addresses only: the caller makes territories, job types and technicians. */
    public TestCompany(TokenIssuer tokens, Roads roads) {
        admin = tokens.forUser("root", Set.of(Roles.ADMIN, Roles.DISPATCHER)).token();
        dispatcher = tokens.forUser("dana", Set.of(Roles.DISPATCHER)).token();
        addresses = roads.network().randomResidentialPoints(60, 42);
        center = roads.network().bounds().center();
    }

    /** The job types, {@code territory} without an emergency reserve and its technician {@code <territory>-tech}. */
    public static TestCompany create(TokenIssuer tokens, Roads roads, String territory) {
        TestCompany company = new TestCompany(tokens, roads);
        company.jobTypes();
        company.territory(territory, 0);
        company.technician(territory + "-tech", territory, company.addresses.get(0), Map.of(), WEEKDAYS);
        return company;
    }

    public String dispatcherToken() {
        return dispatcher;
    }

    public String adminToken() {
        return admin;
    }

    public void territory(String id, int reservePct) {
        put("/api/territories/" + id, Map.of("id", id, "name", id, "timeZone", "UTC",
                "centerLat", center.lat(), "centerLon", center.lon(), "radiusKm", 30,
                "windowProfile", "08:00-12:00,12:00-16:00,16:00-20:00", "emergencyReservePct", reservePct));
    }

    public void jobTypes() {
        put("/api/job-types/REPAIR", Map.of("code", "REPAIR", "name", "Repair", "defaultDurationMin", 60));
        put("/api/job-types/INSTALL", Map.of("code", "INSTALL", "name", "Fiber install", "defaultDurationMin", 90,
                "requiredSkills", Map.of("fiber", 2)));
        put("/api/job-types/QUICK", Map.of("code", "QUICK", "name", "Quick check", "defaultDurationMin", 30));
    }

    public void technician(String id, String territory, GeoPoint home, Map<String, Integer> skills,
                           String shiftsJson) {
        given().auth().oauth2(admin).contentType("application/json").body("""
                {"id":"%s","name":"%s","phone":"+12125550100","territoryId":"%s","homeLat":%s,"homeLon":%s,
                 "skills":%s,"weeklyShifts":%s,"breakMinutes":30}"""
                .formatted(id, id, territory, home.lat(), home.lon(), Json.write(skills),
                        shiftsJson))
                .put("/api/technicians/" + id).then().statusCode(200);
    }

    /** A weekday technician living at address number {@code home}. */
    public void technician(String id, String territory, int home, Map<String, Integer> skills) {
        technician(id, territory, addresses.get(home), skills, WEEKDAYS);
    }

    public String bookingJson(GeoPoint at, String jobType, String windowStart, String windowEnd, String territory) {
        return """
                {"customer":{"name":"Rosa Diaz","phone":"+12125550123","language":"es"},
                 "address":"12 Elm St","lat":%s,"lon":%s,"jobType":"%s",
                 "windowStart":"%s","windowEnd":"%s","territoryId":"%s"}"""
                .formatted(at.lat(), at.lon(), jobType, windowStart, windowEnd, territory);
    }

    /** Books a repair at address number {@code address} into a 4-hour window from {@code start}; returns the id. */
    public String book(int address, String start, String territory) {
        String end = Instant.parse(start).plusSeconds(4 * 3600).toString();
        return given().auth().oauth2(dispatcher).contentType("application/json")
                .body(bookingJson(addresses.get(address), "REPAIR", start, end, territory))
                .post("/api/appointments").then().statusCode(201).extract().path("id");
    }

    /** Books a job of {@code jobType} at address number {@code address} into [start, end); returns the id. */
    public String book(int address, String jobType, String start, String end, String territory, int priority) {
        String body = bookingJson(addresses.get(address), jobType, start, end, territory)
                .replace("\"territoryId\"", "\"priority\":" + priority + ",\"territoryId\"");
        return given().auth().oauth2(dispatcher).contentType("application/json").body(body)
                .post("/api/appointments").then().statusCode(201).extract().path("id");
    }

    /** Solves {@code territory}'s {@code day} for a second and waits until the plan is SOLVED. */
    public void solve(String territory, String day) throws InterruptedException {
        String plan = "/api/plans/" + territory + "/" + day;
        given().auth().oauth2(dispatcher).contentType("application/json").body(Map.of("seconds", 1))
                .post(plan + "/solve").then().statusCode(202);
        Await.until(() -> "SOLVED".equals(given().auth().oauth2(dispatcher).get(plan).then().extract()
                .path("status")), "plan " + plan + " solved");
    }

    /** Publishes the solved plan of {@code territory}'s {@code day}. */
    public void publish(String territory, String day) {
        given().auth().oauth2(dispatcher).post("/api/plans/" + territory + "/" + day + "/publish").then()
                .statusCode(200);
    }

    private void put(String path, Object body) {
        given().auth().oauth2(admin).contentType("application/json").body(body).put(path).then().statusCode(200);
    }
}
