package io.fieldcast.simulator.world;

import java.util.List;
import java.util.Map;

/**
 * One technician's hidden habits: what the platform has to learn from GPS and status history and must never read.
 * Written to the truth file only. All times in minutes, distances in metres, probabilities per occasion.
 *
 * @param technicianId        whose habits
 * @param speedFactorByHour   24 multipliers of road-network travel time by local hour (above 1 = slower)
 * @param serviceMinutes      per job type code: the person's service-time distribution
 * @param defaultService      for job types not in {@code serviceMinutes}
 * @param lateStartChance     chance of leaving home late on a given day
 * @param lateStartMeanMin    mean of the (exponential) delay when late
 * @param lunchMeanMin        mean lunch length
 * @param lunchSdMin          day-to-day spread of lunch length
 * @param lunchAfterMinute    local minute of day after which lunch is taken, at the next break between visits
 * @param detourChance        chance that a drive includes an unplanned stop (fuel, coffee, parts)
 * @param detourMeanMin       mean length of that stop
 * @param gpsNoiseMeters      standard deviation of the phone's position error
 * @param gpsGapChance        chance that a drive contains a stretch without fixes (tunnel, garage)
 * @param indoorFixChance     chance of getting a fix per attempt while inside a customer's home (basements)
 * @param offlineChance       chance per day that the phone has no data for a while (fixes queue on the phone)
 * @param offlineMeanMin      mean length of such an offline period
 * @param pingIntervalSec     seconds between fixes while moving (10..30)
 * @param newHire             started recently: the platform has little history about them
 * @param firstDayIndex       for a new hire, the first simulated day (0-based) they work
 * @param rare                rare events
 * @param timeLeft            how they tell the time left of a job in hand
 */
public record Habits(String technicianId, List<Double> speedFactorByHour, Map<String, LogNormal> serviceMinutes,
                     LogNormal defaultService, double lateStartChance, double lateStartMeanMin, double lunchMeanMin,
                     double lunchSdMin, int lunchAfterMinute, double detourChance, double detourMeanMin,
                     double gpsNoiseMeters, double gpsGapChance, double indoorFixChance, double offlineChance,
                     double offlineMeanMin, int pingIntervalSec, boolean newHire, int firstDayIndex, Rare rare,
                     TimeLeft timeLeft) {

    /**
     * Rare events.
     *
     * @param longJobChance per visit: the job takes twice its drawn time
     * @param noShowChance  per visit: nobody opens the door
     * @param sickChance    per day: the technician goes home sick mid-day
     */
    public record Rare(double longJobChance, double noShowChance, double sickChance) {
    }

    /**
     * How a technician tells the phone how long the job in hand has left: once they have seen what it needs (a
     * quarter of an hour or so in, half-way through a short job) with chance {@code chance} per job, and again once the
     * job has run ten minutes past what they said. What they say is the truth (the minutes the job really has left)
     * times exp({@code lean} + {@code spread} x a standard normal draw), on the phone's five-minute buttons; a lean
     * below 0 is an optimist's. Hidden like the rest: the platform learns how far each technician's word holds.
     *
     * @param chance per job, that they tell it at all
     * @param lean   log of how far their word runs from the truth, on average
     * @param spread log-scale spread of their word around that
     */
    public record TimeLeft(double chance, double lean, double spread) {

        /** A technician who never says. */
        public static final TimeLeft NEVER = new TimeLeft(0, 0, 0);
    }

    /** A job lasts at least this long (the ARRIVED tap comes up to 2 min after the ring; service outlasts it). */
    public static final double MIN_JOB_MINUTES = 5;
    /** And at most this long. */
    public static final double MAX_JOB_MINUTES = 480;
    /** A leg's traffic luck: its drive takes the hour's speed factor times exp(this x a standard normal draw). */
    public static final double LEG_SPREAD = 0.1;

    /** A technician who never tells the time left of a job. */
    public Habits(String technicianId, List<Double> speedFactorByHour, Map<String, LogNormal> serviceMinutes,
                  LogNormal defaultService, double lateStartChance, double lateStartMeanMin, double lunchMeanMin,
                  double lunchSdMin, int lunchAfterMinute, double detourChance, double detourMeanMin,
                  double gpsNoiseMeters, double gpsGapChance, double indoorFixChance, double offlineChance,
                  double offlineMeanMin, int pingIntervalSec, boolean newHire, int firstDayIndex, Rare rare) {
        this(technicianId, speedFactorByHour, serviceMinutes, defaultService, lateStartChance, lateStartMeanMin,
                lunchMeanMin, lunchSdMin, lunchAfterMinute, detourChance, detourMeanMin, gpsNoiseMeters, gpsGapChance,
                indoorFixChance, offlineChance, offlineMeanMin, pingIntervalSec, newHire, firstDayIndex, rare,
                TimeLeft.NEVER);
    }

    public Habits {
        timeLeft = timeLeft == null ? TimeLeft.NEVER : timeLeft;
        if (speedFactorByHour.size() != 24) {
            throw new IllegalArgumentException("speedFactorByHour needs 24 values");
        }
        speedFactorByHour = List.copyOf(speedFactorByHour);
        serviceMinutes = Map.copyOf(serviceMinutes);
    }

    public double speedFactor(int hourOfDay) {
        return speedFactorByHour.get(Math.floorMod(hourOfDay, 24));
    }

    public LogNormal service(String jobType) {
        return serviceMinutes.getOrDefault(jobType, defaultService);
    }

    /**
     * Minutes of a job of {@code jobType} at standard normal draw {@code z} of its service time: twice that when it is
     * a long job ({@link Rare#longJobChance}), within {@link #MIN_JOB_MINUTES}..{@link #MAX_JOB_MINUTES}.
     */
    public double jobMinutes(String jobType, double z, boolean longJob) {
        return Math.clamp(service(jobType).at(z) * (longJob ? 2 : 1), MIN_JOB_MINUTES, MAX_JOB_MINUTES);
    }

    /** Whether the technician works on simulated day {@code dayIndex} (new hires join later). */
    public boolean worksOn(int dayIndex) {
        return dayIndex >= firstDayIndex;
    }

    /** The same person on a day they leave on time (load runs start everyone at once). */
    public Habits punctual() {
        return new Habits(technicianId, speedFactorByHour, serviceMinutes, defaultService, 0, lateStartMeanMin,
                lunchMeanMin, lunchSdMin, lunchAfterMinute, detourChance, detourMeanMin, gpsNoiseMeters, gpsGapChance,
                indoorFixChance, offlineChance, offlineMeanMin, pingIntervalSec, newHire, firstDayIndex, rare,
                timeLeft);
    }

    /** The same person, who never tells the time left of a job (to compare a platform without their word). */
    public Habits silentOnTimeLeft() {
        return new Habits(technicianId, speedFactorByHour, serviceMinutes, defaultService, lateStartChance,
                lateStartMeanMin, lunchMeanMin, lunchSdMin, lunchAfterMinute, detourChance, detourMeanMin,
                gpsNoiseMeters, gpsGapChance, indoorFixChance, offlineChance, offlineMeanMin, pingIntervalSec, newHire,
                firstDayIndex, rare);
    }
}
