package io.fieldcast.eta.forecast;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.eta.model.LearnedModel;
import io.fieldcast.eta.model.ModelStore;
import io.fieldcast.eta.model.TimeLeftReadsTest;
import io.fieldcast.events.Events;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.JobTimeLeft;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The technician's word of the time left of the job in hand, through the broker: stored once however often it comes,
 * and the visit after the job forecast from it, as far as that technician's words held.
 */
@QuarkusTest
class TimeLeftForecastTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 17);
    private static final Instant T8 = Instant.parse("2026-03-17T08:00:00Z");
    private static final GeoPosition HOME = new GeoPosition(45.50, -122.65);
    private static final GeoPosition P1 = new GeoPosition(45.52, -122.65);
    private static final GeoPosition P2 = new GeoPosition(45.54, -122.65);

    @Inject
    EventPublisher publisher;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    TestClock clock;
    @Inject
    ModelStore models;

    @Test
    void theWordOfTheTimeLeftMovesTheNextVisitToWhereTheJobEnds() throws Exception {
        String tech = "tech-" + UUID.randomUUID().toString().substring(0, 8);
        UUID v1 = UUID.randomUUID();
        UUID v2 = UUID.randomUUID();
        LearnedModel before = models.current();
        // This technician's words held within about 10 %.
        models.use(before.withTimeLeft(TimeLeftReadsTest.learnedAround(tech, 1.0, 0.1)));
        try {
            clock.set(T8);
            publisher.send(new RoutePlanned(Events.newId(), T8.minus(Duration.ofHours(12)), 1, tech, "t1", DAY, 1,
                    HOME, HOME, T8, T8.plus(Duration.ofHours(9)), List.of(
                    visit(v1, 1, P1, T8.plus(Duration.ofMinutes(6))),
                    visit(v2, 2, P2, T8.plus(Duration.ofMinutes(60)))))).get(10, TimeUnit.SECONDS);
            Instant arrived = T8.plus(Duration.ofMinutes(7));
            clock.set(arrived);
            publisher.send(new VisitStatusChanged(Events.newId(), arrived, 1, tech, v1, VisitStatus.ARRIVED, null,
                    null, arrived, arrived, "tap-1")).get(10, TimeUnit.SECONDS);
            // Planned 45 minutes: without a word, v2 is expected a little before 09:00.
            Instant expected = await(v2, p50 -> p50 != null, "v2 forecast after the arrival");
            assertTrue(expected.isBefore(T8.plus(Duration.ofMinutes(75))), "a 45-minute job: " + expected);

            // 08:20: "about 120 minutes left". The job ends near 10:20, v2 a few minutes later.
            Instant said = T8.plus(Duration.ofMinutes(20));
            clock.set(said);
            JobTimeLeft word = new JobTimeLeft(Events.newId(), said, JobTimeLeft.SCHEMA_VERSION, tech, v1, 120, said,
                    said, "t-1");
            publisher.send(word).get(10, TimeUnit.SECONDS);
            // A replay of the same word (a phone back online) is the same event: stored once.
            publisher.send(word).get(10, TimeUnit.SECONDS);
            Instant moved = await(v2, p50 -> p50 != null && p50.isAfter(T8.plus(Duration.ofMinutes(135))), "v2 after the word");
            assertTrue(moved.isBefore(T8.plus(Duration.ofMinutes(160))), "near 10:20 and the drive: " + moved);
            assertEquals(1L, count("select count(*) from job_time_left where appointment_id = ?", v1));
        } finally {
            models.use(before);
        }
    }

    private static PlannedVisit visit(UUID id, int seq, GeoPosition at, Instant planned) {
        return new PlannedVisit(id, seq, "repair", "Ann", "1 Main St", at, null, T8, T8.plus(Duration.ofHours(8)),
                planned, 45, false);
    }

    /** The stored forecast's p50 of {@code visit} once {@code until} holds (within 30 s). */
    private Instant await(UUID visit, Predicate<Instant> until, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Instant p50 = null;
        while (System.nanoTime() < deadline) {
            try (var c = dataSource.getConnection();
                 var ps = c.prepareStatement("select p50 from forecast where appointment_id = ?")) {
                ps.setObject(1, visit);
                try (var rs = ps.executeQuery()) {
                    p50 = rs.next() ? rs.getObject(1, OffsetDateTime.class).toInstant() : null;
                }
            }
            if (until.test(p50)) {
                return p50;
            }
            Thread.sleep(200);
        }
        assertNotNull(p50, what + ": never forecast");
        throw new AssertionError(what + ": p50 stayed " + p50);
    }

    private long count(String sql, UUID id) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
