package io.fieldcast.notify.tracking;

import io.fieldcast.events.Events;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.LocationPing;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.notify.support.Notifications;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.fieldcast.notify.support.Notifications.booking;
import static io.fieldcast.notify.support.Notifications.forecast;
import static io.fieldcast.notify.support.Notifications.route;
import static io.fieldcast.notify.support.Notifications.status;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class TrackingPageTest {

    private static final Instant MORNING = Instant.parse("2026-03-02T15:00:00Z");
    private static final Instant PROMISED = Instant.parse("2026-03-02T19:00:00Z");

    @Inject
    Notifications notifications;
    @Inject
    TestClock clock;
    @Inject
    TrackingLinks links;

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void morning() {
        clock.set(MORNING);
    }

    /** An appointment narrowed to 15:00–16:00 local, planned for Sam (tech-9), with a tracking token. */
    private String trackedAppointment(UUID appointment, String technician) {
        notifications.publish(booking(appointment, MORNING, PROMISED, "+12125550300", null, "en"));
        Instant narrowed = PROMISED.plus(Duration.ofHours(1));
        notifications.publish(route(technician, "Sam", appointment, narrowed, MORNING));
        notifications.publish(forecast(appointment, technician, 1, narrowed, PROMISED, MORNING));
        notifications.awaitKind(appointment, "WINDOW_NARROWED", "SENT");
        return links.tokenFor(appointment, PROMISED.plus(Duration.ofHours(8)));
    }

    @Test
    void pageShowsWindowAndTechnicianFirstNameAndNothingElse() {
        String token = trackedAppointment(UUID.randomUUID(), "tech-9");
        given().get("/t/" + token).then().statusCode(200)
                .body(allOf(containsString("15:00"), containsString("16:00"), containsString("Sam"),
                        not(containsString("+12125550300")), not(containsString("Main St")),
                        not(containsString("tech-9"))));
        given().get("/t/" + token + "/state").then().statusCode(200)
                .body("windowStart", equalTo("15:00")).body("technician", equalTo("Sam"))
                .body("stage", equalTo("SCHEDULED")).body("lat", nullValue());
    }

    @Test
    void forgedOrExpiredLinkGetsAPlain404Page() {
        UUID appointment = UUID.randomUUID();
        String token = trackedAppointment(appointment, "tech-10");
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        given().get("/t/" + forged).then().statusCode(404).body(containsString("Not found"))
                .body(not(containsString("Sam")));
        given().get("/t/" + forged + "/state").then().statusCode(404);
        clock.set(PROMISED.plus(Duration.ofHours(9)));
        given().get("/t/" + token).then().statusCode(404).body(containsString("Not found"));
    }

    @Test
    void livePositionIsStreamedOnlyWhileEnRoute() throws Exception {
        UUID appointment = UUID.randomUUID();
        String token = trackedAppointment(appointment, "tech-11");
        notifications.publish(new LocationPing(Events.newId(), MORNING, 1, "tech-11", "p1", MORNING, MORNING,
                40.71, -74.01, 5, null, null));
        notifications.publish(status("tech-11", appointment, VisitStatus.EN_ROUTE, MORNING));
        notifications.awaitKind(appointment, "ON_THE_WAY", "SENT");
        String event = firstSseEventWithPosition(token);
        assertTrue(event.contains("\"lat\":40.71") && event.contains("\"stage\":\"EN_ROUTE\""), event);

        notifications.publish(status("tech-11", appointment, VisitStatus.ARRIVED, MORNING));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!notifications.exists("select 1 from appointment_contact where visit_status = 'ARRIVED' "
                + "and appointment_id = ?", appointment) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        given().get("/t/" + token + "/state").then().body("stage", equalTo("ARRIVED")).body("lat", nullValue());
    }

    @Test
    void theVanIsShownApproachingTheHomeAlongTheRoads() throws Exception {
        UUID appointment = UUID.randomUUID();
        // In the tests' 6 km city around 45, -30: the home north-east of the centre, the van south-west of it.
        notifications.publish(booking(appointment, MORNING, PROMISED, "+12125550312", null, "en",
                new GeoPosition(45.01, -29.99)));
        Instant narrowed = PROMISED.plus(Duration.ofHours(1));
        notifications.publish(route("tech-12", "Sam", appointment, narrowed, MORNING));
        notifications.publish(forecast(appointment, "tech-12", 1, narrowed, PROMISED, MORNING));
        notifications.awaitKind(appointment, "WINDOW_NARROWED", "SENT");
        String token = links.tokenFor(appointment, PROMISED.plus(Duration.ofHours(8)));
        // Before the van sets off there is no way to draw, only where the visit is.
        given().get("/t/" + token + "/state").then().body("homeLat", equalTo(45.01f)).body("approach", nullValue());

        notifications.publish(new LocationPing(Events.newId(), MORNING, 1, "tech-12", "p1", MORNING, MORNING,
                44.99, -30.01, 5, null, null));
        notifications.publish(status("tech-12", appointment, VisitStatus.EN_ROUTE, MORNING));
        notifications.awaitKind(appointment, "ON_THE_WAY", "SENT");
        String event = firstSseEventWithPosition(token);
        assertTrue(event.contains("\"approachStraight\":false"), "drawn along the roads: " + event);

        var state = given().get("/t/" + token + "/state").then().statusCode(200).extract().jsonPath();
        List<List<Float>> way = state.getList("approach");
        // About 3 km across a grid of streets: many bends, from the van to the home.
        assertTrue(way.size() > 5, "the way has the streets' bends: " + way);
        assertEquals(-30.01, way.getFirst().get(0), 0.003, "it starts at the van (snapped to its street)");
        assertEquals(44.99, way.getFirst().get(1), 0.003);
        assertEquals(List.of(-29.99f, 45.01f), way.getLast(), "it ends at the home");
        // The streets around both are served for the map under them.
        given().get("/t/" + token + "/roads").then().statusCode(200)
                .body("features.properties.kind", everyItem(equalTo("road")))
                .body("features.geometry.coordinates.flatten().size()", greaterThan(20));
    }

    @Test
    void hammeringOneLinkIsRateLimited() {
        String token = links.tokenFor(UUID.randomUUID(), MORNING.plus(Duration.ofDays(1)));
        int limited = 0;
        for (int i = 0; i < 45; i++) {
            if (given().get("/t/" + token).statusCode() == 429) {
                limited++;
            }
        }
        // The test limit is 40 requests per minute per token, and the test clock starts at a full minute.
        assertEquals(5, limited);
    }

    @Test
    void liveUpdatesEndWhenTheLinkExpires() throws Exception {
        UUID appointment = UUID.randomUUID();
        trackedAppointment(appointment, "tech-9");
        String token = links.tokenFor(appointment, MORNING.plus(Duration.ofMinutes(1)));
        var request = HttpRequest.newBuilder(base.resolve("/t/" + token + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20)).build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            while (line != null && !line.startsWith("data:")) {
                line = reader.readLine();
            }
            assertTrue(line != null, "an update while the link is valid");
            clock.advance(Duration.ofMinutes(2));
            // Read on another thread: a stream that never ends fails the test instead of hanging it.
            var rest = CompletableFuture.supplyAsync(() -> {
                try {
                    int updates = 0;
                    for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                        updates += l.startsWith("data:") ? 1 : 0;
                    }
                    return updates;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            int after = rest.get(10, TimeUnit.SECONDS);
            assertTrue(after <= 1, "at most the update already on its way, then the end: " + after);
        }
    }

    private String firstSseEventWithPosition(String token) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(base.resolve("/t/" + token + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20)).build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data:") && line.contains("\"lat\"") && !line.contains("\"lat\":null")) {
                    return line;
                }
            }
        }
        return "";
    }

    /** A portal booking with its manage link (null: none), and a tracking token for it. */
    private String bookedWithManageLink(UUID appointment, String language, String manageUrl) {
        var b = booking(appointment, MORNING, PROMISED, "+12125550920", null, language);
        notifications.publish(new io.fieldcast.events.AppointmentBooked(b.eventId(), b.occurredAt(), 2, appointment,
                b.territoryId(), b.timeZone(), b.jobType(), b.customer(), b.address(), b.location(), b.windowStart(),
                b.windowEnd(), b.priority(), b.notes(), manageUrl, "portal"));
        notifications.awaitKind(appointment, "BOOKING_CONFIRMATION", "SENT");
        return links.tokenFor(appointment, PROMISED.plus(Duration.ofHours(8)));
    }

    @Test
    void pageAndStateCarryTheManageLinkOnlyBehindAValidToken() {
        String url = "https://portal.example.test/m/track?a=1&b=2";
        String token = bookedWithManageLink(UUID.randomUUID(), "en", url);
        given().get("/t/" + token).then().statusCode(200)
                .body(containsString("<p id=\"manage-line\" ><a id=\"manage\" "
                        + "href=\"https://portal.example.test/m/track?a=1&amp;b=2\" lang=\"en\">Change or cancel</a></p>"))
                .body(not(containsString("<script>")));
        given().get("/t/" + token + "/state").then().statusCode(200).body("manageUrl", equalTo(url));

        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        given().get("/t/" + forged).then().statusCode(404).body(not(containsString("portal.example.test")));
        given().get("/t/" + forged + "/state").then().statusCode(404)
                .body(not(containsString("portal.example.test")));
        clock.set(PROMISED.plus(Duration.ofHours(9)));
        given().get("/t/" + token + "/state").then().statusCode(404)
                .body(not(containsString("portal.example.test")));
    }

    @Test
    void theManageLinkIsInTheCustomersLanguageAndHiddenWhenThereIsNone() {
        String spanish = bookedWithManageLink(UUID.randomUUID(), "es", "https://portal.example.test/m/es");
        given().get("/t/" + spanish).then().statusCode(200)
                .body(containsString("lang=\"es\">Cambiar o cancelar</a>"));

        String none = bookedWithManageLink(UUID.randomUUID(), "en", null);
        given().get("/t/" + none).then().statusCode(200)
                .body(containsString("<p id=\"manage-line\" hidden>"));
        given().get("/t/" + none + "/state").then().statusCode(200).body("manageUrl", nullValue());
    }
}
