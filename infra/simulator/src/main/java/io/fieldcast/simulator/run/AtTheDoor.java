package io.fieldcast.simulator.run;

import io.fieldcast.events.VisitStatus;
import io.fieldcast.simulator.api.MobileClient;
import io.fieldcast.simulator.day.DayEngine;
import io.fieldcast.simulator.day.DayOutcome;
import io.fieldcast.simulator.day.PhoneOutput;
import io.fieldcast.simulator.day.PlannedStop;
import io.fieldcast.simulator.day.TechnicianDay;
import io.fieldcast.simulator.day.Truth;
import io.fieldcast.simulator.world.Habits;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Live mode: as the van pulls up at a visit, the phone shows the window the customer was last told, which may have
 * been told after the day was simulated. Nobody rings before it opens (company policy), so when it moves the moment
 * the technician may ring, the day goes on from the door ({@link DayEngine.Parked}) and the phone's unsent outputs
 * after parking are replaced. The truth gets a {@code retold} line.
 */
final class AtTheDoor {

    /**
     * The phone's told window is read on every replay tick from this long before the van parks until it has parked
     * (the read at or after parking is the last). A tick is 250 ms of wall time plus the sending, minutes of the day at
     * 120x or 600x: with one minute and one read, a tick could skip the door and the technician rang before the window
     * told (1 visit of 45 in a seed-3 demo); with ten minutes and one read, a window told just after the van set off
     * (the platform hears of a departure minutes of the day later at 600x) was missed (2 of 44). The look starts
     * before the van sets off when the drive is shorter than this: at 600x a tick is 2.5 minutes of the day, and a
     * technician who set off on a 32-second drive next door rang at 08:56, nine minutes before the 09:05 window
     * texted at 08:01, because no tick fell between leaving and parking.
     */
    static final Duration LOOK_AHEAD = Duration.ofMinutes(10);

    /** A told window read again at a visit's door that changed when the technician rings, for the truth file. */
    record Retold(String technicianId, LocalDate date, UUID appointmentId, Instant parkedAt, Instant toldBefore,
                  Instant toldAtDoor) {
    }

    private final DayEngine engine;
    private final TruthWriter truth;
    private final Function<String, Habits> habits;

    AtTheDoor(DayEngine engine, TruthWriter truth, Function<String, Habits> habits) {
        this.engine = engine;
        this.truth = truth;
        this.habits = habits;
    }

    /** Reads the told window of the visit the van is pulling up at (on every tick until it has parked). */
    void check(Replanner.Tracked t, Instant simNow) {
        Truth.Visit pulling = pullingUp(t, simNow);
        if (pulling == null) {
            return;
        }
        PlannedStop stop = stopOf(t, pulling.appointmentId());
        if (!simNow.isBefore(parkedAt(pulling))) {
            looked(t, pulling.appointmentId());
        }
        MobileClient.Route route = stop == null ? null : t.phone.route(t.day.date());
        PlannedStop shown = route == null ? null : route.stops().stream()
                .filter(s -> s.appointmentId().equals(stop.appointmentId())).findFirst().orElse(null);
        if (shown == null || Objects.equals(shown.toldWindowStart(), stop.toldWindowStart())) {
            return;
        }
        Instant parked = parkedAt(pulling);
        PlannedStop retold = stop.withToldWindowStart(shown.toldWindowStart());
        Instant ringsAt = retold.doorOpens() != null && parked.isBefore(retold.doorOpens()) ? retold.doorOpens()
                : parked;
        if (ringsAt.equals(pulling.arrivedAt())) {
            return; // the van parks after both windows opened: the new told window changes nothing
        }
        List<PlannedStop> rest = new ArrayList<>();
        rest.add(retold);
        List<PlannedStop> stops = t.day.stops();
        rest.addAll(stops.subList(stops.indexOf(stop) + 1, stops.size()));
        if (t.outcome.day().lunch() != null && t.outcome.day().lunch().from().isBefore(parked)) {
            t.lunchTaken = true;
        }
        TechnicianDay next = new TechnicianDay(t.day.technicianId(), t.day.date(), t.day.dayIndex(), t.day.zone(),
                parked, t.day.shiftEnd(), stop.location(), t.day.end(), rest);
        t.round++;
        var atDoor = new DayEngine.Parked(pulling.departedAt(), parked, pulling.freeFlowSeconds(), pulling.meters(),
                pulling.detourMinutes());
        DayOutcome outcome = engine.simulate(next, habits.apply(t.technician.id()),
                new DayEngine.Resume(t.round, t.lunchTaken, atDoor, t.shiftStart));
        truth.write("retold", new Retold(t.technician.id(), t.day.date(), stop.appointmentId(), parked,
                stop.toldWindowStart(), retold.toldWindowStart()));
        truth.write("day", outcome.day());
        outcome.visits().forEach(v -> truth.write("visit", v));
        // Started now, and busy there until the re-simulated visit is done: a re-plan meanwhile keeps its done tap.
        Instant finished = outcome.visits().stream().filter(v -> v.appointmentId().equals(stop.appointmentId()))
                .map(Truth.Visit::finishedAt).filter(Objects::nonNull).findFirst().orElse(null);
        t.markStarted(stop.appointmentId(), stop.location(), finished);
        // One started in an earlier round (carried on the way) ends later than that round had it.
        t.finishesAt(finished);
        t.onTheWay.remove(stop.appointmentId());
        Replanner.splice(t.lane, parked, t.started, Replanner.withoutSickTaps(outcome));
        t.day = next;
        t.relive(outcome);
        Log.debug(t.technician.id() + ": told " + retold.toldWindowStart() + " at the door of "
                + stop.appointmentId() + ", rings at " + ringsAt);
    }

    /** The stop of {@code id} as the day has it, or as it was when the van set off for it in an earlier round. */
    private static PlannedStop stopOf(Replanner.Tracked t, UUID id) {
        PlannedStop stop = t.day.stops().stream().filter(s -> s.appointmentId().equals(id)).findFirst().orElse(null);
        Replanner.Tracked.OnTheWay carried = t.onTheWay.get(id);
        return stop != null || carried == null ? stop : carried.stop();
    }

    /** The door of {@code id} was read for the last time. */
    private static void looked(Replanner.Tracked t, UUID id) {
        t.lookedAtDoor.add(id);
        t.onTheWay.remove(id);
    }

    /**
     * The visit the van parks at within {@link #LOOK_AHEAD} of now (set off for or not), when its ARRIVED tap is not
     * sent yet: of those the van set off for before a re-plan ({@link Replanner.Tracked#onTheWay}), then of the
     * current outcome.
     */
    private static Truth.Visit pullingUp(Replanner.Tracked t, Instant simNow) {
        List<Truth.Visit> candidates = new ArrayList<>();
        t.onTheWay.values().forEach(c -> candidates.add(c.visit()));
        candidates.addAll(t.outcome.visits());
        for (Truth.Visit v : candidates) {
            if (v.departedAt() == null || t.lookedAtDoor.contains(v.appointmentId())
                    || parkedAt(v).isAfter(simNow.plus(LOOK_AHEAD))) {
                continue;
            }
            boolean arrivedUnsent = t.lane.outputs.subList(t.lane.next, t.lane.outputs.size()).stream()
                    .anyMatch(o -> o instanceof PhoneOutput.StatusTap tap && tap.status() == VisitStatus.ARRIVED
                            && tap.appointmentId().equals(v.appointmentId()));
            if (arrivedUnsent) {
                return v;
            }
            looked(t, v.appointmentId()); // too late to matter
        }
        return null;
    }

    private static Instant parkedAt(Truth.Visit v) {
        return v.departedAt().plusMillis(Math.round(v.driveSeconds() * 1000));
    }
}
