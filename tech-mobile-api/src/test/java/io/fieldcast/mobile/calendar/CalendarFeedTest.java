package io.fieldcast.mobile.calendar;

import io.fieldcast.events.AppointmentCanceled;
import io.fieldcast.events.Events;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.mobile.Fixtures;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A technician's visits as an iCalendar feed behind a secret URL: issued by a dispatcher (or the technician on the
 * phone), the published visits in it as events, a canceled one gone, a new URL replacing the old, revoked for good;
 * another territory's dispatcher cannot issue one; the feed answers nothing for a wrong token.
 */
@QuarkusTest
class CalendarFeedTest {

    @Inject
    EventPublisher publisher;
    @Inject
    TokenIssuer tokens;
    @Inject
    Clock clock;

    @Test
    void theFeedHoldsThePublishedVisitsUntilItIsReplacedOrRevoked() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        String phone = tokens.forTechnician(tech, "phone").token();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        RoutePlanned route = Fixtures.route(tech, today, 1, 3);
        Fixtures.publishAndAwait(publisher, phone, route);
        String admin = tokens.forUser("ada", Set.of(Roles.ADMIN)).token();

        String url = given().auth().oauth2(admin).post("/api/technicians/" + tech + "/calendar-feed").then()
                .statusCode(200).body("url", endsWith(".ics")).extract().path("url");
        String path = URI.create(url).getPath();
        String calendar = given().get(path).then().log().ifValidationFails().statusCode(200)
                .contentType(containsString("text/calendar")).extract().asString();
        assertTrue(calendar.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), calendar);
        assertTrue(calendar.endsWith("END:VCALENDAR\r\n"), calendar);
        assertEquals(3, count(calendar, "BEGIN:VEVENT"), calendar);
        var first = route.visits().getFirst();
        assertTrue(calendar.contains("UID:" + first.appointmentId() + "@fieldcast\r\n"), calendar);
        // 09:00 UTC for 45 minutes; the comma in the address escaped, as RFC 5545 wants.
        assertTrue(calendar.contains("DTSTART:" + today.toString().replace("-", "") + "T090000Z\r\n"), calendar);
        assertTrue(calendar.contains("DTEND:" + today.toString().replace("-", "") + "T094500Z\r\n"), calendar);
        assertTrue(calendar.contains("LOCATION:Keizersgracht 101\\, Amsterdam\r\n"), calendar);
        assertTrue(calendar.contains("SUMMARY:BOILER_SERVICE · Customer 1\r\n"), calendar);
        for (String line : calendar.split("\r\n")) {
            assertTrue(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 75, "folded: " + line);
        }

        // A canceled visit leaves the feed.
        publisher.send(new AppointmentCanceled(Events.newId(), clock.instant(), AppointmentCanceled.SCHEMA_VERSION,
                first.appointmentId(), "dispatcher", "moved away")).get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (given().get(path).asString().contains(first.appointmentId().toString())) {
            assertTrue(System.nanoTime() < deadline, "the canceled visit left the feed");
            Thread.sleep(200);
        }
        assertEquals(2, count(given().get(path).asString(), "BEGIN:VEVENT"));

        // The technician asks for their own URL on the phone: a new one, and the old stops working.
        String mine = given().auth().oauth2(phone).post("/api/me/calendar-feed").then().statusCode(200)
                .extract().path("url");
        given().get(path).then().statusCode(404);
        given().get(URI.create(mine).getPath()).then().statusCode(200).body(containsString("BEGIN:VEVENT"));

        given().auth().oauth2(admin).delete("/api/technicians/" + tech + "/calendar-feed").then().statusCode(204);
        given().get(URI.create(mine).getPath()).then().statusCode(404).body(not(containsString("VEVENT")));
        given().auth().oauth2(admin).delete("/api/technicians/" + tech + "/calendar-feed").then().statusCode(404);
    }

    @Test
    void onlyTheTechniciansDispatchersIssueAndAForgedTokenOpensNothing() throws Exception {
        String tech = Fixtures.uniqueTechnician();
        Fixtures.publishAndAwait(publisher, tokens.forTechnician(tech, "phone").token(),
                Fixtures.route(tech, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), 1, 1));
        // The route is in territory "north": a dispatcher of "south" does not see the technician at all.
        given().auth().oauth2(tokens.forUser("sam", Set.of(Roles.DISPATCHER), List.of("south")).token())
                .post("/api/technicians/" + tech + "/calendar-feed").then().statusCode(404);
        given().auth().oauth2(tokens.forUser("nora", Set.of(Roles.DISPATCHER), List.of("north")).token())
                .post("/api/technicians/" + tech + "/calendar-feed").then().log().ifValidationFails().statusCode(200);
        given().auth().oauth2(tokens.forUser("sue", Set.of(Roles.SUPERVISOR)).token())
                .post("/api/technicians/" + tech + "/calendar-feed").then().statusCode(403);
        given().post("/api/technicians/" + tech + "/calendar-feed").then().statusCode(401);

        given().get("/calendar/" + "A".repeat(43) + ".ics").then().statusCode(404);
        given().get("/calendar/not-a-token.ics").then().statusCode(404);
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }
}
