package io.fieldcast.eta.model;

import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.LearnedDurations;
import io.fieldcast.events.ServiceTimeQuantiles;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.fieldcast.testing.EventProbe;
import io.fieldcast.testing.TestClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simulated history in through Kafka (routes, pings, taps), then POST /api/models/retrain: trips are mined from the
 * stored traces, models trained and stored, and each technician's learned durations come out on
 * fieldcast.duration-estimates close to the truth the history was generated from.
 */
@QuarkusTest
class TrainingEndToEndTest {

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 4, 13);

    @Inject
    EventPublisher publisher;
    @Inject
    TokenIssuer tokens;
    @Inject
    TestClock clock;
    @Inject
    ModelStore models;

    @Test
    void retrainLearnsEachTechniciansServiceTimeAndTravelFactorFromTheirTraces() throws Exception {
        String quick = "quick-" + UUID.randomUUID().toString().substring(0, 6);
        String slow = "slow-" + UUID.randomUUID().toString().substring(0, 6);
        Random random = new Random(21);
        List<FieldcastEvent> history = new ArrayList<>();
        for (int d = 0; d < 6; d++) {
            history.addAll(SimulatedDays.day(quick, FIRST_DAY.plusDays(d), 30, 1.2, random));
            history.addAll(SimulatedDays.day(slow, FIRST_DAY.plusDays(d), 60, 1.6, random));
        }
        clock.set(Instant.parse("2026-04-20T01:00:00Z"));
        publisher.sendAll(history).get(60, TimeUnit.SECONDS);
        awaitTraceStored(slow, FIRST_DAY.plusDays(5));

        try (EventProbe probe = EventProbe.atEnd(Topics.DURATION_ESTIMATES)) {
            String runId = given().auth().oauth2(admin()).post("/api/models/retrain").then().statusCode(202)
                    .extract().path("id");
            String status = "queued";
            for (int i = 0; i < 240 && !Set.of("done", "failed").contains(status); i++) {
                Thread.sleep(500);
                status = given().auth().oauth2(admin()).get("/api/models/retrain/" + runId).then()
                        .statusCode(200).extract().path("status");
            }
            assertEquals("done", status, given().auth().oauth2(admin()).get("/api/models/retrain/" + runId)
                    .asString());
            Long audited = Reactive.inSession(() -> Panache.getSession().chain(session -> session
                    .createNativeQuery("select count(*) from audit_log where entity_type = 'training_run' "
                            + "and entity_id = :id and action = 'RETRAIN_REQUESTED'", Long.class)
                    .setParameter("id", runId).getSingleResult()));
            assertEquals(1, audited.intValue(), "who asked for the training is audited");

            List<LearnedDurations> learned = probe.await(LearnedDurations.class,
                    l -> l.technicianId().equals(quick) || l.technicianId().equals(slow), 2, Duration.ofSeconds(30));
            LearnedDurations q = only(learned, quick);
            LearnedDurations s = only(learned, slow);
            ServiceTimeQuantiles qRepair = q.serviceTimes().getFirst();
            ServiceTimeQuantiles sRepair = s.serviceTimes().getFirst();
            System.out.printf("LEARNED quick repair p50=%.1f (true 30) travel@9=%.2f (true 1.2); "
                            + "slow repair p50=%.1f (true 60) travel@9=%.2f (true 1.6)%n", qRepair.p50Minutes(),
                    q.travelFactorByHour().get(9), sRepair.p50Minutes(), s.travelFactorByHour().get(9));
            // 24 visits each, service noise sd 0.2 in log: the median is known to ~5 %; shrinkage toward the
            // other technician costs a few more. 15 % either way.
            assertEquals(30, qRepair.p50Minutes(), 4.5);
            assertEquals(60, sRepair.p50Minutes(), 9);
            assertTrue(qRepair.p10Minutes() < qRepair.p50Minutes() && qRepair.p50Minutes() < qRepair.p90Minutes());
            assertEquals(1.2, q.travelFactorByHour().get(9), 0.2);
            assertEquals(1.6, s.travelFactorByHour().get(9), 0.25);
            assertEquals(q.modelVersion(), s.modelVersion());
            // The "arrived" taps came 0-59 s after the van stopped (one in three never came): the lag is learned.
            TapLag lag = models.current().tapLag();
            System.out.println("LEARNED " + lag);
            assertTrue(lag.learned(), lag.toString());
            assertTrue(lag.secondsAt(0.5) >= 0 && lag.secondsAt(0.5) <= 90, lag.toString());
            // The lived days were seen again from the database, each with a model trained without it.
            AheadDoubt doubt = models.current().aheadDoubt();
            System.out.println("LEARNED " + doubt);
            assertTrue(doubt.visits() > 0, doubt.toString());

            given().auth().oauth2(admin()).get("/api/models").then().statusCode(200)
                    .body("version", hasItem(q.modelVersion()));
            // What the models learned from is visible per day: four visits, each with a known arrival and drive.
            List<String> sources = given().auth().oauth2(admin()).queryParam("date", FIRST_DAY.toString())
                    .get("/api/technicians/" + quick + "/trips").then().statusCode(200)
                    .extract().jsonPath().getList("arrivalSource", String.class);
            assertEquals(4, sources.size());
            assertTrue(sources.stream().allMatch(src -> src.startsWith("TRACE") || src.equals("TAP_CONFIRMED")),
                    sources.toString());
        }

        // A day the platform lived: 40 first windows told at 0.91 with two jobs ahead, half of them broken. That day
        // is not lived again; what was told on it teaches the doubt.
        LocalDate livedDay = FIRST_DAY.plusDays(2);
        Reactive.inTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < 40; i++) {
                UUID visit = UUID.randomUUID();
                Instant start = livedDay.atTime(12, 0).toInstant(ZoneOffset.UTC).plusSeconds(60L * i);
                Instant arrived = i % 2 == 0 ? start.plusSeconds(1200) : start.plusSeconds(4000);
                chain = chain.chain(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                                insert into forecast (appointment_id, technician_id, day, p50, window_start, window_end,
                                    probability, computed_at, model_version, first_published_at, first_window_start,
                                    first_window_end, first_probability, first_jobs_ahead, first_share)
                                values (:a, :t, :d, :ws, :ws, :we, 0.91, :told, 'v-lived', :told, :ws, :we, 0.91, 2,
                                    0.91)""").setParameter("a", visit).setParameter("t", quick)
                        .setParameter("d", livedDay).setParameter("ws", start.atOffset(ZoneOffset.UTC))
                        .setParameter("we", start.plusSeconds(3600).atOffset(ZoneOffset.UTC))
                        .setParameter("told", start.minusSeconds(7200).atOffset(ZoneOffset.UTC)).executeUpdate()
                        .chain(() -> session.createNativeQuery("""
                                insert into visit_event (event_id, technician_id, appointment_id, status, device_time,
                                    received_at) values (:e, :t, :a, 'ARRIVED', :at, :at)""")
                                .setParameter("e", UUID.randomUUID()).setParameter("t", quick)
                                .setParameter("a", visit).setParameter("at", arrived.atOffset(ZoneOffset.UTC))
                                .executeUpdate())).replaceWithVoid());
            }
            // The same day, 40 words of the time left by the quick technician, whose jobs went on 1.5 times what
            // they said.
            for (int i = 0; i < 40; i++) {
                UUID job = UUID.randomUUID();
                Instant said = livedDay.atTime(9, 0).toInstant(ZoneOffset.UTC).plusSeconds(600L * i);
                int minutes = 20 + i % 5 * 5;
                Instant done = said.plusSeconds(Math.round(minutes * 1.5 * 60));
                chain = chain.chain(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                                insert into job_time_left (event_id, technician_id, appointment_id, minutes_left,
                                    device_time, received_at) values (:e, :t, :a, :m, :at, :at)""")
                        .setParameter("e", UUID.randomUUID()).setParameter("t", quick).setParameter("a", job)
                        .setParameter("m", minutes).setParameter("at", said.atOffset(ZoneOffset.UTC)).executeUpdate()
                        .chain(() -> session.createNativeQuery("""
                                insert into visit_event (event_id, technician_id, appointment_id, status, device_time,
                                    received_at) values (:e, :t, :a, 'COMPLETED', :at, :at)""")
                                .setParameter("e", UUID.randomUUID()).setParameter("t", quick)
                                .setParameter("a", job).setParameter("at", done.atOffset(ZoneOffset.UTC))
                                .executeUpdate())).replaceWithVoid());
            }
            return chain;
        });
        String again = given().auth().oauth2(admin()).post("/api/models/retrain").then().statusCode(202)
                .extract().path("id");
        String status = "queued";
        for (int i = 0; i < 240 && !Set.of("done", "failed").contains(status); i++) {
            Thread.sleep(500);
            status = given().auth().oauth2(admin()).get("/api/models/retrain/" + again).then().statusCode(200)
                    .extract().path("status");
        }
        assertEquals("done", status);
        AheadDoubt told = models.current().aheadDoubt();
        System.out.println("LEARNED with a lived day " + told);
        // Alone, 0.91 kept half the time with two jobs ahead is 2.31 / 2 = 1.16 per job; the other days' windows
        // lived again pull it down as far as they were kept as announced.
        assertTrue(told.perJob() > 0.3, told.toString());
        assertTrue(told.visits() >= 40, told.toString());
        TimeLeftReads words = models.current().timeLeft();
        System.out.println("LEARNED " + words);
        assertEquals(40, words.reads(), words.toString());
        assertEquals(1.5, words.ratioAt(quick, 0.5), 0.01, words.toString());
    }

    @Test
    void dispatcherCannotRetrain() {
        given().auth().oauth2(tokens.forUser("dana", Set.of(Roles.DISPATCHER)).token())
                .post("/api/models/retrain").then().statusCode(403);
    }

    private static LearnedDurations only(List<LearnedDurations> all, String tech) {
        return all.stream().filter(l -> l.technicianId().equals(tech)).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no LearnedDurations for " + tech + " in " + all));
    }

    private void awaitTraceStored(String tech, LocalDate day) throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            int n = given().auth().oauth2(tokens.forUser("dana", Set.of(Roles.DISPATCHER)).token())
                    .queryParam("from", day.atTime(10, 0).toInstant(ZoneOffset.UTC).toString())
                    .queryParam("to", day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString())
                    .get("/api/technicians/" + tech + "/pings").then().statusCode(200)
                    .extract().jsonPath().getList("$").size();
            if (n > 0) {
                Thread.sleep(2000);     // the status taps go through the other consumer
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("pings of " + tech + " never stored");
    }

    private String admin() {
        return tokens.forUser("ada", Set.of(Roles.ADMIN)).token();
    }
}
