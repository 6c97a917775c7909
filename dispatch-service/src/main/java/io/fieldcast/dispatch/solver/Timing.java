package io.fieldcast.dispatch.solver;

/**
 * When a technician arrives at a visit, starts (after waiting for the window), and leaves; and whether the
 * day's break has been taken by then. {@code breakStart} is set only on the stop where the break happened.
 * {@code travel}: ticks driven to get here, at the learned factor of the hour the technician left.
 */
public record Timing(long arrival, long start, long departure, long breakStart, boolean breakDone, long travel) {

    public static final long NO_BREAK = -1;

    /** The technician's state when leaving home (or their current place, when re-planning). */
    public static Timing leaving(long departure, boolean breakDone) {
        return new Timing(departure, departure, departure, NO_BREAK, breakDone, 0);
    }

    public boolean tookBreakHere() {
        return breakStart != NO_BREAK;
    }

    /** The timing at {@code visit} when coming from {@code previous} at place {@code from} on {@code shift}. */
    static Timing next(TechnicianShift shift, Timing previous, int from, Visit visit) {
        if (visit.hasFixedTimes()) {
            return new Timing(visit.fixedArrival(), visit.fixedArrival(), visit.fixedDeparture(), NO_BREAK,
                    previous.breakDone(), shift.travel(from, visit.location(), previous.departure()));
        }
        long leave = previous.departure();
        boolean done = previous.breakDone() || !shift.hasBreak();
        long breakStart = NO_BREAK;
        if (!done && leave >= shift.breakEarliest()) {
            breakStart = leave;
            leave += shift.breakLength();
            done = true;
        }
        long travel = shift.travel(from, visit.location(), leave);
        long arrival = leave + travel;
        // The van waits outside until the booked window opens, and until the told window opens if that is later.
        long earliest = visit.earliestStart();
        long start = Math.max(arrival, earliest);
        if (!done && arrival < earliest) {
            // Waiting for the window is a good moment for the break, when the whole break fits in the wait.
            long candidate = Math.max(arrival, shift.breakEarliest());
            if (candidate + shift.breakLength() <= earliest) {
                breakStart = candidate;
                done = true;
            }
        }
        return new Timing(arrival, start, start + visit.durationOn(shift), breakStart, done, travel);
    }
}
