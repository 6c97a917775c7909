package io.fieldcast.eta.forecast;

import java.time.Instant;
import java.util.UUID;

/**
 * The predicted arrival at one visit: the median, the 60-minute window holding the most probability and that
 * probability, plus what drives it (for the published reason): how far the current job runs over its usual
 * median and how far the median is from the plan.
 */
public record VisitForecast(UUID appointmentId, Instant p50, Instant windowStart, Instant windowEnd,
                            double probability, Instant plannedArrival, Instant promisedStart, Instant promisedEnd,
                            double currentJobOverrunMinutes, double minutesBehindPlan, int visitsBefore) {
}
