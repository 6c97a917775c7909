package io.fieldcast.simulator.world;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from the run's seed and a few labels, so adding a random draw
 * in one place (one technician, one day) never shifts the numbers drawn anywhere else.
 */
public final class Seeds {

    private Seeds() {
    }

    /** A stream for the labels under {@code seed}; the same labels always give the same stream. */
    public static SplittableRandom stream(long seed, Object... labels) {
        long h = mix(seed);
        for (Object label : labels) {
            // String.hashCode is specified by the JLS, so this is stable across JVMs and runs.
            h = mix(h ^ String.valueOf(label).hashCode() * 0x9E3779B97F4A7C15L);
        }
        return new SplittableRandom(h);
    }

    /** SplitMix64's finaliser: spreads every input bit over the whole word. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A standard normal draw (Box–Muller; one of the pair is thrown away to keep streams simple). */
    public static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble(); // (0, 1]: log stays finite
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    public static double uniform(SplittableRandom rng, double from, double to) {
        return from + (to - from) * rng.nextDouble();
    }

    public static boolean chance(SplittableRandom rng, double probability) {
        return rng.nextDouble() < probability;
    }
}
