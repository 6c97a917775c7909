package io.fieldcast.eta.forecast;

import java.time.Instant;
import java.util.UUID;

/**
 * The predicted arrival at one visit: the median, the 60-minute window to tell and the probability that the arrival
 * falls inside it once told (the technician waits for its start), plus what drives it (for the published reason):
 * how far the current job runs over its usual median, how far the median is from the plan, and how long the
 * technician is expected to wait outside for the window to open if it is told now ({@code expectedWaitMinutes}, 0
 * for a window told already or when told windows do not bind). {@code toldProbability}: for a visit whose customer
 * was told a window, the probability of arriving by its end (NaN when none was told). For such a visit the window is
 * the likeliest hour, which says whether the told window moved at all; {@code move}, when not null, is where it goes
 * if it does ({@link MovePlacement}).
 */
public record VisitForecast(UUID appointmentId, Instant p50, Instant windowStart, Instant windowEnd,
                            double probability, Instant plannedArrival, Instant promisedStart, Instant promisedEnd,
                            double currentJobOverrunMinutes, double minutesBehindPlan, int visitsBefore,
                            double expectedWaitMinutes, double toldProbability, Window move) {

    /** A window to tell and the probability it holds the arrival once told. */
    public record Window(Instant start, Instant end, double probability) {
    }

    /** A told window, were it to move, goes to the likeliest hour (this forecast's own window). */
    public VisitForecast(UUID appointmentId, Instant p50, Instant windowStart, Instant windowEnd, double probability,
                         Instant plannedArrival, Instant promisedStart, Instant promisedEnd,
                         double currentJobOverrunMinutes, double minutesBehindPlan, int visitsBefore,
                         double expectedWaitMinutes, double toldProbability) {
        this(appointmentId, p50, windowStart, windowEnd, probability, plannedArrival, promisedStart, promisedEnd,
                currentJobOverrunMinutes, minutesBehindPlan, visitsBefore, expectedWaitMinutes, toldProbability, null);
    }

    /**
     * This forecast as published when the told window does not move (a risk, a drop in probability): with that window.
     * The probability stays the forecast's own, which is what the next drop is measured from; how likely the told
     * window is kept is {@link #toldProbability()}.
     */
    public VisitForecast keeping(Instant toldStart, Instant toldEnd) {
        return new VisitForecast(appointmentId, p50, toldStart, toldEnd, probability,
                plannedArrival, promisedStart, promisedEnd, currentJobOverrunMinutes, minutesBehindPlan, visitsBefore,
                expectedWaitMinutes, toldProbability, null);
    }

    /**
     * This forecast as it is told when the told window moves: with {@link #move()}'s window when it has one (see
     * {@link MovePlacement}), otherwise as it is.
     */
    public VisitForecast moved() {
        return move == null ? this : new VisitForecast(appointmentId, p50, move.start(), move.end(),
                move.probability(), plannedArrival, promisedStart, promisedEnd, currentJobOverrunMinutes,
                minutesBehindPlan, visitsBefore, expectedWaitMinutes, toldProbability, null);
    }

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
