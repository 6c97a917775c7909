package io.fieldcast.eta.model;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one training run learned, materialized per known technician and for the fleet (the answer for technicians
 * and job types with no history). This is what is stored per model version and what forecasts read.
 *
 * @param service     technician -> job type -> service minutes
 * @param fleetService job type -> service minutes, for technicians without history
 * @param travel      technician -> hour of day (0..23) -> travel factor (actual / road-network time)
 * @param fleetTravel hour of day -> travel factor
 * @param breaks      technician -> midday break (when and how long), learned from the gaps between jobs
 * @param fleetBreak  the fleet's, for technicians whose break was never seen; null when nobody's was
 * @param turnaround  technician -> minutes from a job done to leaving for the next (packing up), learned from the
 *                    short gaps between jobs ({@link BreakEstimator#turnarounds})
 * @param fleetTurnaround the fleet's, for technicians never seen; 0 when nobody's was (versions stored before)
 * @param jobTail     what the fleet's jobs that ran long went on to do ({@link JobTail#NONE} for versions stored
 *                    before)
 * @param stops       stops on the way to a visit, how often and how long ({@link StopsOnTheWay#NONE} for versions
 *                    stored before)
 * @param tapLag      how long after the van stops the "arrived" tap comes ({@link TapLag#NONE} for versions stored
 *                    before)
 * @param aheadDoubt  how much less likely a first window is kept for each job ahead of its visit than its sampled
 *                    days say, learned from the lived days ({@link AheadDoubt#NONE} for versions stored before)
 * @param timeLeft    what the technicians' reads of the time left of a job turned out to be ({@link TimeLeftReads#NONE}
 *                    for versions stored before)
 */
public record LearnedModel(String version, Instant trainedAt, String serviceMethod, String travelMethod,
                           Map<String, Map<String, Quantiles>> service, Map<String, Quantiles> fleetService,
                           Map<String, List<Quantiles>> travel, List<Quantiles> fleetTravel,
                           List<Evaluation> evaluations, Map<String, BreakHabit> breaks, BreakHabit fleetBreak,
                           Map<String, Double> turnaround, double fleetTurnaround, JobTail jobTail,
                           StopsOnTheWay stops, TapLag tapLag, AheadDoubt aheadDoubt, TimeLeftReads timeLeft) {

    public LearnedModel {
        timeLeft = timeLeft == null ? TimeLeftReads.NONE : timeLeft;
        aheadDoubt = aheadDoubt == null ? AheadDoubt.NONE : aheadDoubt;
        jobTail = jobTail == null ? JobTail.NONE : jobTail;
        tapLag = tapLag == null ? TapLag.NONE : tapLag;
        stops = stops == null ? StopsOnTheWay.NONE : stops;
        // Versions stored before breaks (turnarounds) were learned read back without them.
        breaks = breaks == null ? Map.of() : Map.copyOf(breaks);
        turnaround = turnaround == null ? Map.of() : Map.copyOf(turnaround);
    }

    /** Without breaks (nobody's was seen, or the fleet takes none). */
    public LearnedModel(String version, Instant trainedAt, String serviceMethod, String travelMethod,
                        Map<String, Map<String, Quantiles>> service, Map<String, Quantiles> fleetService,
                        Map<String, List<Quantiles>> travel, List<Quantiles> fleetTravel,
                        List<Evaluation> evaluations) {
        this(version, trainedAt, serviceMethod, travelMethod, service, fleetService, travel, fleetTravel, evaluations,
                Map.of(), null, Map.of(), 0, JobTail.NONE, StopsOnTheWay.NONE, TapLag.NONE, AheadDoubt.NONE,
                TimeLeftReads.NONE);
    }

    /** The same model with breaks learned ({@link BreakEstimator#estimate}: the fleet's under key null). */
    public LearnedModel withBreaks(Map<String, BreakHabit> learned) {
        Map<String, BreakHabit> own = new HashMap<>(learned);
        BreakHabit fleet = own.remove(null);
        return new LearnedModel(version, trainedAt, serviceMethod, travelMethod, service, fleetService, travel,
                fleetTravel, evaluations, own, fleet, turnaround, fleetTurnaround, jobTail, stops, tapLag,
                aheadDoubt, timeLeft);
    }

    /** The same model with turnarounds learned ({@link BreakEstimator#turnaroundByTechnician}: the fleet's under null). */
    public LearnedModel withTurnarounds(Map<String, Double> learned) {
        Map<String, Double> own = new HashMap<>(learned);
        Double fleet = own.remove(null);
        return new LearnedModel(version, trainedAt, serviceMethod, travelMethod, service, fleetService, travel,
                fleetTravel, evaluations, breaks, fleetBreak, own, fleet == null ? 0 : fleet, jobTail, stops,
                tapLag, aheadDoubt, timeLeft);
    }

    /** The same model with the fleet's job tail learned ({@link TailCalibration#jobTail}). */
    public LearnedModel withJobTail(JobTail learned) {
        return new LearnedModel(version, trainedAt, serviceMethod, travelMethod, service, fleetService, travel,
                fleetTravel, evaluations, breaks, fleetBreak, turnaround, fleetTurnaround, learned, stops, tapLag,
                aheadDoubt, timeLeft);
    }

    /** The same model with stops on the way learned ({@link StopsOnTheWay#learn}). */
    public LearnedModel withStops(StopsOnTheWay learned) {
        return new LearnedModel(version, trainedAt, serviceMethod, travelMethod, service, fleetService, travel,
                fleetTravel, evaluations, breaks, fleetBreak, turnaround, fleetTurnaround, jobTail, learned, tapLag,
                aheadDoubt, timeLeft);
    }

    /** The same model with the fleet's lag from the van at the door to the "arrived" tap ({@link TapLag#learn}). */
    public LearnedModel withTapLag(TapLag learned) {
        return new LearnedModel(version, trainedAt, serviceMethod, travelMethod, service, fleetService, travel,
                fleetTravel, evaluations, breaks, fleetBreak, turnaround, fleetTurnaround, jobTail, stops, learned,
                aheadDoubt, timeLeft);
    }

    /** The same model with the doubt per job ahead learned from the lived days ({@link AheadDoubt#learn}). */
    public LearnedModel withAheadDoubt(AheadDoubt learned) {
        return new LearnedModel(version, trainedAt, serviceMethod, travelMethod, service, fleetService, travel,
                fleetTravel, evaluations, breaks, fleetBreak, turnaround, fleetTurnaround, jobTail, stops, tapLag,
                learned, timeLeft);
    }

    /** The same model with the technicians' reads of the time left learned ({@link TimeLeftReads#learn}). */
    public LearnedModel withTimeLeft(TimeLeftReads learned) {
        return new LearnedModel(version, trainedAt, serviceMethod, travelMethod, service, fleetService, travel,
                fleetTravel, evaluations, breaks, fleetBreak, turnaround, fleetTurnaround, jobTail, stops, tapLag,
                aheadDoubt, learned);
    }

    /**
     * This model with the service and travel times (their methods, evaluations and the job tail) of {@code trained},
     * the rest (breaks, turnarounds, stops, the tap's lag, the doubt, the reads of the time left) as learned here.
     */
    public LearnedModel withDurationsOf(LearnedModel trained) {
        return new LearnedModel(trained.version, trained.trainedAt, trained.serviceMethod, trained.travelMethod,
                trained.service, trained.fleetService, trained.travel, trained.fleetTravel, trained.evaluations,
                breaks, fleetBreak, turnaround, fleetTurnaround, trained.jobTail, stops, tapLag, aheadDoubt, timeLeft);
    }

    /** Minutes from this technician's job done to the van leaving for the next one (the fleet's if never seen). */
    public double turnaroundOf(String technician) {
        return turnaround.getOrDefault(technician, fleetTurnaround);
    }

    /** This technician's break, the fleet's for one never seen, null when no break was ever learned. */
    public BreakHabit breakOf(String technician) {
        return breaks.getOrDefault(technician, fleetBreak);
    }

    /** Spread assumed for a job type nobody has done yet, around its planned duration. */
    static final double UNKNOWN_SERVICE_SIGMA = 0.35;
    static final double UNKNOWN_TRAVEL_SIGMA = 0.2;

    /** No history at all: plan durations and road-network times, with honest uncertainty. */
    public static LearnedModel untrained() {
        return new LearnedModel("untrained", Instant.EPOCH, "none", "none", Map.of(), Map.of(), Map.of(), List.of(),
                List.of());
    }

    public Quantiles service(String technician, String jobType, double plannedMinutes) {
        Quantiles q = service.getOrDefault(technician, Map.of()).get(jobType);
        if (q == null) {
            q = fleetService.get(jobType);
        }
        return q != null ? q : Quantiles.logNormal(Math.max(1, plannedMinutes), UNKNOWN_SERVICE_SIGMA, 0);
    }

    /** How many jobs this technician's service times were learned from (0: none, the fleet's are used). */
    public int serviceJobsOf(String technician) {
        return service.getOrDefault(technician, Map.of()).values().stream().mapToInt(Quantiles::samples).sum();
    }

    public Quantiles travelFactor(String technician, int hour) {
        List<Quantiles> byHour = travel.get(technician);
        if (byHour != null && byHour.size() == 24) {
            return byHour.get(hour);
        }
        if (fleetTravel.size() == 24) {
            return fleetTravel.get(hour);
        }
        return Quantiles.logNormal(1.0, UNKNOWN_TRAVEL_SIGMA, 0);
    }
}
