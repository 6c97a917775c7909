package io.fieldcast.dispatch.bulk;

import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bulk admin by CSV against the real database and road map: technicians exported, edited and imported back (a dry run
 * lists every row's error; a file with one bad row writes nothing), and appointments booked from a file through the
 * dispatcher's path, once each however often the file is sent.
 */
@QuarkusTest
class BulkCsvTest {

    private static final String DAY = "2026-03-05";

    @Inject
    TestCompanies companies;
    @Inject
    TokenIssuer tokens;

    @Test
    void techniciansGoOutAndComeBackAndOneBadRowStopsTheWholeFile() {
        TestCompany company = companies.create("bulk-tech");
        String admin = company.adminToken();
        String exported = given().auth().oauth2(admin).get("/api/bulk/technicians.csv").then().statusCode(200)
                .contentType(containsString("text/csv")).header("Content-Disposition", containsString("attachment"))
                .extract().asString();
        String header = exported.lines().findFirst().orElseThrow();
        assertEquals("id,name,phone,territory,home_lat,home_lon,skills,shifts,break_minutes,break_window,active", header);
        String existing = exported.lines().filter(l -> l.startsWith("bulk-tech-tech,")).findFirst().orElseThrow();
        var home = company.addresses.get(3);
        String added = "bulk-tech-new,Nia Okafor,+12125550177,bulk-tech," + home.lat() + "," + home.lon()
                + ",repair:3;gas:2,MONDAY 08:00-16:00;TUESDAY 08:00-16:00,30,11:30-14:00,true";
        String bad = "bulk-tech-bad,Bo,0612,nowhere,95,4,repair:x,FUNDAY 8-5,30,,maybe";

        // A dry run checks every row and lists every problem with its line and column; nothing is written.
        JsonPath dry = given().auth().oauth2(admin).contentType("text/csv")
                .body(String.join("\n", header, existing, added, bad)).post("/api/bulk/technicians?dryRun=true")
                .then().statusCode(200).body("rows", equalTo(3)).body("valid", equalTo(2)).extract().jsonPath();
        List<String> problems = dry.getList("errors.collect { it.line + ':' + it.column }");
        assertTrue(problems.containsAll(List.of("4:skills", "4:active")), problems.toString());
        // The bad row is stopped at its first unreadable cells; fixed, its other problems show.
        String badButReadable = "bulk-tech-bad,Bo,0612,nowhere,95,4,repair:2,FUNDAY 08:00-17:00,30,,false";
        problems = given().auth().oauth2(admin).contentType("text/csv")
                .body(String.join("\n", header, badButReadable)).post("/api/bulk/technicians?dryRun=true")
                .then().statusCode(200).extract().jsonPath().getList("errors.collect { it.line + ':' + it.column }");
        assertTrue(problems.containsAll(List.of("2:phone", "2:territory", "2:home_lat", "2:shifts")),
                problems.toString());

        // A real import of a file with a bad row writes nothing.
        given().auth().oauth2(admin).contentType("text/csv").body(String.join("\n", header, added, badButReadable))
                .post("/api/bulk/technicians").then().statusCode(400).body("written", equalTo(0));
        given().auth().oauth2(admin).get("/api/technicians/bulk-tech-new").then().statusCode(404);

        given().auth().oauth2(admin).contentType("text/csv").body(String.join("\r\n", header, existing, added))
                .post("/api/bulk/technicians").then().statusCode(200).body("written", equalTo(2));
        given().auth().oauth2(admin).get("/api/technicians/bulk-tech-new").then().statusCode(200)
                .body("name", equalTo("Nia Okafor"));
        String again = given().auth().oauth2(admin).get("/api/bulk/technicians.csv").asString();
        assertTrue(again.lines().anyMatch(l -> l.startsWith("bulk-tech-new,Nia Okafor,+12125550177,bulk-tech,")
                && l.contains(",gas:2;repair:3,MONDAY 08:00-16:00;TUESDAY 08:00-16:00,30,11:30-14:00,true")), again);

        given().auth().oauth2(company.dispatcherToken()).contentType("text/csv").body(header)
                .post("/api/bulk/technicians").then().statusCode(403);
        given().contentType("text/csv").body(header).post("/api/bulk/technicians").then().statusCode(401);
        given().auth().oauth2(admin).contentType("text/csv").body("name\nx").post("/api/bulk/technicians").then()
                .statusCode(400).body("message", containsString("lacks"));
    }

    @Test
    void appointmentsAreBookedFromAFileOnceEachThroughTheDispatchersPath() {
        TestCompany company = companies.create("bulk-appt");
        String dispatcher = company.dispatcherToken();
        String header = "territory,customer_name,customer_phone,customer_email,language,address,lat,lon,job_type,"
                + "window_start,window_end,priority,notes";
        var a = company.addresses.get(5);
        var b = company.addresses.get(6);
        String file = String.join("\n", header,
                "bulk-appt,Rosa Diaz,+12125550131,,es,\"5 Oak St, flat 2\"," + a.lat() + "," + a.lon()
                        + ",REPAIR," + DAY + "T08:00:00Z," + DAY + "T12:00:00Z,3,\"gate code 12, ring twice\"",
                "bulk-appt,Ana Lima,+12125550132,ana@example.com,en,6 Oak St," + b.lat() + "," + b.lon()
                        + ",REPAIR," + DAY + "T12:00:00Z," + DAY + "T16:00:00Z,,");

        given().auth().oauth2(dispatcher).contentType("text/csv").body(file)
                .post("/api/bulk/appointments?dryRun=true").then().statusCode(200).body("valid", equalTo(2))
                .body("written", equalTo(0));
        assertEquals(1, exported(dispatcher).size(), "a dry run books nothing: only the header");

        given().auth().oauth2(dispatcher).contentType("text/csv").body(file).post("/api/bulk/appointments").then()
                .statusCode(200).body("written", equalTo(2)).body("refused.size()", equalTo(0));
        // The same file again books nothing new.
        given().auth().oauth2(dispatcher).contentType("text/csv").body(file).post("/api/bulk/appointments").then()
                .statusCode(200);
        List<String> lines = exported(dispatcher);
        assertEquals(3, lines.size(), "two appointments, each once: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.contains("Rosa Diaz,+12125550131") && l.contains("\"5 Oak St, flat 2\"")
                && l.contains("\"gate code 12, ring twice\"")), lines.toString());

        String broken = String.join("\n", header, "bulk-appt,Bo,+12125550133,,en,7 Oak St," + a.lat() + ","
                + a.lon() + ",TELEPORT," + DAY + "T12:00:00Z," + DAY + "T08:00:00Z,9,");
        List<String> problems = given().auth().oauth2(dispatcher).contentType("text/csv").body(broken)
                .post("/api/bulk/appointments").then().statusCode(400).extract().jsonPath()
                .getList("errors.collect { it.line + ':' + it.column }");
        assertEquals(List.of("2:window_end"), problems, "unreadable first, then the rest");
        String otherTerritory = broken.replace("TELEPORT", "REPAIR").replace(DAY + "T12:00:00Z," + DAY + "T08:00:00Z",
                DAY + "T08:00:00Z," + DAY + "T12:00:00Z");
        problems = given().auth().oauth2(tokens.forUser("sam", Set.of(Roles.DISPATCHER), List.of("elsewhere"))
                        .token()).contentType("text/csv").body(otherTerritory)
                .post("/api/bulk/appointments?dryRun=true").then().statusCode(200).extract().jsonPath()
                .getList("errors.collect { it.line + ':' + it.column }");
        assertTrue(problems.containsAll(List.of("2:territory", "2:priority")), problems.toString());
    }

    private static List<String> exported(String token) {
        return given().auth().oauth2(token).queryParam("territory", "bulk-appt").queryParam("from", DAY)
                .queryParam("to", DAY).get("/api/bulk/appointments.csv").then().statusCode(200).extract().asString()
                .lines().toList();
    }
}
