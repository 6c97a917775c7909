package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.roadnetwork.GeoPoint;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The emergency reserve is kept free of ordinary bookings, and an emergency may use it (it exists for one). */
@QuarkusTest
class EmergencyReserveTest {

    private static final String THURSDAY_MORNING = "{\"THURSDAY\":\"08:00-12:00\"}";
    private static final String START = "2026-03-05T08:00:00Z";
    private static final String END = "2026-03-05T12:00:00Z";

    @Inject
    TestCompanies companies;

    @Test
    void anEmergencyBooksIntoTheReserveThatOrdinaryBookingsCannotUse() {
        TestCompany f = companies.empty();
        f.jobTypes();
        GeoPoint home = f.addresses.get(40);
        GeoPoint building = f.addresses.get(41);
        f.territory("reserve-half", 50);
        f.technician("solo-reserve", "reserve-half", home, Map.of(), THURSDAY_MORNING);

        int ordinary = 0;
        while (book(f, building, 3) == 201) {
            ordinary++;
        }
        assertTrue(ordinary >= 1, "half of a 4-hour morning holds at least one 30-minute visit");
        assertEquals(409, book(f, building, 4), "priority 4 is not an emergency: the reserve stays free");
        int before = reserveLeft(f);
        assertEquals(120, reserveMinutes(f), "half of a 4-hour shift");
        assertTrue(before >= 90, "ordinary bookings left the reserve (nearly) whole: " + before + " min");

        assertEquals(201, book(f, building, 5), "an emergency goes into the reserve kept for it");
        int after = reserveLeft(f);
        assertTrue(after <= before - 30, "the 30-minute emergency took its time out of the reserve: " + before
                + " → " + after + " min");
        given().auth().oauth2(f.dispatcher).queryParam("territory", "reserve-half").queryParam("date", "2026-03-05")
                .get("/api/slots/reserve").then().statusCode(200).body("emergencies", org.hamcrest.Matchers.equalTo(1));
    }

    private static int reserveLeft(TestCompany f) {
        return given().auth().oauth2(f.dispatcher).queryParam("territory", "reserve-half")
                .queryParam("date", "2026-03-05").get("/api/slots/reserve").then().statusCode(200).extract()
                .path("leftMinutes");
    }

    private static int reserveMinutes(TestCompany f) {
        return given().auth().oauth2(f.dispatcher).queryParam("territory", "reserve-half")
                .queryParam("date", "2026-03-05").get("/api/slots/reserve").then().statusCode(200).extract()
                .path("reserveMinutes");
    }

    private static int book(TestCompany f, GeoPoint at, int priority) {
        String body = f.bookingJson(at, "QUICK", START, END, "reserve-half")
                .replace("\"territoryId\"", "\"priority\":" + priority + ",\"territoryId\"");
        return given().auth().oauth2(f.dispatcher).contentType("application/json").body(body)
                .post("/api/appointments").statusCode();
    }
}
