package io.fieldcast.eta.forecast;

import io.agroal.api.AgroalDataSource;
import io.fieldcast.eta.model.LearnedModel;
import io.fieldcast.eta.model.ModelStore;
import io.fieldcast.eta.model.TimeLeftReadsTest;
import io.fieldcast.events.Events;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.JobTimeLeft;
import io.fieldcast.events.LocationPing;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.TimeLeftAsked;
import io.fieldcast.events.Topics;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.platform.kafka.EventPublisher;
import io.fieldcast.testing.EventProbe;
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
import static org.junit.jupiter.api.Assertions.assertNull;
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

    /**
     * A long job whose word is old and wide leaves the next customer without a window an hour ahead: the technician is
     * asked once (not again within the half hour), and the answer lets the window be told.
     */
    @Test
    void aCustomerWaitingOnALongJobHasTheTechnicianAskedAndTheAnswerTellsTheWindow() throws Exception {
        String tech = "tech-" + UUID.randomUUID().toString().substring(0, 8);
        UUID v1 = UUID.randomUUID();
        UUID v2 = UUID.randomUUID();
        LearnedModel before = models.current();
        // This technician's words run within about 45 %: a word of two and a half hours spans two hours.
        models.use(before.withTimeLeft(TimeLeftReadsTest.learnedAround(tech, 1.0, 0.45)));
        try (EventProbe probe = EventProbe.atEnd(Topics.TIME_LEFT_ASKS)) {
            clock.set(T8);
            publisher.send(new RoutePlanned(Events.newId(), T8.minus(Duration.ofHours(12)), 1, tech, "t1", DAY, 1,
                    HOME, HOME, T8, T8.plus(Duration.ofHours(9)), List.of(
                    visit(v1, 1, P1, T8.plus(Duration.ofMinutes(6)))))).get(10, TimeUnit.SECONDS);
            Instant arrived = T8.plus(Duration.ofMinutes(7));
            clock.set(arrived);
            publisher.send(new VisitStatusChanged(Events.newId(), arrived, 1, tech, v1, VisitStatus.ARRIVED, null,
                    null, arrived, arrived, "tap-a")).get(10, TimeUnit.SECONDS);
            Instant said = T8.plus(Duration.ofMinutes(12));
            clock.set(said);
            publisher.send(new JobTimeLeft(Events.newId(), said, JobTimeLeft.SCHEMA_VERSION, tech, v1, 150, said,
                    said, "t-a")).get(10, TimeUnit.SECONDS);
            // Each topic has its own consumer: what comes next waits until the word is read.
            awaitCount("select count(*) from job_time_left where appointment_id = ?", v1, 1);
            // 08:14: a re-plan gives the technician v2 after the job.
            Instant replanned = T8.plus(Duration.ofMinutes(14));
            clock.set(replanned);
            publisher.send(new RoutePlanned(Events.newId(), replanned, 1, tech, "t1", DAY, 2, HOME, HOME, T8,
                    T8.plus(Duration.ofHours(9)), List.of(visit(v1, 1, P1, T8.plus(Duration.ofMinutes(6))),
                    visit(v2, 2, P2, T8.plus(Duration.ofMinutes(60)))))).get(10, TimeUnit.SECONDS);
            await(v2, p50 -> p50 != null, "v2 forecast from the re-plan");
            Instant settled = T8.plus(Duration.ofMinutes(30));
            clock.set(settled);
            ping(tech, "fix-0", settled);
            await(v2, p50 -> p50 != null && p50.isAfter(T8.plus(Duration.ofMinutes(150))), "v2 after the long word");
            awaitHeld(v2);
            assertEquals(0L, count("select count(*) from time_left_ask where appointment_id = ?", v1),
                    "v2 is more than two hours away: nothing to ask yet");

            // 09:40: the word is an hour and a half old and spans 10:15 to 12:15; v2 is held and within two hours.
            Instant late = T8.plus(Duration.ofMinutes(100));
            clock.set(late);
            ping(tech, "fix-a", late);
            TimeLeftAsked asked = probe.await(TimeLeftAsked.class, a -> a.technicianId().equals(tech), 1,
                    Duration.ofSeconds(30)).getFirst();
            assertEquals(v1, asked.appointmentId(), "the job in hand");
            assertEquals(v2, asked.waitingAppointmentId(), "the customer waiting on it");
            assertEquals(late, asked.askedAt());
            assertNull(first("select first_published_at from forecast where appointment_id = ?", v2),
                    "no window for v2 yet");
            Instant again = late.plus(Duration.ofMinutes(10));
            clock.set(again);
            ping(tech, "fix-b", again);
            List<FieldcastEvent> more = probe.drain(Duration.ofSeconds(3)).stream()
                    .filter(e -> e instanceof TimeLeftAsked a && a.technicianId().equals(tech)
                            && !a.eventId().equals(asked.eventId())).toList();
            assertTrue(more.isEmpty(), "asked once in half an hour: " + asked + " then " + more);
            assertEquals(1L, count("select count(*) from time_left_ask where appointment_id = ?", v1));

            // 09:52: "about 15 minutes": the job ends near 10:07 give or take minutes, and v2 gets its window.
            Instant answered = again.plus(Duration.ofMinutes(2));
            clock.set(answered);
            publisher.send(new JobTimeLeft(Events.newId(), answered, JobTimeLeft.SCHEMA_VERSION, tech, v1, 15,
                    answered, answered, "t-b")).get(10, TimeUnit.SECONDS);
            awaitTold(v2);
        } finally {
            models.use(before);
        }
    }

    private void ping(String tech, String id, Instant at) throws Exception {
        publisher.send(new LocationPing(Events.newId(), at, 1, tech, id, at, at, P1.lat(), P1.lon(), 5, 0.0, null))
                .get(10, TimeUnit.SECONDS);
    }

    /** Until the visit's first window is held for want of certainty, or for the wait it would cost (within 30 s). */
    private void awaitHeld(UUID visit) throws Exception {
        Predicate<Object> askable = h -> h != null && (h.toString().startsWith("likely")
                || h.toString().startsWith("expected wait"));
        Object held = poll(() -> first("select held_reason from forecast where appointment_id = ?", visit), askable);
        if (!askable.test(held)) {
            throw new AssertionError(visit + " not held for want of certainty: " + held + ", told "
                    + first("select first_published_at || ' ' || first_window_start || ' ' || first_probability"
                    + " || ' p50 ' || first_p50 from forecast where appointment_id = ?", visit));
        }
    }

    private void awaitTold(UUID visit) throws Exception {
        if (poll(() -> first("select first_published_at from forecast where appointment_id = ?", visit),
                t -> t != null) == null) {
            throw new AssertionError("no first window for " + visit + " after the answer; held: "
                    + first("select held_reason from forecast where appointment_id = ?", visit));
        }
    }

    private Object first(String sql, UUID id) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }

    private static PlannedVisit visit(UUID id, int seq, GeoPosition at, Instant planned) {
        return new PlannedVisit(id, seq, "repair", "Ann", "1 Main St", at, null, T8, T8.plus(Duration.ofHours(8)),
                planned, 45, false);
    }

    /** The stored forecast's p50 of {@code visit} once {@code until} holds (within 30 s). */
    private Instant await(UUID visit, Predicate<Instant> until, String what) throws Exception {
        Instant p50 = poll(() -> {
            try (var c = dataSource.getConnection();
                 var ps = c.prepareStatement("select p50 from forecast where appointment_id = ?")) {
                ps.setObject(1, visit);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getObject(1, OffsetDateTime.class).toInstant() : null;
                }
            }
        }, until);
        if (until.test(p50)) {
            return p50;
        }
        assertNotNull(p50, what + ": never forecast");
        throw new AssertionError(what + ": p50 stayed " + p50);
    }

    private void awaitCount(String sql, UUID id, long expected) throws Exception {
        long n = poll(() -> count(sql, id), c -> c == expected);
        if (n != expected) {
            throw new AssertionError(sql + " (" + id + ") stayed " + n + ", not " + expected);
        }
    }

    /** A read that may fail. */
    @FunctionalInterface
    private interface Read<T> {
        T get() throws Exception;
    }

    /** Reads {@code read} every 200 ms until {@code until} holds or 30 s pass: the last value read, either way. */
    private static <T> T poll(Read<T> read, Predicate<T> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T value = read.get();
        while (!until.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            value = read.get();
        }
        return value;
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
