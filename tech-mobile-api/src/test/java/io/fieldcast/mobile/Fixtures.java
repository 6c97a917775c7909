package io.fieldcast.mobile;

import io.fieldcast.events.ArrivalForecast;
import io.fieldcast.events.Events;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.NotificationSent;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.TimeLeftAsked;
import io.fieldcast.platform.kafka.EventPublisher;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;

/** Routes as dispatch would publish them, and a wait until the phone's read model has them. */
public final class Fixtures {

    public static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    /** In the test profile's synthetic city (road-network's default centre), so the map has roads around it. */
    public static final GeoPosition DEPOT = new GeoPosition(45.0, -30.0);

    private Fixtures() {
    }

    public static String uniqueTechnician() {
        return "tech-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A plan with {@code visits} stops, 1 h apart from 08:00 UTC, customers named "Customer 1".. with phone
     * "+3161234567" + n; sequence from 0, as dispatch numbers them.
     */
    public static RoutePlanned route(String technicianId, LocalDate day, long version, int visits) {
        Instant start = day.atTime(8, 0).toInstant(ZoneOffset.UTC);
        List<PlannedVisit> planned = new ArrayList<>();
        for (int i = 1; i <= visits; i++) {
            Instant arrival = start.plus(Duration.ofHours(i));
            planned.add(new PlannedVisit(UUID.randomUUID(), i - 1, "BOILER_SERVICE", "Customer " + i,
                    "Keizersgracht " + (100 + i) + ", Amsterdam",
                    new GeoPosition(45.0 + i * 0.003, -30.0 + i * 0.004),
                    "ring twice", arrival.minus(Duration.ofHours(1)), arrival.plus(Duration.ofHours(3)), arrival,
                    45, false, "+3161234567" + i));
        }
        return new RoutePlanned(Events.newId(), start, RoutePlanned.SCHEMA_VERSION, technicianId, "north", day,
                version, DEPOT, DEPOT, start, start.plus(Duration.ofHours(9)), planned);
    }

    /** Publishes like dispatch and waits until {@code GET /api/me/route} shows that plan version. */
    public static void publishAndAwait(EventPublisher publisher, String token, RoutePlanned route) throws Exception {
        publisher.send(route).get(10, TimeUnit.SECONDS);
        awaitVersion(token, route.date(), route.planVersion());
    }

    public static void awaitVersion(String token, LocalDate day, long version) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            var response = given().auth().oauth2(token).queryParam("date", day.toString()).get("/api/me/route");
            if (response.statusCode() == 200 && response.jsonPath().getLong("planVersion") == version) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("route version " + version + " never reached the read model");
    }

    /** A forecast as eta publishes it: the 60-minute window from {@code windowStart}, median 25 minutes in. */
    public static ArrivalForecast forecast(UUID appointment, String tech, int version, Instant windowStart) {
        return new ArrivalForecast(Events.newId(), Instant.now(), ArrivalForecast.SCHEMA_VERSION, appointment, tech,
                windowStart.plus(Duration.ofMinutes(25)), windowStart, windowStart.plus(Duration.ofHours(1)), 0.8,
                windowStart.minus(Duration.ofHours(2)), windowStart.plus(Duration.ofHours(2)), "test", version,
                "test forecast");
    }

    /**
     * customer-notify's NotificationSent of a {@code kind} text naming forecast {@code version}, handed over {@code at},
     * telling the hour from {@code windowStart} (null: no window, as a void or a producer before events 0.1.3).
     */
    public static NotificationSent text(UUID appointment, String kind, int version, Instant at, Instant windowStart) {
        return new NotificationSent(Events.newId(), at, NotificationSent.SCHEMA_VERSION, appointment, kind,
                "db-outbox", "+31******71", null, version, windowStart,
                windowStart == null ? null : windowStart.plus(Duration.ofHours(1)));
    }

    /** Forecast {@code version}'s window from {@code windowStart}, texted to the customer as notify would. */
    public static void tell(EventPublisher publisher, UUID appointment, String tech, int version, Instant windowStart)
            throws Exception {
        publisher.send(text(appointment, version == 1 ? "WINDOW_NARROWED" : "WINDOW_UPDATED", version,
                Instant.now(), windowStart)).get(10, TimeUnit.SECONDS);
    }

    /**
     * Waits until {@code GET /api/me/route} shows {@code expected} (null: none) as the told window start of visit
     * {@code index}.
     */
    public static void awaitToldStart(String token, LocalDate day, int index, String expected)
            throws InterruptedException {
        awaitVisitField(token, day, index, "toldWindowStart", expected);
    }

    /**
     * Waits until {@code GET /api/me/route} shows {@code expected} (null: none) as {@code field} of visit
     * {@code index}.
     */
    public static void awaitVisitField(String token, LocalDate day, int index, String field, String expected)
            throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            var response = given().auth().oauth2(token).queryParam("date", day.toString()).get("/api/me/route");
            if (response.statusCode() == 200
                    && Objects.equals(expected, response.jsonPath().getString("visits[" + index + "]." + field))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(field + " " + expected + " of visit " + index + " never reached the route");
    }

    /** eta-service's ask to {@code tech} of how long the job in hand ({@code appointment}) still takes. */
    public static TimeLeftAsked ask(String tech, UUID appointment, Instant askedAt) {
        return new TimeLeftAsked(Events.newId(), askedAt, TimeLeftAsked.SCHEMA_VERSION, tech, appointment,
                UUID.randomUUID(), askedAt);
    }

    /** Taps {@code statuses} in order on the visit, as the phone would, each answered 200. */
    public static void tap(String token, UUID appointment, String... statuses) {
        for (String status : statuses) {
            given().auth().oauth2(token).contentType("application/json")
                    .body("{\"status\":\"" + status + "\",\"clientId\":\"" + UUID.randomUUID()
                            + "\",\"deviceTime\":\"" + Instant.now() + "\"}")
                    .post("/api/me/visits/" + appointment + "/status").then().statusCode(200);
        }
    }
}
