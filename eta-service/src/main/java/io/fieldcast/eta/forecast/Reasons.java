package io.fieldcast.eta.forecast;

import io.fieldcast.events.ArrivalForecast;

import java.time.Duration;

/** Words for why a window moved, from the forecast's own drivers. */
final class Reasons {

    private static final double NOTABLE_MINUTES = 5;

    private Reasons() {
    }

    /** The same judgement as {@link #moved} as one of {@code ArrivalForecast.CAUSE_*}, for texts in any language. */
    static String cause(Duration moved, VisitForecast now, boolean replanned, boolean promiseChanged) {
        if (replanned) {
            return ArrivalForecast.CAUSE_ROUTE_CHANGED;
        } else if (promiseChanged) {
            return ArrivalForecast.CAUSE_RESCHEDULED;
        } else if (!moved.isNegative() && now.currentJobOverrunMinutes() >= NOTABLE_MINUTES) {
            return ArrivalForecast.CAUSE_PREVIOUS_JOB_LONG;
        } else if (now.minutesBehindPlan() <= -NOTABLE_MINUTES || moved.isNegative()) {
            return ArrivalForecast.CAUSE_AHEAD;
        }
        return ArrivalForecast.CAUSE_RUNNING_BEHIND;
    }

    static String moved(Duration moved, VisitForecast now, boolean replanned, boolean promiseChanged) {
        long minutes = Math.abs(moved.toMinutes());
        String direction = moved.isNegative() ? "earlier" : "later";
        String cause;
        if (replanned) {
            cause = "route re-planned";
        } else if (promiseChanged) {
            cause = "appointment rescheduled";
        } else if (!moved.isNegative() && now.currentJobOverrunMinutes() >= NOTABLE_MINUTES) {
            cause = now.visitsBefore() == 0
                    ? "previous job running %d min long".formatted(Math.round(now.currentJobOverrunMinutes()))
                    : "current job running %d min long".formatted(Math.round(now.currentJobOverrunMinutes()));
        } else if (now.minutesBehindPlan() >= NOTABLE_MINUTES) {
            cause = "technician running %d min behind plan".formatted(Math.round(now.minutesBehindPlan()));
        } else if (now.minutesBehindPlan() <= -NOTABLE_MINUTES) {
            cause = "technician running %d min ahead of plan".formatted(Math.round(-now.minutesBehindPlan()));
        } else {
            cause = moved.isNegative() ? "earlier jobs went faster than expected"
                    : "earlier jobs or traffic took longer than expected";
        }
        return "window moved %d min %s: %s".formatted(minutes, direction, cause);
    }
}
