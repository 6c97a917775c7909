package io.fieldcast.eta.forecast;

import java.time.Instant;
import java.util.UUID;

/**
 * The predicted arrival at one visit: the median, the 60-minute window to tell and the probability that the arrival
 * falls inside it once told (the technician waits for its start), plus what drives it (for the published reason):
 * how far the current job runs over its usual median, how far the median is from the plan, and how long the
 * technician is expected to wait outside for the window to open if it is told now ({@code expectedWaitMinutes}, 0
 * for a window told already or when told windows do not bind). {@code toldProbability}: for a visit whose customer
 * was told a window, the probability of arriving by its end (NaN when none was told).
 */
public record VisitForecast(UUID appointmentId, Instant p50, Instant windowStart, Instant windowEnd,
                            double probability, Instant plannedArrival, Instant promisedStart, Instant promisedEnd,
                            double currentJobOverrunMinutes, double minutesBehindPlan, int visitsBefore,
                            double expectedWaitMinutes, double toldProbability) {

    public VisitForecast(UUID appointmentId, Instant p50, Instant windowStart, Instant windowEnd, double probability,
                         Instant plannedArrival, Instant promisedStart, Instant promisedEnd,
                         double currentJobOverrunMinutes, double minutesBehindPlan, int visitsBefore,
                         double expectedWaitMinutes) {
        this(appointmentId, p50, windowStart, windowEnd, probability, plannedArrival, promisedStart, promisedEnd,
                currentJobOverrunMinutes, minutesBehindPlan, visitsBefore, expectedWaitMinutes, Double.NaN);
    }

    /** Whether the customer was told a window for this visit. */
    public boolean told() {
        return !Double.isNaN(toldProbability);
    }

    public VisitForecast(UUID appointmentId, Instant p50, Instant windowStart, Instant windowEnd, double probability,
                         Instant plannedArrival, Instant promisedStart, Instant promisedEnd,
                         double currentJobOverrunMinutes, double minutesBehindPlan, int visitsBefore) {
        this(appointmentId, p50, windowStart, windowEnd, probability, plannedArrival, promisedStart, promisedEnd,
                currentJobOverrunMinutes, minutesBehindPlan, visitsBefore, 0, Double.NaN);
    }
}
