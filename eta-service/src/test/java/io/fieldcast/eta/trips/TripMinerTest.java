package io.fieldcast.eta.trips;

import io.fieldcast.eta.history.Tap;
import io.fieldcast.eta.road.RoadLeg;
import io.fieldcast.events.VisitStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TripMinerTest {

    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final Duration EVERY = Duration.ofSeconds(15);
    // About 3.3 km apart in Portland.
    private static final Place START = Place.start(45.5000, -122.6500);
    private static final Place A = new Place(UUID.randomUUID(), "repair", 45.5200, -122.6300);
    private static final Place B = new Place(UUID.randomUUID(), "install", 45.5300, -122.6700);
    private static final RoadLeg.Timer ROADS = RoadLeg.straightLine(10, 1.3);

    private final TripMiner miner = new TripMiner(TripMiner.Settings.defaults(), ROADS);

    /** Start 10 min at home, 12 min drive, 40 min at A, 15 min drive, 60 min at B. */
    private static TraceBuilder day() {
        return new TraceBuilder(T0, START.lat(), START.lon(), EVERY)
                .stay(Duration.ofMinutes(10))
                .drive(A.lat(), A.lon(), Duration.ofMinutes(12))
                .stay(Duration.ofMinutes(40))
                .drive(B.lat(), B.lon(), Duration.ofMinutes(15))
                .stay(Duration.ofMinutes(60));
    }

    @Test
    void lateArrivedTapIsReplacedByTheTraceArrival() {
        Instant trueArrivalA = T0.plus(Duration.ofMinutes(22));
        List<Tap> taps = List.of(new Tap(A.appointmentId(), VisitStatus.ARRIVED, trueArrivalA.plusSeconds(600)),
                new Tap(A.appointmentId(), VisitStatus.COMPLETED, trueArrivalA.plus(Duration.ofMinutes(40))));

        MinedVisit a = miner.mine(START, List.of(A, B), day().build(), taps).getFirst();

        assertEquals(ArrivalSource.TRACE_TAP_LATE, a.arrivalSource());
        // Entering the 80 m radius happens a few seconds before the straight-line drive ends: within one fix.
        assertEquals(0, Duration.between(trueArrivalA, a.arrival()).toSeconds(), 20);
        assertEquals(12 * 60, a.travelSeconds(), 30);
        assertEquals(40 * 60, a.serviceSeconds(), 40);
    }

    @Test
    void missingTapsStillGiveArrivalDepartureAndServiceFromTheTrace() {
        List<MinedVisit> mined = miner.mine(START, List.of(A, B), day().build(), List.of());

        MinedVisit b = mined.get(1);
        assertEquals(ArrivalSource.TRACE, b.arrivalSource());
        Instant trueDepartureA = T0.plus(Duration.ofMinutes(62));
        assertEquals(0, Duration.between(trueDepartureA, b.departure()).toSeconds(), 20);
        assertEquals(15 * 60, b.travelSeconds(), 30);
        // Service at A ends when the trace leaves A.
        assertEquals(40 * 60, mined.getFirst().serviceSeconds(), 40);
        assertNull(b.completed(), "the trace never leaves B, nothing says the job is done");
    }

    /**
     * A long job of a technician whose phone scatters its fixes indoors (35 m per axis, the simulator's noisiest)
     * is not cut short by two fixes that happen to land outside the 80 m radius: a fix counts as gone only beyond the
     * radius plus its own reported accuracy. The demo's nightly mining had cut 13 of its 183 longest jobs (the top
     * tenth, 2-4.7 hours) to a few minutes this way (a 170-minute install mined as 6), so the learned tail of every
     * job type lacked exactly the jobs that break windows.
     */
    @Test
    void aLongJobIndoorsWithScatteredFixesIsNotCutShort() {
        for (int seed = 0; seed < 20; seed++) {
            List<TracePoint> trace = new TraceBuilder(T0, START.lat(), START.lon(), EVERY)
                    .stay(Duration.ofMinutes(10))
                    .drive(A.lat(), A.lon(), Duration.ofMinutes(12))
                    .reseed(seed)
                    .stayIndoors(Duration.ofMinutes(170), 35, 0.8)
                    .drive(B.lat(), B.lon(), Duration.ofMinutes(15))
                    .stay(Duration.ofMinutes(30))
                    .build();
            Instant arrivedA = T0.plus(Duration.ofMinutes(22));
            Instant doneA = arrivedA.plus(Duration.ofMinutes(170));
            List<Tap> taps = List.of(new Tap(A.appointmentId(), VisitStatus.ARRIVED, arrivedA.plusSeconds(40)),
                    new Tap(A.appointmentId(), VisitStatus.COMPLETED, doneA.plusSeconds(20)));

            List<MinedVisit> mined = miner.mine(START, List.of(A, B), trace, taps);

            assertEquals(170 * 60, mined.getFirst().serviceSeconds(), 60, "seed " + seed);
            assertEquals(15 * 60, mined.get(1).travelSeconds(), 60, "seed " + seed);
        }
    }

    /** Without the tap, the drive away still ends the job when the van leaves, a few seconds off at most. */
    @Test
    void withoutATapTheJobEndsWhenTheVanDrivesAwayEvenFromNoisyFixes() {
        List<TracePoint> trace = new TraceBuilder(T0, START.lat(), START.lon(), EVERY)
                .stay(Duration.ofMinutes(10))
                .drive(A.lat(), A.lon(), Duration.ofMinutes(12))
                .stayIndoors(Duration.ofMinutes(90), 35, 0.8)
                .drive(B.lat(), B.lon(), Duration.ofMinutes(15))
                .stay(Duration.ofMinutes(30))
                .build();

        MinedVisit a = miner.mine(START, List.of(A, B), trace, List.of()).getFirst();

        assertEquals(90 * 60, a.serviceSeconds(), 60);
    }

    @Test
    void gpsGapBeforeArrivalIsBridgedByInterpolation() {
        // Drives 10 of 12 minutes with fixes to 5/6 of the way, then 2 minutes without any fix into A.
        double latAt = START.lat() + (A.lat() - START.lat()) * 5 / 6;
        double lonAt = START.lon() + (A.lon() - START.lon()) * 5 / 6;
        List<TracePoint> trace = new TraceBuilder(T0, START.lat(), START.lon(), EVERY)
                .stay(Duration.ofMinutes(10))
                .drive(latAt, lonAt, Duration.ofMinutes(10))
                .gapWhileDriving(A.lat(), A.lon(), Duration.ofMinutes(2))
                .stay(Duration.ofMinutes(30)).build();

        MinedVisit a = miner.mine(START, List.of(A), trace, List.of()).getFirst();

        // Interpolating across the gap lands near the true 22:00; either end of the gap would be up to 2 min off.
        assertEquals(22 * 60, Duration.between(T0, a.arrival()).toSeconds(), 30);
    }

    @Test
    void stopOnTheWayIsDetectedAndKeptInTheTravelTime() {
        double midLat = (START.lat() + A.lat()) / 2;
        double midLon = (START.lon() + A.lon()) / 2;
        List<TracePoint> trace = new TraceBuilder(T0, START.lat(), START.lon(), EVERY)
                .stay(Duration.ofMinutes(10))
                .drive(midLat, midLon, Duration.ofMinutes(6))
                .stay(Duration.ofMinutes(8))
                .drive(A.lat(), A.lon(), Duration.ofMinutes(6))
                .stay(Duration.ofMinutes(30)).build();

        MinedVisit a = miner.mine(START, List.of(A), trace, List.of()).getFirst();

        assertEquals(1, a.stopsOnTheWay().size());
        assertEquals(8, a.stoppedOnTheWay().toMinutes(), 1);
        assertEquals(20 * 60, a.travelSeconds(), 30);
        assertFalse(a.detour());
    }

    @Test
    void shuffledAndReplayedFixesGiveTheSameResult() {
        List<TracePoint> ordered = day().build();
        List<TracePoint> shuffled = new ArrayList<>(ordered);
        shuffled.addAll(ordered.subList(100, 150));
        Collections.shuffle(shuffled, new Random(3));

        assertEquals(miner.mine(START, List.of(A, B), ordered, List.of()),
                miner.mine(START, List.of(A, B), shuffled, List.of()));
    }

    @Test
    void withoutAnyTraceTheTapsAreUsed() {
        Instant arrived = T0.plus(Duration.ofMinutes(30));
        List<Tap> taps = List.of(new Tap(A.appointmentId(), VisitStatus.EN_ROUTE, T0.plusSeconds(600)),
                new Tap(A.appointmentId(), VisitStatus.ARRIVED, arrived),
                new Tap(A.appointmentId(), VisitStatus.COMPLETED, arrived.plusSeconds(1800)));

        MinedVisit a = miner.mine(START, List.of(A), List.of(), taps).getFirst();

        assertEquals(ArrivalSource.TAP_ONLY, a.arrivalSource());
        assertEquals(20 * 60, a.travelSeconds(), 0.001);
        assertEquals(30 * 60, a.serviceSeconds(), 0.001);
        assertTrue(a.travelFactor() > 0);
    }
}
