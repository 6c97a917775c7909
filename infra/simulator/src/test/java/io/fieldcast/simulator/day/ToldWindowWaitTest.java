package io.fieldcast.simulator.day;

import io.fieldcast.events.VisitStatus;
import io.fieldcast.roadnetwork.GeoPoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.fieldcast.simulator.day.DayEngineTest.DATE;
import static io.fieldcast.simulator.day.DayEngineTest.HOME;
import static io.fieldcast.simulator.day.DayEngineTest.ZONE;
import static io.fieldcast.simulator.day.DayEngineTest.calm;
import static io.fieldcast.simulator.day.DayEngineTest.shift;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Company policy: nobody rings before the window the customer was last told opens; the van waits outside. */
class ToldWindowWaitTest {

    /** The first of DayEngineTest's stops: booked 08:00–10:00, 3 km from home; the shift starts at 08:00. */
    private static final PlannedStop STOP = DayEngineTest.stops(DATE, 1).getFirst();
    private static final Instant TOLD = shift(0, 9);

    @Test
    void vanParkedBeforeTheToldStartRingsNotBeforeIt() {
        DayOutcome out = simulate(STOP.withToldWindowStart(TOLD));
        Truth.Visit visit = out.visits().getFirst();
        Instant parked = parkedAt(visit);
        // 3 km at city speed from 08:00 parks well before 09:00.
        assertTrue(parked.isBefore(TOLD), "parked " + parked);
        assertEquals(TOLD, visit.arrivedAt());
        assertFalse(tapOf(out, VisitStatus.ARRIVED).deviceTime().isBefore(TOLD));
    }

    @Test
    void standingFixesOutsideTheDoorWhileWaitingForTheToldStart() {
        DayOutcome out = simulate(STOP.withToldWindowStart(TOLD));
        Instant parked = parkedAt(out.visits().getFirst());
        List<PhoneOutput.Fix> waiting = out.outputs().stream()
                .filter(o -> o instanceof PhoneOutput.Fix f && f.deviceTime().isAfter(parked)
                        && f.deviceTime().isBefore(TOLD))
                .map(o -> (PhoneOutput.Fix) o).toList();
        // About one fix every 1.5 min with 90 % chance over the ~50 min wait; 10 is a safe floor.
        assertTrue(waiting.size() >= 10, "fixes while waiting: " + waiting.size());
        for (PhoneOutput.Fix f : waiting) {
            assertEquals(0.0, f.speed());
            // calm() has 5 m GPS noise: standing fixes stay within a few tens of metres of the door.
            assertTrue(Geo.meters(GeoPoint.of(f.lat(), f.lon()), STOP.location()) < 60, f.toString());
        }
    }

    @Test
    void toldStartBeforeTheBookedStartStillWaitsForTheBookedOne() {
        Instant booked = STOP.windowStart().plus(Duration.ofHours(2));
        PlannedStop late = new PlannedStop(STOP.appointmentId(), 0, "REPAIR", STOP.location(), booked,
                booked.plus(Duration.ofHours(2)), booked, 60, booked.minus(Duration.ofMinutes(30)));
        Truth.Visit visit = simulate(late).visits().getFirst();
        assertFalse(visit.arrivedAt().isBefore(booked), "rang at " + visit.arrivedAt());
    }

    @Test
    void withoutAToldWindowTheDayIsUnchanged() {
        DayOutcome plain = simulate(STOP);
        DayOutcome nullTold = simulate(STOP.withToldWindowStart(null));
        assertEquals(plain, nullTold);
        // Booked 08:00: the van parks after it and rings at once.
        Truth.Visit visit = plain.visits().getFirst();
        assertEquals(parkedAt(visit), visit.arrivedAt());
    }

    @Test
    void dayResumedAtTheDoorRingsAtTheNewToldStartWithoutDrivingAgain() {
        Instant departed = shift(0, 8);
        Instant parked = departed.plus(Duration.ofMinutes(8));
        TechnicianDay fromDoor = new TechnicianDay("tech-01", DATE, 0, ZONE, parked, shift(0, 17),
                STOP.location(), HOME, List.of(STOP.withToldWindowStart(TOLD)));
        DayOutcome out = new DayEngine(7, StraightLineRouter.CITY).simulate(fromDoor, calm(),
                new DayEngine.Resume(1, false, new DayEngine.Parked(departed, parked, 400, 3000, 0)));
        Truth.Visit visit = out.visits().getFirst();
        assertEquals(departed, visit.departedAt());
        assertEquals(TOLD, visit.arrivedAt());
        assertEquals(480, visit.driveSeconds(), 0.001); // 8 min from departure to parking, as first simulated
        assertTrue(out.outputs().stream().noneMatch(o -> o instanceof PhoneOutput.StatusTap t
                && t.status() == VisitStatus.EN_ROUTE), "no second EN_ROUTE tap");
        assertFalse(tapOf(out, VisitStatus.ARRIVED).deviceTime().isBefore(TOLD));
    }

    private static DayOutcome simulate(PlannedStop stop) {
        TechnicianDay day = new TechnicianDay("tech-01", DATE, 0, ZONE, shift(0, 8), shift(0, 17), HOME, HOME,
                List.of(stop));
        return new DayEngine(7, StraightLineRouter.CITY).simulate(day, calm());
    }

    private static Instant parkedAt(Truth.Visit v) {
        return v.departedAt().plusMillis(Math.round(v.driveSeconds() * 1000));
    }

    private static PhoneOutput.StatusTap tapOf(DayOutcome out, VisitStatus status) {
        return out.outputs().stream()
                .filter(o -> o instanceof PhoneOutput.StatusTap t && t.status() == status)
                .map(o -> (PhoneOutput.StatusTap) o).findFirst().orElseThrow();
    }
}
