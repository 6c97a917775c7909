package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.road.Roads;
import io.fieldcast.platform.security.TokenIssuer;

import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Lets tests in other packages build the test company and book through the API. */
public final class FixturesAccess {

    private FixturesAccess() {
    }

    public static Object company(TokenIssuer tokens, Roads roads, String territory) {
        Fixtures f = new Fixtures(tokens, roads);
        f.jobTypes();
        f.territory(territory, 0);
        f.technician(territory + "-tech", territory, f.addresses.get(0), Map.of(), Fixtures.WEEKDAYS);
        return f;
    }

    /** Books address number {@code address} into a 4-hour window starting at {@code start}; returns the id. */
    public static String book(Object fixtures, int address, String start, String territory) {
        Fixtures f = (Fixtures) fixtures;
        String end = Instant.parse(start).plusSeconds(4 * 3600).toString();
        return given().auth().oauth2(f.dispatcher).contentType("application/json")
                .body(f.bookingJson(f.addresses.get(address), "REPAIR", start, end, territory))
                .post("/api/appointments").then().statusCode(201).extract().path("id");
    }

    /** A technician of the test company, living at address number {@code home}. */
    public static void technician(Object fixtures, String id, String territory, int home, Map<String, Integer> skills) {
        Fixtures f = (Fixtures) fixtures;
        f.technician(id, territory, f.addresses.get(home), skills, Fixtures.WEEKDAYS);
    }

    /** Books a job of {@code jobType} at address {@code address} into [start, end); returns the id. */
    public static String book(Object fixtures, int address, String jobType, String start, String end,
                              String territory, int priority) {
        Fixtures f = (Fixtures) fixtures;
        String body = f.bookingJson(f.addresses.get(address), jobType, start, end, territory)
                .replace("\"territoryId\"", "\"priority\":" + priority + ",\"territoryId\"");
        return given().auth().oauth2(f.dispatcher).contentType("application/json").body(body)
                .post("/api/appointments").then().statusCode(201).extract().path("id");
    }

    public static String dispatcherToken(Object fixtures) {
        return ((Fixtures) fixtures).dispatcher;
    }

    public static String adminToken(Object fixtures) {
        return ((Fixtures) fixtures).admin;
    }
}
