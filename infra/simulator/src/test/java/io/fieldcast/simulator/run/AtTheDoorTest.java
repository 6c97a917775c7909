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
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live mode reads the told window again as the van pulls up; the technician rings not before it opens. */
class AtTheDoorTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    private static final GeoPoint HOME = GeoPoint.of(45.0, -30.0);
    private static final GeoPoint DOOR = GeoPoint.of(45.0, -29.96);
    private static final Instant EIGHT = DATE.atTime(8, 0).toInstant(ZoneOffset.UTC);
    private static final Instant TOLD = DATE.atTime(9, 0).toInstant(ZoneOffset.UTC);
    /** Booked 08:00–10:00, about 3 km from home; the shift starts at 08:00, so the van parks well before 09:00. */
    private static final PlannedStop STOP = new PlannedStop(UUID.nameUUIDFromBytes("door".getBytes()), 0, "REPAIR",
            DOOR, EIGHT, EIGHT.plusSeconds(7200), EIGHT.plusSeconds(1800), 60);

    @TempDir
    Path dir;
    private HttpServer server;
    /** What the phone's route shows when asked. */
    private volatile String shown;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void windowToldWhileDrivingHoldsTheRingUntilItOpens() throws Exception {
        Replanner.Tracked t = tracked(TOLD);
        Truth.Visit before = t.outcome.visits().getFirst();
        Instant parked = parkedAt(before);
        assertTrue(parked.isBefore(TOLD), "parked " + parked);
        Path truthFile = dir.resolve("truth.jsonl");

        try (TruthWriter truth = new TruthWriter(truthFile)) {
            new AtTheDoor(new DayEngine(7, StraightLineRouter.CITY), truth, id -> calm())
                    .check(t, parked.minusSeconds(30));
        }

        Truth.Visit after = t.outcome.visits().getFirst();
        assertEquals(before.departedAt(), after.departedAt());
        assertEquals(TOLD, after.arrivedAt());
        List<PhoneOutput.StatusTap> taps = taps(t.lane.outputs);
        assertEquals(List.of(VisitStatus.EN_ROUTE, VisitStatus.ARRIVED, VisitStatus.COMPLETED),
                taps.stream().map(PhoneOutput.StatusTap::status).toList());
        assertFalse(taps.get(1).deviceTime().isBefore(TOLD), "ARRIVED at " + taps.get(1).deviceTime());
        long standing = t.lane.outputs.stream().filter(o -> o instanceof PhoneOutput.Fix f
                && f.deviceTime().isAfter(parked) && f.deviceTime().isBefore(TOLD) && f.speed() == 0.0).count();
        // ~50 min outside at one fix every 1–2 min with 90 % chance; 10 is a safe floor.
        assertTrue(standing >= 10, "standing fixes: " + standing);
        assertTrue(Files.readString(truthFile).contains("\"retold\""));
        // Busy at the door until the visit is done: a re-plan read meanwhile resumes after it and keeps its done tap.
        assertEquals(after.finishedAt().plus(Replanner.PACK_UP), t.busyUntil);
        assertEquals(DOOR, t.lastStartedAt);
    }

    /**
     * The replay reads the phone once per tick, and a tick at 120x or 600x is minutes of the day: the door check must
     * not need to come in the last minute before parking (a visit of the demo was rung 43 minutes before its told
     * window because no tick fell in that minute).
     */
    @Test
    void aTickMinutesBeforeParkingStillReadsTheToldWindow() throws Exception {
        Replanner.Tracked t = tracked(TOLD);
        Truth.Visit before = t.outcome.visits().getFirst();
        Instant tick = minutesBeforeParking(before, Duration.ofSeconds(120));

        try (TruthWriter truth = new TruthWriter(dir.resolve("truth.jsonl"))) {
            new AtTheDoor(new DayEngine(7, StraightLineRouter.CITY), truth, id -> calm()).check(t, tick);
        }

        assertEquals(TOLD, t.outcome.visits().getFirst().arrivedAt());
    }

    /**
     * A drive shorter than a tick is read before the van sets off: at 600x a tick is 2.5 minutes of the day, and a van
     * that drove 32 seconds next door rang nine minutes before its told window because no tick fell on the way.
     */
    @Test
    void aShortDriveIsReadBeforeTheVanSetsOff() throws Exception {
        Replanner.Tracked t = tracked(TOLD);
        Truth.Visit before = t.outcome.visits().getFirst();
        Instant tick = before.departedAt().minusSeconds(30);
        assertFalse(parkedAt(before).isAfter(tick.plus(AtTheDoor.LOOK_AHEAD)), "the drive is too long to say");

        try (TruthWriter truth = new TruthWriter(dir.resolve("truth.jsonl"))) {
            new AtTheDoor(new DayEngine(7, StraightLineRouter.CITY), truth, id -> calm()).check(t, tick);
        }

        Truth.Visit after = t.outcome.visits().getFirst();
        assertEquals(before.departedAt(), after.departedAt(), "it sets off as it would have");
        assertEquals(TOLD, after.arrivedAt());
        assertEquals(List.of(VisitStatus.EN_ROUTE, VisitStatus.ARRIVED, VisitStatus.COMPLETED),
                taps(t.lane.outputs).stream().map(PhoneOutput.StatusTap::status).toList());
    }

    /**
     * The phone is read on every tick while the van pulls up, not once: a window told a minute after the van set off
     * (at 600x the platform hears of the departure minutes of the day later) is on the phone when it parks.
     */
    @Test
    void aWindowToldAfterAnEarlierLookIsReadAtTheDoor() throws Exception {
        Replanner.Tracked t = tracked(null);
        Truth.Visit before = t.outcome.visits().getFirst();
        Instant parked = parkedAt(before);
        Instant first = minutesBeforeParking(before, Duration.ofSeconds(60));

        try (TruthWriter truth = new TruthWriter(dir.resolve("truth.jsonl"))) {
            AtTheDoor door = new AtTheDoor(new DayEngine(7, StraightLineRouter.CITY), truth, id -> calm());
            door.check(t, first);
            assertEquals(before.arrivedAt(), t.outcome.visits().getFirst().arrivedAt(), "nothing told yet");
            shown = routeJson(TOLD);
            door.check(t, parked.minusSeconds(30));
        }

        assertEquals(TOLD, t.outcome.visits().getFirst().arrivedAt());
    }

    @Test
    void aPhoneStillOfflineAtTheDoorSendsItsNewTapsAfterTheOnesItHolds() throws Exception {
        Replanner.Tracked t = tracked(TOLD);
        Instant parked = parkedAt(t.outcome.visits().getFirst());
        // The phone went offline on the way: its EN_ROUTE tap is still queued, to go out after the ring at 09:00.
        Instant backOnline = TOLD.plusSeconds(10 * 60);
        List<PhoneOutput> outputs = new ArrayList<>(t.outcome.outputs().stream()
                .map(o -> o instanceof PhoneOutput.StatusTap tap && tap.status() == VisitStatus.EN_ROUTE
                        ? tap.sentAt(backOnline) : o).toList());
        outputs.sort(java.util.Comparator.comparing(PhoneOutput::sendAt));
        t.lane.outputs = outputs;
        t.lane.next = 0;
        while (t.lane.next < outputs.size() && !outputs.get(t.lane.next).sendAt().isAfter(parked.minusSeconds(30))) {
            t.lane.next++;
        }

        try (TruthWriter truth = new TruthWriter(dir.resolve("truth.jsonl"))) {
            new AtTheDoor(new DayEngine(7, StraightLineRouter.CITY), truth, id -> calm())
                    .check(t, parked.minusSeconds(30));
        }

        List<PhoneOutput.StatusTap> taps = taps(t.lane.outputs);
        assertEquals(List.of(VisitStatus.EN_ROUTE, VisitStatus.ARRIVED, VisitStatus.COMPLETED),
                taps.stream().map(PhoneOutput.StatusTap::status).toList(), "sent in the order they happened");
        assertFalse(taps.get(1).sendAt().isBefore(backOnline), "ARRIVED sent at " + taps.get(1).sendAt()
                + ", before the EN_ROUTE the phone still held");
    }

    /**
     * A re-plan read while the van drives to a visit simulates the rest of the day again from after that visit: its
     * door is still read (two arrivals before the told window in session 27's runs, a re-plan read on the way after a
     * no-show and after a lunch break, the visit left out of the new outcome and never read at the door).
     */
    @Test
    void aReplanReadOnTheWayStillReadsTheToldWindowAtTheDoor() throws Exception {
        Replanner.Tracked t = tracked(TOLD);
        Truth.Visit before = t.outcome.visits().getFirst();
        Instant parked = parkedAt(before);
        // What a re-plan read on the way does: the visit under way carried, the rest of the day (nothing more here)
        // simulated again from when that visit was to be done.
        t.carryOnTheWay(before.departedAt().plusSeconds(60));
        TechnicianDay rest = new TechnicianDay("tech-01", DATE, 0, ZoneOffset.UTC, before.finishedAt(),
                EIGHT.plusSeconds(9 * 3600), DOOR, HOME, List.of());
        t.day = rest;
        t.outcome = new DayEngine(7, StraightLineRouter.CITY).simulate(rest, calm());

        try (TruthWriter truth = new TruthWriter(dir.resolve("truth.jsonl"))) {
            new AtTheDoor(new DayEngine(7, StraightLineRouter.CITY), truth, id -> calm())
                    .check(t, parked.minusSeconds(30));
        }

        Truth.Visit after = t.outcome.visits().getFirst();
        assertEquals(STOP.appointmentId(), after.appointmentId());
        assertEquals(TOLD, after.arrivedAt(), "rings when the told window opens");
        assertTrue(t.onTheWay.isEmpty(), "read at its door, no longer carried");
        assertFalse(t.busyUntil.isBefore(after.finishedAt().plus(Replanner.PACK_UP)),
                "busy until the visit, now later, is done");
    }

    @Test
    void nothingToldAtTheDoorLeavesTheDayAsItIs() throws Exception {
        Replanner.Tracked t = tracked(null);
        List<PhoneOutput> outputs = t.lane.outputs;
        DayOutcome outcome = t.outcome;
        Instant parked = parkedAt(outcome.visits().getFirst());

        try (TruthWriter truth = new TruthWriter(dir.resolve("truth.jsonl"))) {
            AtTheDoor door = new AtTheDoor(new DayEngine(7, StraightLineRouter.CITY), truth, id -> calm());
            door.check(t, parked.minusSeconds(30));
            assertFalse(t.lookedAtDoor.contains(STOP.appointmentId()), "read again on the next tick");
            door.check(t, parked.plusSeconds(5));
        }

        assertSame(outputs, t.lane.outputs);
        assertSame(outcome, t.outcome);
        assertTrue(t.lookedAtDoor.contains(STOP.appointmentId()), "the read once parked is the last");
    }

    /** A tick five minutes before the van parks (or as it departs), at least {@code atLeast} before parking. */
    private static Instant minutesBeforeParking(Truth.Visit visit, Duration atLeast) {
        Instant parked = parkedAt(visit);
        Instant tick = parked.minus(Duration.ofMinutes(5));
        tick = tick.isBefore(visit.departedAt()) ? visit.departedAt() : tick;
        assertTrue(tick.isBefore(parked.minus(atLeast)), "the drive is too short to say: " + tick);
        return tick;
    }

    /** A simulated day of one visit whose phone, when asked again, shows {@code toldAtDoor} as its told start. */
    private Replanner.Tracked tracked(Instant toldAtDoor) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        shown = routeJson(toldAtDoor);
        server.createContext("/api/me/route", exchange -> {
            byte[] body = shown.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        MobileClient phone = new MobileClient(new HttpApi(HttpClient.newHttpClient(),
                "http://127.0.0.1:" + server.getAddress().getPort()), "tech-01");
        TechnicianDay day = new TechnicianDay("tech-01", DATE, 0, ZoneOffset.UTC, EIGHT, EIGHT.plusSeconds(9 * 3600),
                HOME, HOME, List.of(STOP));
        DayOutcome outcome = new DayEngine(7, StraightLineRouter.CITY).simulate(day, calm());
        Replay.Lane lane = new Replay.Lane(phone, new Stats(), true, new ArrayList<>(outcome.outputs()));
        // What happened before the check was sent already.
        Instant check = parkedAt(outcome.visits().getFirst()).minusSeconds(30);
        while (lane.next < lane.outputs.size() && !lane.outputs.get(lane.next).sendAt().isAfter(check)) {
            lane.next++;
        }
        Technician tech = new Technician("tech-01", "Tess", "metro", HOME.lat(), HOME.lon(), Map.of(), 30, true);
        return new Replanner.Tracked(lane, tech, new DayRunner.PhoneDay(phone, day, outcome, true, 1));
    }

    private static String routeJson(Instant told) {
        return """
                {"technicianId":"tech-01","date":"%s","planVersion":1,"shiftStart":"%s","shiftEnd":"%s",
                 "visits":[{"appointmentId":"%s","sequence":0,"jobType":"REPAIR",
                            "location":{"lat":%s,"lon":%s},"windowStart":"%s","windowEnd":"%s",
                            "plannedArrival":"%s","plannedDurationMinutes":60,"status":"EN_ROUTE",
                            "toldWindowStart":%s}]}""".formatted(DATE, EIGHT, EIGHT.plusSeconds(9 * 3600),
                STOP.appointmentId(), DOOR.lat(), DOOR.lon(), STOP.windowStart(), STOP.windowEnd(),
                STOP.plannedArrival(), told == null ? "null" : "\"" + told + "\"");
    }

    private static List<PhoneOutput.StatusTap> taps(List<PhoneOutput> outputs) {
        return outputs.stream().filter(o -> o instanceof PhoneOutput.StatusTap)
                .map(o -> (PhoneOutput.StatusTap) o).toList();
    }

    private static Instant parkedAt(Truth.Visit v) {
        return v.departedAt().plusMillis(Math.round(v.driveSeconds() * 1000));
    }

    /** No rare events, no late start, no detours, 5 m GPS noise, REPAIR median 50 min (as DayEngineTest's). */
    private static Habits calm() {
        List<Double> flat = Collections.nCopies(24, 1.0);
        return new Habits("tech-01", flat, Map.of("REPAIR", new LogNormal(50, 0.3)), new LogNormal(60, 0.3),
                0, 10, 30, 5, 12 * 60, 0, 10, 5, 0, 0.5, 0, 20, 20, false, 0, new Habits.Rare(0, 0, 0));
    }
}
