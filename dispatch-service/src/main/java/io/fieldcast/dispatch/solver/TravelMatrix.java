package io.fieldcast.dispatch.solver;

/**
 * Travel times between every pair of the plan's places, in ticks: seconds for a real territory-day,
 * thousandths of a unit for the Solomon benchmark. Computed once per solve and shared, never cloned.
 */
public final class TravelMatrix {

    private final long[][] ticks;
    private final long ticksPerMinute;

    public TravelMatrix(long[][] ticks, long ticksPerMinute) {
        if (ticksPerMinute <= 0) {
            throw new IllegalArgumentException("ticksPerMinute must be positive");
        }
        for (long[] row : ticks) {
            if (row.length != ticks.length) {
                throw new IllegalArgumentException("travel matrix must be square");
            }
        }
        this.ticks = ticks;
        this.ticksPerMinute = ticksPerMinute;
    }

    public long travel(int from, int to) {
        return ticks[from][to];
    }

    public int size() {
        return ticks.length;
    }

    public long ticksPerMinute() {
        return ticksPerMinute;
    }

    /** Whole minutes, rounded up: a penalty of "1 minute late" starts at the first late tick. */
    public long minutesCeil(long ticks) {
        return ticks <= 0 ? 0 : (ticks + ticksPerMinute - 1) / ticksPerMinute;
    }
}
