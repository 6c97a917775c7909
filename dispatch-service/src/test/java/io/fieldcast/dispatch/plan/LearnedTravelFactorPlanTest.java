package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.testing.TestCompanies;
import io.fieldcast.dispatch.testing.TestCompany;
import io.fieldcast.dispatch.domain.LearnedDuration;
import io.fieldcast.dispatch.domain.LearnedTravelFactor;
import io.fieldcast.events.Events;
import io.fieldcast.events.LearnedDurations;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.ServiceTimeQuantiles;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.testing.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * eta-service's learned travel factor, from Kafka to the plan: real PostgreSQL, broker, road graph and solver.
 * Territories are UTC and shifts start at 08:00, so the first drive of the day leaves in hour 8.
 */
@QuarkusTest
class LearnedTravelFactorPlanTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DAY = "2026-03-04";
    private static final Instant SHIFT_START = Instant.parse(DAY + "T08:00:00Z");

    @Inject
    TestCompanies companies;
    @Inject
    EventPublisher publisher;

    @Test
    void travelFactorArrivingOnKafkaDelaysThePlannedArrival() throws Exception {
        String territory = "travel-fx";
        String technician = territory + "-tech";
        TestCompany f = companies.create(territory);
        String token = f.dispatcherToken();
        String id = f.book(30, "REPAIR", DAY + "T08:00:00Z", DAY + "T12:00:00Z", territory, 3);
        long mappedLeg = Duration.between(SHIFT_START, solvedArrival(token, territory, id)).toSeconds();
        assertTrue(mappedLeg > 60, "the visit is a real drive from home: " + mappedLeg + " s");

        send(technician, Instant.parse("2026-03-01T02:00:00Z"), "m-rush", onlyAt(8, 1.5), "REPAIR");
        await(() -> find(technician) != null, "travel factor stored");

        Instant learned = solvedArrival(token, territory, id);
        // The only leg leaves home at 08:00, hour 8, whose factor is 1.5: half the mapped leg again (±1 s rounding).
        assertEquals(mappedLeg * 1.5, Duration.between(SHIFT_START, learned).toSeconds(), 1.0);

        try (EventProbe probe = EventProbe.atEnd(Topics.ROUTES)) {
            given().auth().oauth2(token).post("/api/plans/" + territory + "/" + DAY + "/publish").then()
                    .statusCode(200);
            RoutePlanned route = probe.await(RoutePlanned.class, r -> r.technicianId().equals(technician), 1, WAIT)
                    .getFirst();
            assertEquals(learned, route.visits().getFirst().plannedArrival(), "the technician is sent the same time");
        }
    }

    @Test
    void olderModelsTravelFactorDoesNotReplaceANewerOne() throws Exception {
        String territory = "travel-order";
        String technician = territory + "-tech";
        companies.create(territory);
        send(technician, Instant.parse("2026-03-01T03:00:00Z"), "m-new", Collections.nCopies(24, 1.5), "REPAIR");
        // Replayed after the newer one (same key, so same partition and order); its QUICK service time is a key the
        // technician has no estimate for yet, so it is stored and shows the event was handled.
        send(technician, Instant.parse("2026-03-01T01:00:00Z"), "m-old", Collections.nCopies(24, 2.0), "QUICK");
        await(() -> Reactive.inSession(() -> LearnedDuration.<LearnedDuration>findById(
                new LearnedDuration.Key(technician, "QUICK"))) != null, "older event handled");

        LearnedTravelFactor kept = find(technician);
        assertEquals("m-new", kept.modelVersion);
        assertEquals(Collections.nCopies(24, 1.5), kept.factors());
    }

    /** Solves the day for a second and returns the appointment's planned arrival in the solved plan. */
    private static Instant solvedArrival(String token, String territory, String id) {
        String plan = "/api/plans/" + territory + "/" + DAY;
        given().auth().oauth2(token).contentType("application/json").body(Map.of("seconds", 1))
                .post(plan + "/solve").then().statusCode(202);
        await(() -> "SOLVED".equals(given().auth().oauth2(token).get(plan).then().extract().path("status")),
                "solved");
        String arrival = given().auth().oauth2(token).get(plan + "/timeline").then().statusCode(200).extract()
                .path("visits.find { it.appointmentId == '" + id + "' }.plannedArrival");
        return Instant.parse(arrival);
    }

    private void send(String technician, Instant occurredAt, String model, List<Double> factors, String jobType)
            throws Exception {
        publisher.send(new LearnedDurations(Events.newId(), occurredAt, LearnedDurations.SCHEMA_VERSION, technician,
                model, List.of(new ServiceTimeQuantiles(jobType, 50, 60, 75, 20)), factors))
                .get(10, TimeUnit.SECONDS);
    }

    private static LearnedTravelFactor find(String technician) {
        return Reactive.inSession(
                () -> LearnedTravelFactor.<LearnedTravelFactor>findById(technician));
    }

    private static List<Double> onlyAt(int hour, double factor) {
        List<Double> byHour = new ArrayList<>(Collections.nCopies(24, 1.0));
        byHour.set(hour, factor);
        return byHour;
    }

    private static void await(Supplier<Boolean> condition, String what) {
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            if (condition.get()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for: " + what);
    }
}
