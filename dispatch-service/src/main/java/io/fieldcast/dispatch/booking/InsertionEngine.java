package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.road.TravelTimes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cheapest feasible insertion of one visit into the current plan of a day: tries every qualified
 * technician and every position, keeps the one that adds the least travel (ties: more slack). A share of
 * each shift stays unbooked for emergencies.
 */
public final class InsertionEngine {

    private InsertionEngine() {
    }

    /**
     * @param reserveShare share of each shift kept free (0.15 = 15 %)
     */
    public static Optional<Insertion> best(List<TechDay> day, VisitRequest visit, double reserveShare,
                                           TravelTimes travel) {
        double usable = 1.0 - reserveShare;
        Insertion best = null;
        for (TechDay tech : day) {
            if (!tech.qualifiedFor(visit.requiredSkills()) || tech.shiftSeconds() <= 0) {
                continue;
            }
            DaySimulation.Outcome before = DaySimulation.simulate(tech, tech.stops(), 1.0, travel);
            long travelBefore = before == null ? 0 : before.travelSeconds();
            if (before == null) {
                continue; // the day is already broken (e.g. after a reschedule); do not pile onto it
            }
            for (int position = 0; position <= tech.stops().size(); position++) {
                Insertion candidate = tryAt(tech, visit, position, usable, travel, travelBefore);
                if (candidate != null && better(candidate, best)) {
                    best = candidate;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Planned arrival per stop when the day is driven in this order, or empty when it does not hold. */
    public static Optional<Instant[]> plannedArrivals(TechDay tech, List<Stop> stops, TravelTimes travel) {
        DaySimulation.Outcome outcome = DaySimulation.simulate(tech, stops, 1.0, travel);
        return Optional.ofNullable(outcome).map(DaySimulation.Outcome::arrivals);
    }

    private static Insertion tryAt(TechDay tech, VisitRequest visit, int position, double usable,
                                   TravelTimes travel, long travelBefore) {
        List<Stop> stops = new ArrayList<>(tech.stops());
        Stop stop = visit.asStopFor(tech);
        stops.add(position, stop);
        DaySimulation.Outcome after = DaySimulation.simulate(tech, stops, usable, travel);
        if (after == null) {
            return null;
        }
        double utilization = after.busySeconds() / (usable * tech.shiftSeconds());
        return new Insertion(tech.technicianId(), position, after.arrivals()[position],
                after.travelSeconds() - travelBefore, utilization, after.minSlackSeconds(), stop.durationMinutes());
    }

    private static boolean better(Insertion a, Insertion b) {
        if (b == null) {
            return true;
        }
        if (a.addedTravelSeconds() != b.addedTravelSeconds()) {
            return a.addedTravelSeconds() < b.addedTravelSeconds();
        }
        return a.minSlackSeconds() > b.minSlackSeconds();
    }
}
