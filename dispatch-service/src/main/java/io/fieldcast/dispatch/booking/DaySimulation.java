package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.road.TravelTimes;
import io.fieldcast.roadnetwork.GeoPoint;

import java.time.Instant;
import java.util.List;

/**
 * Drives one technician's day in order and says whether it holds: every arrival inside its promised window
 * (waiting when early), back home by the end of the shift with the break taken, and total busy time (work,
 * travel, break) within the share of the shift that booking may use. Each leg is the road network's time scaled by
 * the technician's learned factor for the hour of departure, as the optimizer drives it.
 */
final class DaySimulation {

    private DaySimulation() {
    }

    /** The outcome of a feasible day, or {@code null} when the day does not hold. */
    record Outcome(long travelSeconds, long busySeconds, long minSlackSeconds, Instant[] arrivals) {
    }

    static Outcome simulate(TechDay day, List<Stop> stops, double usableShare, TravelTimes travel) {
        long t = day.shiftStart().getEpochSecond();
        long breakSeconds = day.breakMinutes() * 60L;
        long latestReturn = day.shiftEnd().getEpochSecond() - breakSeconds;
        GeoPoint at = day.home();
        long travelTotal = 0;
        long workTotal = 0;
        long minSlack = Long.MAX_VALUE;
        Instant[] arrivals = new Instant[stops.size()];
        for (int i = 0; i < stops.size(); i++) {
            Stop stop = stops.get(i);
            long mapped = travel.seconds(at, stop.point());
            if (mapped >= TravelTimes.UNREACHABLE) {
                return null;
            }
            long leg = day.driveSeconds(mapped, t);
            long arrive = t + leg;
            long windowEnd = stop.windowEnd().getEpochSecond();
            if (arrive > windowEnd) {
                return null;
            }
            minSlack = Math.min(minSlack, windowEnd - arrive);
            arrivals[i] = Instant.ofEpochSecond(arrive);
            t = Math.max(arrive, stop.windowStart().getEpochSecond()) + stop.durationMinutes() * 60L;
            travelTotal += leg;
            workTotal += stop.durationMinutes() * 60L;
            at = stop.point();
        }
        long mappedHome = travel.seconds(at, day.home());
        if (mappedHome >= TravelTimes.UNREACHABLE) {
            return null;
        }
        long home = day.driveSeconds(mappedHome, t);
        if (t + home > latestReturn) {
            return null;
        }
        travelTotal += home;
        long busy = travelTotal + workTotal + breakSeconds;
        if (busy > usableShare * day.shiftSeconds()) {
            return null;
        }
        return new Outcome(travelTotal, busy, minSlack == Long.MAX_VALUE ? 0 : minSlack, arrivals);
    }
}
