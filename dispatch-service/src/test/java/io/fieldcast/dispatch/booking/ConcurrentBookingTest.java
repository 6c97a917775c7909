package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.agroal.api.AgroalDataSource;
import io.fieldcast.roadnetwork.GeoPoint;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ConcurrentBookingTest {

    /** One technician working Thursday 08:00-12:00 only: a few 30-minute visits fit, then the day is full. */
    private static final String THURSDAY_MORNING = "{\"THURSDAY\":\"08:00-12:00\"}";
    private static final String START = "2026-03-05T08:00:00Z";
    private static final String END = "2026-03-05T12:00:00Z";
    /** Simultaneous requests for that morning: many times its capacity, all in flight at once. */
    private static final int CALLS = 100;

    @Inject
    TestCompanies companies;
    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/api/appointments")
    URL appointments;

    @Test
    void aHundredSimultaneousBookingsNeverOverbook() throws Exception {
        TestCompany f = companies.empty();
        f.jobTypes();
        GeoPoint home = f.addresses.get(30);
        GeoPoint building = f.addresses.get(31);
        for (String t : List.of("tiny-seq", "tiny-conc")) {
            f.territory(t, 0);
            f.technician("solo-" + t, t, home, Map.of(), THURSDAY_MORNING);
        }

        // The capacity of an identical day, found one booking at a time (same building, so order cannot matter).
        int capacity = 0;
        while (book(f, building, "tiny-seq") == 201) {
            capacity++;
        }
        assertTrue(capacity >= 2 && capacity < 10, "a 4-hour morning holds a few 30-minute visits: " + capacity);

        HttpClient client = HttpClient.newBuilder().build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create(appointments.toString()))
                    .header("Authorization", "Bearer " + f.dispatcher)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(f.bookingJson(building, "QUICK", START, END,
                            "tiny-conc")))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        int created = 0;
        int conflicts = 0;
        for (var call : calls) {
            HttpResponse<String> response = call.join();
            if (response.statusCode() == 201) {
                created++;
            } else {
                assertEquals(409, response.statusCode(), response.body());
                assertTrue(response.body().contains("nextSlots"), response.body());
                conflicts++;
            }
        }
        assertEquals(capacity, created, "exactly the available capacity was sold");
        assertEquals(CALLS - capacity, conflicts);
        assertEquals(capacity, countBooked("tiny-conc"));
    }

    private int book(TestCompany f, GeoPoint at, String territory) {
        return given().auth().oauth2(f.dispatcher).contentType("application/json")
                .body(f.bookingJson(at, "QUICK", START, END, territory))
                .post("/api/appointments").statusCode();
    }

    private long countBooked(String territory) throws Exception {
        try (var c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("select count(*) from appointment where territory_id = '"
                     + territory + "' and status = 'BOOKED' and technician_id is not null")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
