package io.fieldcast.simulator.run;

import io.fieldcast.events.VisitStatus;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.simulator.api.DispatchClient.Technician;
import io.fieldcast.simulator.api.MobileClient;
import io.fieldcast.simulator.day.DayEngine;
import io.fieldcast.simulator.day.DayOutcome;
import io.fieldcast.simulator.day.PhoneOutput;
import io.fieldcast.simulator.day.PlannedStop;
import io.fieldcast.simulator.day.TechnicianDay;
import io.fieldcast.simulator.day.Truth;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Live mode's phones look at their route again every 15 simulated minutes, as the app does; the technician answers the
 * question of the time left of the job in hand that it may show ({@link TimeLeftAsks}). When dispatch published
 * a newer plan version, the technician finishes what they started and continues with the new remaining visits from
 * there: the day is re-simulated from that point ({@link DayEngine.Resume}) and the phone's unsent outputs after it
 * are replaced. The truth gets a {@code replan} line; the last {@code visit} line per appointment is what happened.
 */
final class Replanner {

    static final Duration CHECK_EVERY = Duration.ofMinutes(15);
    static final Duration PACK_UP = Duration.ofMinutes(2);

    /** One technician's live state. */
    static final class Tracked {
        final Replay.Lane lane;
        final Technician technician;
        final MobileClient phone;
        TechnicianDay day;
        DayOutcome outcome;
        long planVersion;
        int round;
        boolean lunchTaken;
        final Set<UUID> started = new HashSet<>();
        /**
         * When the technician is free of the visits started so far, in any round: a visit begun before an earlier
         * re-plan may still be under way at a later one.
         */
        Instant busyUntil = Instant.MIN;
        /** Where the last visit started so far is. */
        GeoPoint lastStartedAt;
        /** Visits whose told window was read again as the van pulled up ({@link AtTheDoor}). */
        final Set<UUID> lookedAtDoor = new HashSet<>();
        /**
         * Visits the van had set off for, not yet read at their door, when a re-plan simulated the rest of the day
         * again from after them ({@link #carryOnTheWay}): the new outcome holds only what comes after, and the door of
         * these is still to be read (a window told while the van was on its way, then a re-plan, and the technician
         * rang before it: two arrivals before the told window of the session-27 runs).
         */
        final Map<UUID, OnTheWay> onTheWay = new LinkedHashMap<>();
        /** Whether the technician, gone home sick, has called the dispatcher, who recorded the absence. */
        boolean calledIn;
        /** When the day's shift started (a resumed day starts later): its fate is drawn against it. */
        final Instant shiftStart;
        /**
         * The truth of every visit of the day by appointment, the newest round's (as the truth file's last visit line):
         * a visit begun before a re-plan is not in the new outcome, and may still be under way.
         */
        final Map<UUID, Truth.Visit> lived = new HashMap<>();
        /** The questions of the time left this phone has shown, answered or not ({@link TimeLeftAsks}). */
        final Set<TimeLeftAsks.Ask> asked = new HashSet<>();

        /** A visit the van set off for in an earlier round, and its stop as the phone had it then. */
        record OnTheWay(Truth.Visit visit, PlannedStop stop) {
        }

        /** Keeps the visits of the current outcome the van has set off for by {@code simNow} for the door check. */
        void carryOnTheWay(Instant simNow) {
            Map<UUID, PlannedStop> stops = new HashMap<>();
            day.stops().forEach(s -> stops.put(s.appointmentId(), s));
            for (Truth.Visit v : outcome.visits()) {
                if (v.departedAt() != null && !v.departedAt().isAfter(simNow)
                        && !lookedAtDoor.contains(v.appointmentId()) && stops.containsKey(v.appointmentId())) {
                    onTheWay.put(v.appointmentId(), new OnTheWay(v, stops.get(v.appointmentId())));
                }
            }
        }

        /**
         * A visit started ends at {@code finishedAt} (null: not known): the technician is busy until then, packed up.
         * Called again for one started in an earlier round whose end moved later.
         */
        void finishesAt(Instant finishedAt) {
            if (finishedAt != null && finishedAt.plus(PACK_UP).isAfter(busyUntil)) {
                busyUntil = finishedAt.plus(PACK_UP);
            }
        }

        /**
         * Marks a visit started (the van left for it) the first time it is seen, with where it is and when the
         * technician is free of it; a visit seen again changes nothing.
         */
        void markStarted(UUID appointmentId, GeoPoint at, Instant finishedAt) {
            if (!started.add(appointmentId)) {
                return;
            }
            lastStartedAt = at;
            finishesAt(finishedAt);
        }

        /** The day simulated again from some point on: {@code next} replaces the current outcome. */
        void relive(DayOutcome next) {
            outcome = next;
            next.visits().forEach(v -> lived.put(v.appointmentId(), v));
        }

        Tracked(Replay.Lane lane, Technician technician, DayRunner.PhoneDay phoneDay) {
            this.lane = lane;
            this.technician = technician;
            this.phone = phoneDay.phone();
            this.day = phoneDay.day();
            this.shiftStart = phoneDay.day().shiftStart();
            this.planVersion = phoneDay.planVersion();
            relive(phoneDay.outcome());
        }
    }

    /** A re-plan record for the truth file. */
    record Replan(String technicianId, LocalDate date, Instant at, long fromVersion, long toVersion,
                  int remainingVisits) {
    }

    private final Company company;
    private final DayEngine engine;
    private final TruthWriter truth;
    private final List<Tracked> tracked;
    private final AtTheDoor door;
    private final TimeLeftAsks asks;
    private final Absences absences;
    private Instant lastCheck = Instant.MIN;

    /** How the dispatcher records that a technician is out for the rest of a day. */
    @FunctionalInterface
    interface Absences {
        void sick(String technicianId, LocalDate date, String note);
    }

    Replanner(Company company, DayEngine engine, TruthWriter truth, List<Tracked> tracked, Absences absences,
              Stats stats) {
        this.company = company;
        this.engine = engine;
        this.truth = truth;
        this.tracked = tracked;
        this.absences = absences;
        this.door = new AtTheDoor(engine, truth, company.habits::get);
        this.asks = new TimeLeftAsks(engine, company.habits::get, stats);
    }

    /**
     * A live day's phone outputs: those of {@code outcome} without the "cannot complete" taps of visits skipped because
     * the technician went home sick. Live, the technician calls the dispatcher instead ({@link #callIn}), who records
     * the absence; dispatch re-plans the day and the visits go to others. Tapped, they would be failed visits that
     * nobody comes to (a customer told 13:55-14:55 on a 24-technician demo day).
     */
    static List<PhoneOutput> withoutSickTaps(DayOutcome outcome) {
        Set<UUID> skipped = new HashSet<>();
        outcome.visits().stream().filter(v -> v.outcome() == Truth.Outcome.SKIPPED_SICK)
                .forEach(v -> skipped.add(v.appointmentId()));
        return outcome.outputs().stream().filter(o -> !(o instanceof PhoneOutput.StatusTap tap
                && tap.status() == VisitStatus.CANNOT_COMPLETE && skipped.contains(tap.appointmentId()))).toList();
    }

    /** The technician went home sick by {@code simNow}: they call the dispatcher, once, who records the absence. */
    private void callIn(Tracked t, Instant simNow) {
        Instant sick = t.outcome.day().wentSickAt();
        if (t.calledIn || sick == null || simNow.isBefore(sick)) {
            return;
        }
        t.calledIn = true;
        absences.sick(t.technician.id(), t.day.date(), "went home sick at " + sick + "; called the dispatcher");
        Log.info("  " + t.technician.id() + ": went home sick, absence recorded");
    }

    void onTick(Instant simNow) {
        for (Tracked t : tracked) {
            try {
                callIn(t, simNow);
            } catch (RuntimeException e) {
                Log.warn("absence of " + t.technician.id() + " failed: " + e.getMessage());
            }
            try {
                door.check(t, simNow);
            } catch (RuntimeException e) {
                Log.warn("told window check of " + t.technician.id() + " failed: " + e.getMessage());
            }
        }
        if (Duration.between(lastCheck, simNow).compareTo(CHECK_EVERY) < 0) {
            return;
        }
        lastCheck = simNow;
        for (Tracked t : tracked) {
            try {
                MobileClient.Route route = t.phone.route(t.day.date());
                if (route == null) {
                    continue;
                }
                // The question first: it is about the job in hand, which a new plan does not change (the re-plan keeps
                // the answer queued for it, as everything about a visit already started).
                asks.answer(t, route, simNow);
                if (route.planVersion() > t.planVersion) {
                    resume(t, route, simNow);
                }
            } catch (RuntimeException e) {
                Log.warn("route check of " + t.technician.id() + " failed: " + e.getMessage());
            }
        }
    }

    private void resume(Tracked t, MobileClient.Route route, Instant simNow) {
        Map<UUID, PlannedStop> stops = new HashMap<>();
        t.day.stops().forEach(s -> stops.put(s.appointmentId(), s));
        for (Truth.Visit v : t.outcome.visits()) {
            if (v.departedAt() != null && !v.departedAt().isAfter(simNow)) {
                t.markStarted(v.appointmentId(), stops.get(v.appointmentId()).location(), v.finishedAt());
            }
        }
        // Still on site at a visit begun in an earlier round: the rest starts when it is done, and its done tap,
        // already queued on the phone, stays.
        Instant resumeAt = t.busyUntil.isAfter(simNow) ? t.busyUntil : simNow;
        boolean home = !t.outcome.day().backHomeAt().isAfter(simNow);
        // Back home with new work (a visit moved from someone else after this day's last job): out again from home.
        GeoPoint position = home ? t.day.end() : t.lastStartedAt != null ? t.lastStartedAt : t.day.start();
        if (t.outcome.day().lunch() != null && t.outcome.day().lunch().from().isBefore(resumeAt)) {
            t.lunchTaken = true;
        }
        List<PlannedStop> remaining = route.stops().stream()
                .filter(s -> !t.started.contains(s.appointmentId())).toList();
        List<UUID> planned = t.day.stops().stream().map(PlannedStop::appointmentId)
                .filter(id -> !t.started.contains(id)).toList();
        if (remaining.stream().map(PlannedStop::appointmentId).toList().equals(planned)) {
            // The same visits in the same order (only times moved), or nothing new after the day's end: the day goes
            // on as it is.
            Log.debug(t.technician.id() + ": plan " + route.planVersion() + " changes nothing for the rest of the day");
            t.planVersion = route.planVersion();
            return;
        }
        TechnicianDay base = DayRunner.fromRoute(route, company, t.technician, t.day.date(), t.day.dayIndex());
        TechnicianDay next = new TechnicianDay(base.technicianId(), base.date(), base.dayIndex(), base.zone(),
                resumeAt, base.shiftEnd(), position, base.end(), remaining);
        t.round++;
        DayOutcome outcome = engine.simulate(next, company.habits.get(t.technician.id()),
                new DayEngine.Resume(t.round, t.lunchTaken, null, t.shiftStart));
        truth.write("replan", new Replan(t.technician.id(), t.day.date(), resumeAt, t.planVersion,
                route.planVersion(), remaining.size()));
        truth.write("day", outcome.day());
        outcome.visits().forEach(v -> truth.write("visit", v));
        splice(t.lane, resumeAt, t.started, withoutSickTaps(outcome));
        t.carryOnTheWay(simNow);
        t.day = next;
        t.relive(outcome);
        t.planVersion = route.planVersion();
        Log.info("  " + t.technician.id() + ": plan " + route.planVersion() + " at " + resumeAt + ", "
                + remaining.size() + " visits left");
    }

    /**
     * Keeps what was sent, and of the rest what happened before {@code from} (taps only for visits already started);
     * everything after comes from the new outcome.
     */
    static void splice(Replay.Lane lane, Instant from, Set<UUID> started, List<PhoneOutput> fresh) {
        // A visit the van reached before {@code from} is under way whatever the new outcome says: its taps the phone
        // still holds (the done tap of the job in progress) go out; those of visits not reached are the new outcome's.
        Set<UUID> reached = new HashSet<>(started);
        lane.outputs.stream().filter(o -> o instanceof PhoneOutput.StatusTap tap && tap.status() == VisitStatus.ARRIVED
                && o.deviceTime().isBefore(from)).forEach(o -> reached.add(((PhoneOutput.StatusTap) o).appointmentId()));
        List<PhoneOutput> pending = new ArrayList<>(lane.outputs.subList(lane.next, lane.outputs.size()).stream()
                .filter(o -> o.deviceTime().isBefore(from))
                .filter(o -> o.appointmentId() == null || reached.contains(o.appointmentId()))
                .toList());
        // A phone sends its queue first in, first out: the new outcome does not know the phone is still offline, so
        // nothing it records goes out before what the phone still holds (a tap sent ahead of the one it follows is
        // refused as out of order, and the visit never completes).
        Instant held = pending.stream().map(PhoneOutput::sendAt).max(Comparator.naturalOrder()).orElse(Instant.MIN);
        fresh.forEach(o -> pending.add(o.sendAt().isBefore(held) ? o.sentAt(held) : o));
        pending.sort(Comparator.comparing(PhoneOutput::sendAt)); // stable: taps keep their order
        List<PhoneOutput> all = new ArrayList<>(lane.outputs.subList(0, lane.next));
        all.addAll(pending);
        lane.outputs = all;
    }
}
