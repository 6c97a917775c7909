package io.fieldcast.eta.forecast;

import java.time.Duration;

/**
 * Where a told window goes when it moves. The likeliest hour ({@link #LIKELIEST}) is where a first window starts its
 * search, but a first window is then moved later until it holds the target: told at the likeliest hour, a window that
 * moved because the job before ran long moved again a quarter of an hour later each time the job went on (on one
 * demo day ten times, five of them reaching the customer). Placed like a first window ({@code target}), a moved
 * window holds what the job may still take; its cost is the technician's wait outside when the job ends sooner, so
 * the window comes back earlier, never before the likeliest hour, until the expected wait is at most {@code maxWait}.
 * Once later moves wait for the told window to be unlikely kept ({@link PublicationPolicy#withMovesLaterBelow}),
 * placing them at 0.9 saved few moves for more waiting; but a window moved to a likeliest hour that holds less than
 * that hold's 0.5 is moved again at once, so the default places moves at 0.7 within 12 minutes
 * ({@code fieldcast.eta.forecast.move-target}, {@code move-max-wait}; 0 turns it off).
 */
public record MovePlacement(double target, Duration maxWait) {

    /** A moved window told at the hour the arrival is likeliest in, as before. */
    public static final MovePlacement LIKELIEST = new MovePlacement(0, Duration.ZERO);

    public MovePlacement {
        if (!(target >= 0 && target <= 1)) {
            throw new IllegalArgumentException("move target must lie in [0, 1], was " + target);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("move wait must not be negative");
        }
    }

    /** Whether moved windows are placed to a target rather than at the likeliest hour. */
    public boolean placed() {
        return target > 0;
    }
}
