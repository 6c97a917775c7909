package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.domain.Json;
import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.roadnetwork.GeoPoint;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;

/** A small company on the test city, created through the admin API (idempotent PUTs). */
final class Fixtures {

    static final String WEEKDAYS = """
            {"MONDAY":"08:00-17:00","TUESDAY":"08:00-17:00","WEDNESDAY":"08:00-17:00",
             "THURSDAY":"08:00-17:00","FRIDAY":"08:00-17:00"}""";

    final String admin;
    final String dispatcher;
    final List<GeoPoint> addresses;
    final GeoPoint center;

    Fixtures(TokenIssuer tokens, Roads roads) {
        admin = tokens.forUser("root", Set.of(Roles.ADMIN, Roles.DISPATCHER)).token();
        dispatcher = tokens.forUser("dana", Set.of(Roles.DISPATCHER)).token();
        addresses = roads.network().randomResidentialPoints(60, 42);
        center = roads.network().bounds().center();
    }

    void territory(String id, int reservePct) {
        put("/api/territories/" + id, Map.of("id", id, "name", id, "timeZone", "UTC",
                "centerLat", center.lat(), "centerLon", center.lon(), "radiusKm", 30,
                "windowProfile", "08:00-12:00,12:00-16:00,16:00-20:00", "emergencyReservePct", reservePct));
    }

    void jobTypes() {
        put("/api/job-types/REPAIR", Map.of("code", "REPAIR", "name", "Repair", "defaultDurationMin", 60));
        put("/api/job-types/INSTALL", Map.of("code", "INSTALL", "name", "Fiber install", "defaultDurationMin", 90,
                "requiredSkills", Map.of("fiber", 2)));
        put("/api/job-types/QUICK", Map.of("code", "QUICK", "name", "Quick check", "defaultDurationMin", 30));
    }

    void technician(String id, String territory, GeoPoint home, Map<String, Integer> skills, String shiftsJson) {
        given().auth().oauth2(admin).contentType("application/json").body("""
                {"id":"%s","name":"%s","phone":"+12125550100","territoryId":"%s","homeLat":%s,"homeLon":%s,
                 "skills":%s,"weeklyShifts":%s,"breakMinutes":30}"""
                .formatted(id, id, territory, home.lat(), home.lon(), Json.write(skills),
                        shiftsJson))
                .put("/api/technicians/" + id).then().statusCode(200);
    }

    String bookingJson(GeoPoint at, String jobType, String windowStart, String windowEnd, String territory) {
        return """
                {"customer":{"name":"Rosa Diaz","phone":"+12125550123","language":"es"},
                 "address":"12 Elm St","lat":%s,"lon":%s,"jobType":"%s",
                 "windowStart":"%s","windowEnd":"%s","territoryId":"%s"}"""
                .formatted(at.lat(), at.lon(), jobType, windowStart, windowEnd, territory);
    }

    private void put(String path, Object body) {
        given().auth().oauth2(admin).contentType("application/json").body(body).put(path).then().statusCode(200);
    }
}
