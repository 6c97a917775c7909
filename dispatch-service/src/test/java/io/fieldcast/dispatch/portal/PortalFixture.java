package io.fieldcast.dispatch.portal;

import io.fieldcast.events.PortalMessage;
import io.fieldcast.events.Topics;
import io.fieldcast.testing.EventProbe;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** What the portal tests set up the same way: job types, a customer's phone, a booking made through the portal. */
final class PortalFixture {

    private PortalFixture() {
    }

    /** A job type customers book online, with these intake questions. */
    static void onlineJob(String admin, String code, String name, List<Map<String, Object>> intake) {
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("code", code, "name", name,
                        "defaultDurationMin", 30, "intake", intake, "cancelCutoffMin", 120))
                .put("/api/job-types/" + code).then().statusCode(200);
    }

    /** A 200-minute job booked by phone only: with the break, it fills a technician's 4-hour morning. */
    static void morningFiller(String admin, String code) {
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("code", code, "name",
                        "All-morning job", "defaultDurationMin", 200, "bookableOnline", false))
                .put("/api/job-types/" + code).then().statusCode(200);
    }

    /** A mobile number of its own for each booking (the limits count per phone). */
    static String phone(String prefix) {
        return prefix + (100 + ThreadLocalRandom.current().nextInt(800));
    }

    /** The code texted to {@code phone}, as customer-notify would receive it. */
    static String[] codeFor(String phone) {
        try (EventProbe texts = EventProbe.atEnd(Topics.PORTAL_MESSAGES)) {
            String codeId = given().contentType("application/json").body(Map.of("phone", phone))
                    .post("/portal/api/codes").then().statusCode(202).extract().path("codeId");
            String code = texts.await(PortalMessage.class, m -> m.phone().equals(phone), 1, Duration.ofSeconds(20))
                    .getFirst().code();
            return new String[]{codeId, code};
        }
    }

    /** Books {@code jobType} through the portal into [start, end) with these answers; returns the manage token. */
    static String bookOnline(String jobType, Map<String, String> answers, double lat, double lon, String phone,
                             String start, String end) {
        String[] code = codeFor(phone);
        Map<String, Object> booking = new HashMap<>(Map.of("jobType", jobType, "answers", answers,
                "address", "Test Street", "lat", lat, "lon", lon, "windowStart", start, "windowEnd", end,
                "name", "Ana Test", "phone", phone, "codeId", code[0]));
        booking.put("code", code[1]);
        return given().contentType("application/json").body(booking).post("/portal/api/bookings").then()
                .statusCode(201).extract().path("manageToken");
    }
}
