package io.fieldcast.simulator.run;

import com.sun.net.httpserver.HttpServer;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.simulator.api.DispatchClient.Technician;
import io.fieldcast.simulator.api.HttpApi;
import io.fieldcast.simulator.api.MobileClient;
import io.fieldcast.simulator.day.DayEngine;
import io.fieldcast.simulator.day.DayOutcome;
import io.fieldcast.simulator.day.PhoneOutput;
import io.fieldcast.simulator.day.PlannedStop;
import io.fieldcast.simulator.day.StraightLineRouter;
import io.fieldcast.simulator.day.TechnicianDay;
import io.fieldcast.simulator.day.Truth;
import io.fieldcast.simulator.world.Habits;
import io.fieldcast.simulator.world.LogNormal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live mode: the phone shows the platform's question of the time left of the job in hand, and the technician answers
 * it once, from the job's truth and their habits, through the phone's queue.
 */
class TimeLeftAsksTest {

    private static final long SEED = 7;
    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    private static final GeoPoint HOME = GeoPoint.of(45.0, -30.0);
    private static final Instant EIGHT = DATE.atTime(8, 0).toInstant(ZoneOffset.UTC);
    /** Two REPAIR jobs, booked 08:00–10:00 and 09:00–11:00, about 3 km apart. */
    private static final List<PlannedStop> STOPS = List.of(
            new PlannedStop(UUID.nameUUIDFromBytes("first".getBytes()), 0, "REPAIR", GeoPoint.of(45.0, -29.96),
                    EIGHT, EIGHT.plusSeconds(7200), EIGHT.plusSeconds(1800), 60),
            new PlannedStop(UUID.nameUUIDFromBytes("second".getBytes()), 1, "REPAIR", GeoPoint.of(45.0, -29.92),
                    EIGHT.plusSeconds(3600), EIGHT.plusSeconds(3 * 3600), EIGHT.plusSeconds(5400), 60));
    private static final TechnicianDay DAY = new TechnicianDay("tech-01", DATE, 0, ZoneOffset.UTC, EIGHT,
            EIGHT.plusSeconds(9 * 3600), HOME, HOME, STOPS);
    /** Always answers, and says the truth to the nearest five minutes. */
    private static final Habits.TimeLeft TRUTHFUL = new Habits.TimeLeft(1, 0, 0);

    private final DayEngine engine = new DayEngine(SEED, StraightLineRouter.CITY);
    private final Stats stats = new Stats();
    private HttpServer server;
    /** When the phone's route shows the first visit asked; null: no question. */
    private volatile Instant askedAt;
    /** Whether the route is an older service's, without the field. */
    private volatile boolean olderService;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void anAskOnSiteIsAnsweredOnceWithTheMinutesReallyLeft() throws Exception {
        Replanner.Tracked t = tracked(calm(TRUTHFUL));
        Truth.Visit first = t.outcome.visits().getFirst();
        Instant now = onSite(t, first);
        askedAt = now.minusSeconds(120);
        TimeLeftAsks asks = asks(calm(TRUTHFUL));

        asks.answer(t, t.phone.route(DATE), now);
        asks.answer(t, t.phone.route(DATE), now);
        asks.answer(t, t.phone.route(DATE), now.plusSeconds(15 * 60)); // the next look: the same question, unanswered

        List<PhoneOutput.TimeLeft> answers = answers(t.lane.outputs);
        assertEquals(1, answers.size(), "answered once: " + answers);
        assertEquals(1, stats.timeLeftAsked());
        PhoneOutput.TimeLeft said = answers.getFirst();
        assertEquals(first.appointmentId(), said.appointmentId());
        assertEquals(askedAt, said.askedAt());
        double left = Duration.between(said.deviceTime(), first.finishedAt()).toSeconds() / 60.0;
        assertEquals(Math.round(left / 5) * 5, said.minutes(), "the minutes left: " + left);
        // Queued unsent (the ARRIVED tap went out), before the visit's done tap: a word after it would be refused.
        List<String> order = t.lane.outputs.subList(t.lane.next, t.lane.outputs.size()).stream()
                .filter(o -> first.appointmentId().equals(o.appointmentId()))
                .map(o -> o instanceof PhoneOutput.StatusTap tap ? tap.status().name()
                        : ((PhoneOutput.TimeLeft) o).answer() ? "ANSWER" : "WORD").toList();
        assertEquals("COMPLETED", order.getLast(), order.toString());
        assertTrue(order.contains("ANSWER") && !order.contains("ARRIVED"), order.toString());
        assertSortedBySendTime(t.lane);

        // Asked again later: a new question, answered too.
        askedAt = now.plusSeconds(60);
        asks.answer(t, t.phone.route(DATE), now.plusSeconds(90));
        assertEquals(2, answers(t.lane.outputs).size());
        assertEquals(2, stats.timeLeftAsked());
    }

    @Test
    void aTechnicianWhoNeverTellsSeesTheQuestionAndDoesNotAnswer() throws Exception {
        Habits never = calm(Habits.TimeLeft.NEVER);
        Replanner.Tracked t = tracked(never);
        Instant now = onSite(t, t.outcome.visits().getFirst());
        askedAt = now.minusSeconds(60);
        List<PhoneOutput> outputs = t.lane.outputs;

        asks(never).answer(t, t.phone.route(DATE), now);

        assertSame(outputs, t.lane.outputs);
        assertEquals(1, stats.timeLeftAsked());
    }

    @Test
    void aRouteOfAnOlderServiceAsksNothing() throws Exception {
        Replanner.Tracked t = tracked(calm(TRUTHFUL));
        Instant now = onSite(t, t.outcome.visits().getFirst());
        askedAt = now.minusSeconds(60);
        olderService = true;
        List<PhoneOutput> outputs = t.lane.outputs;

        MobileClient.Route route = t.phone.route(DATE);
        asks(calm(TRUTHFUL)).answer(t, route, now);

        assertTrue(route.timeLeftAskedAt().isEmpty());
        assertSame(outputs, t.lane.outputs);
        assertEquals(0, stats.timeLeftAsked());
    }

    @Test
    void answeringChangesNothingElseOfTheDay() throws Exception {
        Replanner.Tracked t = tracked(calm(TRUTHFUL));
        List<PhoneOutput> unasked = t.lane.outputs;
        Instant now = onSite(t, t.outcome.visits().getFirst());
        askedAt = now.minusSeconds(60);

        asks(calm(TRUTHFUL)).answer(t, t.phone.route(DATE), now);

        assertEquals(1, answers(t.lane.outputs).size());
        assertEquals(unasked, t.lane.outputs.stream().filter(o -> !(o instanceof PhoneOutput.TimeLeft w
                && w.answer())).toList(), "every other output as it was");
        DayOutcome again = engine.simulate(DAY, calm(TRUTHFUL));
        assertEquals(again.visits(), t.outcome.visits(), "every visit starts and finishes as without the question");
        assertEquals(again, t.outcome);
    }

    /** A re-plan read while on site resumes the day after the job in hand: its answer, still queued, goes out. */
    @Test
    void aReplanKeepsTheAnswerForTheJobInHand() throws Exception {
        Replanner.Tracked t = tracked(calm(TRUTHFUL));
        Truth.Visit first = t.outcome.visits().getFirst();
        Instant now = onSite(t, first);
        askedAt = now.minusSeconds(60);
        asks(calm(TRUTHFUL)).answer(t, t.phone.route(DATE), now);
        PhoneOutput.TimeLeft said = answers(t.lane.outputs).getFirst();

        // What Replanner.resume does with a new plan read now: the rest of the day from when the job in hand is done.
        t.markStarted(first.appointmentId(), STOPS.getFirst().location(), first.finishedAt());
        TechnicianDay rest = new TechnicianDay("tech-01", DATE, 0, ZoneOffset.UTC, t.busyUntil,
                DAY.shiftEnd(), STOPS.getFirst().location(), HOME, STOPS.subList(1, 2));
        DayOutcome resumed = engine.simulate(rest, calm(TRUTHFUL), new DayEngine.Resume(1, false, null, EIGHT));
        Replanner.splice(t.lane, t.busyUntil, t.started, Replanner.withoutSickTaps(resumed));
        t.relive(resumed);

        assertEquals(List.of(said), answers(t.lane.outputs.subList(t.lane.next, t.lane.outputs.size())));
        assertEquals(first, t.lived.get(first.appointmentId()), "the job in hand's truth outlives the re-plan");
    }

    /** An offline phone holds the answer with everything else, and sends it before the done tap it holds too. */
    @Test
    void anOfflinePhoneSendsTheAnswerWhenBackOnlineBeforeTheDoneTap() {
        UUID visit = STOPS.getFirst().appointmentId();
        Instant back = EIGHT.plusSeconds(50 * 60);
        Replay.Lane lane = new Replay.Lane(null, stats, true, new ArrayList<>(List.of(
                tap(visit, VisitStatus.ARRIVED, EIGHT, EIGHT),
                tap(visit, VisitStatus.COMPLETED, EIGHT.plusSeconds(40 * 60), back),
                tap(STOPS.get(1).appointmentId(), VisitStatus.EN_ROUTE, EIGHT.plusSeconds(42 * 60), back))));
        lane.next = 1;
        Instant at = EIGHT.plusSeconds(10 * 60);
        PhoneOutput said = new PhoneOutput.TimeLeft(visit, 30, at, "a-1", at, at.minusSeconds(30))
                .heldBy(List.of(new Truth.Interval(EIGHT.plusSeconds(5 * 60), back)));

        TimeLeftAsks.queue(lane, said);

        assertEquals(back, lane.outputs.get(1).sendAt());
        assertEquals(said.sentAt(back), lane.outputs.get(1), "held, and before the done tap");
        assertEquals(VisitStatus.COMPLETED, ((PhoneOutput.StatusTap) lane.outputs.get(2)).status());
    }

    // --- fixtures

    /** A simulated day of two visits, sent up to its start, whose phone reads the route this test shows. */
    private Replanner.Tracked tracked(Habits habits) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/me/route", exchange -> {
            byte[] body = routeJson().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        MobileClient phone = new MobileClient(new HttpApi(HttpClient.newHttpClient(),
                "http://127.0.0.1:" + server.getAddress().getPort()), "tech-01");
        DayOutcome outcome = engine.simulate(DAY, habits);
        Replay.Lane lane = new Replay.Lane(phone, stats, true, outcome.outputs());
        Technician tech = new Technician("tech-01", "Tess", "metro", HOME.lat(), HOME.lon(), Map.of(), 30, true);
        return new Replanner.Tracked(lane, tech, new DayRunner.PhoneDay(phone, DAY, outcome, true, 1));
    }

    private TimeLeftAsks asks(Habits habits) {
        return new TimeLeftAsks(engine, id -> habits, stats);
    }

    /** A moment a third into the job of {@code visit}, with what the phone did until then sent. */
    private static Instant onSite(Replanner.Tracked t, Truth.Visit visit) {
        Duration job = Duration.between(visit.arrivedAt(), visit.finishedAt());
        assertTrue(job.toMinutes() >= 30, "a job too short to say: " + job);
        Instant now = visit.arrivedAt().plus(job.dividedBy(3));
        while (t.lane.next < t.lane.outputs.size() && !t.lane.outputs.get(t.lane.next).sendAt().isAfter(now)) {
            t.lane.next++;
        }
        return now;
    }

    private String routeJson() {
        StringBuilder visits = new StringBuilder();
        for (PlannedStop s : STOPS) {
            String asked = olderService ? "" : ",\"timeLeftAskedAt\":" + (askedAt == null || s != STOPS.getFirst()
                    ? "null" : "\"" + askedAt + "\"");
            visits.append(visits.isEmpty() ? "" : ",").append("""
                    {"appointmentId":"%s","sequence":%d,"jobType":"REPAIR","location":{"lat":%s,"lon":%s},
                     "windowStart":"%s","windowEnd":"%s","plannedArrival":"%s","plannedDurationMinutes":60,
                     "toldWindowStart":null%s}""".formatted(s.appointmentId(), s.sequence(), s.location().lat(),
                    s.location().lon(), s.windowStart(), s.windowEnd(), s.plannedArrival(), asked));
        }
        return """
                {"technicianId":"tech-01","date":"%s","planVersion":1,"shiftStart":"%s","shiftEnd":"%s",
                 "visits":[%s]}""".formatted(DATE, DAY.shiftStart(), DAY.shiftEnd(), visits);
    }

    private static List<PhoneOutput.TimeLeft> answers(List<PhoneOutput> outputs) {
        return outputs.stream().filter(o -> o instanceof PhoneOutput.TimeLeft w && w.answer())
                .map(PhoneOutput.TimeLeft.class::cast).toList();
    }

    private static PhoneOutput.StatusTap tap(UUID visit, VisitStatus status, Instant at, Instant sendAt) {
        return new PhoneOutput.StatusTap(visit, status, null, null, at, visit + "-" + status, sendAt);
    }

    private static void assertSortedBySendTime(Replay.Lane lane) {
        List<PhoneOutput> unsent = lane.outputs.subList(lane.next, lane.outputs.size());
        for (int i = 1; i < unsent.size(); i++) {
            assertTrue(!unsent.get(i).sendAt().isBefore(unsent.get(i - 1).sendAt()), "in sending order at " + i);
        }
    }

    /** No rare events, no late start, no detours, no offline spell, REPAIR median 50 min; {@code timeLeft} as given. */
    private static Habits calm(Habits.TimeLeft timeLeft) {
        List<Double> flat = Collections.nCopies(24, 1.0);
        return new Habits("tech-01", flat, Map.of("REPAIR", new LogNormal(50, 0.3)), new LogNormal(60, 0.3),
                0, 10, 30, 5, 12 * 60, 0, 10, 5, 0, 0.5, 0, 20, 20, false, 0, new Habits.Rare(0, 0, 0), timeLeft);
    }
}
