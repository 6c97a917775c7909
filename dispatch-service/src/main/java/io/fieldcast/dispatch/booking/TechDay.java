package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.road.TravelTimes;
import io.fieldcast.dispatch.solver.TravelFactor;
import io.fieldcast.roadnetwork.GeoPoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One technician's working day as booking sees it: shift, home, skills and the stops in planned order, learned
 * service times, and the learned travel factor by hour (ticks of {@code travelFactor} are seconds from
 * {@code factorEpoch}), the same one the optimizer applies.
 */
public record TechDay(String technicianId, GeoPoint home, Instant shiftStart, Instant shiftEnd, int breakMinutes,
                      Map<String, Integer> skills, List<Stop> stops, Map<String, Integer> learnedMinutes,
                      TravelFactor travelFactor, Instant factorEpoch) {

    public TechDay {
        skills = Map.copyOf(skills);
        stops = List.copyOf(stops);
        learnedMinutes = Map.copyOf(learnedMinutes);
        travelFactor = travelFactor == null ? TravelFactor.AS_MAPPED : travelFactor;
        factorEpoch = factorEpoch == null ? shiftStart : factorEpoch;
    }

    public TechDay(String technicianId, GeoPoint home, Instant shiftStart, Instant shiftEnd, int breakMinutes,
                   Map<String, Integer> skills, List<Stop> stops, Map<String, Integer> learnedMinutes) {
        this(technicianId, home, shiftStart, shiftEnd, breakMinutes, skills, stops, learnedMinutes,
                TravelFactor.AS_MAPPED, shiftStart);
    }

    public TechDay(String technicianId, GeoPoint home, Instant shiftStart, Instant shiftEnd, int breakMinutes,
                   Map<String, Integer> skills, List<Stop> stops) {
        this(technicianId, home, shiftStart, shiftEnd, breakMinutes, skills, stops, Map.of());
    }

    /** This technician's learned service time for a job type, or the default when nothing was learned. */
    public int minutesFor(String jobType, int defaultMinutes) {
        return jobType == null ? defaultMinutes : learnedMinutes.getOrDefault(jobType, defaultMinutes);
    }

    /** Seconds this technician drives a leg the road network puts at {@code mapped}, leaving at that moment. */
    public long driveSeconds(long mapped, long departureEpochSecond) {
        return travelFactor.travel(mapped, departureEpochSecond - factorEpoch.getEpochSecond());
    }

    public long shiftSeconds() {
        return Duration.between(shiftStart, shiftEnd).toSeconds();
    }

    /**
     * How much of the shift the day's stops take in this order: {@code seconds} of work, driving, waiting and the break
     * owed, at most the whole shift; the whole shift when the day no longer {@code holds}.
     */
    public record Taken(long seconds, boolean holds) {
    }

    public Taken taken(TravelTimes travel) {
        DaySimulation.Outcome outcome = DaySimulation.simulate(this, stops, 1.0, travel);
        return outcome == null ? new Taken(shiftSeconds(), false)
                : new Taken(Math.min(shiftSeconds(), outcome.busySeconds() + breakMinutes * 60L), true);
    }

    /** True when every required skill is held at least at the required level. */
    public boolean qualifiedFor(Map<String, Integer> required) {
        return required.entrySet().stream()
                .allMatch(r -> skills.getOrDefault(r.getKey(), 0) >= r.getValue());
    }
}
