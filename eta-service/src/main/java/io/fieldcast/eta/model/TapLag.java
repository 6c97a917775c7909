package io.fieldcast.eta.model;

import java.util.Arrays;
import java.util.List;

/**
 * How long after the van stops at a customer's door the technician taps "arrived": the arrival the platform records
 * and judges a window by (the report's hit rate, the demo's), where the forecast's day ends its drive at the door.
 * Learned for the fleet from mined visits whose trace shows the van stopping and whose tap came after it, when the van
 * did not stop early to wait for a window (that wait is not a lag).
 *
 * <p>Why: a window is placed so that the arrival falls inside it with the target probability, and its end sits where
 * the arrivals are still dense. Pooled over seven runs of the running platform (session 27), first windows held 282 of
 * 315 times by the door (the simulator's ring) and 278 by the tap: four windows broke by the minute or two the tap came
 * after the ring, a point and a quarter of hit rate. With {@code fieldcast.eta.forecast.tap-lag=true} each sample of
 * the forecast records its arrival that much later (drawn from what was learned); the job still starts at the door.
 * Off by default: on the running platform it cost coverage that the forecaster's own windows do not explain (eta
 * README, session 28).
 *
 * @param seconds the lag at levels 0, 1/{@code (n-1)}, ..., 1 (ascending, n = {@value #LEVELS}); empty when nothing
 *                was learned
 * @param visits  how many visits it was learned from
 */
public record TapLag(double[] seconds, int visits) {

    /** Nothing learned (versions stored before, too few visits): the arrival is the van at the door. */
    public static final TapLag NONE = new TapLag(new double[0], 0);
    /** Quantile levels kept: every 5 %. */
    static final int LEVELS = 21;
    /** Fewer visits than this say too little of the lag's spread: nothing is learned. */
    static final int MIN_VISITS = 20;
    /** A tap this long after the van stopped is a forgotten tap, not a lag: left out. */
    public static final double LONGEST_SECONDS = 600;

    public TapLag {
        seconds = seconds == null ? new double[0] : seconds.clone();
        if (seconds.length != 0 && seconds.length != LEVELS) {
            throw new IllegalArgumentException("need " + LEVELS + " levels, got " + seconds.length);
        }
        for (int i = 1; i < seconds.length; i++) {
            if (!(seconds[i] >= seconds[i - 1])) {
                throw new IllegalArgumentException("levels must ascend: " + Arrays.toString(seconds));
            }
        }
    }

    /** Learned from the seconds between the van stopping and the tap; lags outside 0-600 s are left out. */
    public static TapLag learn(List<Double> lags) {
        double[] kept = lags.stream().mapToDouble(Double::doubleValue)
                .filter(s -> s >= 0 && s <= LONGEST_SECONDS).sorted().toArray();
        if (kept.length < MIN_VISITS) {
            return NONE;
        }
        double[] levels = new double[LEVELS];
        for (int i = 0; i < LEVELS; i++) {
            levels[i] = ShrinkageEstimator.sortedQuantile(kept, (double) i / (LEVELS - 1));
        }
        return new TapLag(levels, kept.length);
    }

    public boolean learned() {
        return seconds.length > 0;
    }

    /** The lag at level {@code u} (0..1), interpolated between the levels kept; 0 when nothing was learned. */
    public double secondsAt(double u) {
        // The levels are evenly spaced: interpolating between them is the quantile of the levels themselves.
        return learned() ? ShrinkageEstimator.sortedQuantile(seconds, Math.clamp(u, 0, 1)) : 0;
    }

    /** The mean lag (trapezoids between the levels); 0 when nothing was learned. */
    public double meanSeconds() {
        if (!learned()) {
            return 0;
        }
        double sum = 0;
        for (int i = 1; i < LEVELS; i++) {
            sum += (seconds[i - 1] + seconds[i]) / 2;
        }
        return sum / (LEVELS - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TapLag other && visits == other.visits && Arrays.equals(seconds, other.seconds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(seconds) + visits;
    }

    @Override
    public String toString() {
        return learned() ? "TapLag p50 %.0f s, p90 %.0f s from %d visits".formatted(secondsAt(0.5), secondsAt(0.9),
                visits) : "TapLag none";
    }
}
