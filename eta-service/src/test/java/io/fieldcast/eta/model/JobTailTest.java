package io.fieldcast.eta.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobTailTest {

    private static final String[] TYPES = {"install", "repair", "inspection"};
    private static final double[] MEDIANS = {110, 60, 30};

    /**
     * 20 technicians x {@code jobs} jobs as the demo's people work: each one's own log-spread per job type (0.15 to
     * 0.5), and {@code share} of all jobs take twice as long.
     */
    record Fleet(double[] pace, double[][] sigma, double share) {

        static Fleet of(long seed, double share) {
            Random random = new Random(seed);
            double[] pace = new double[20];
            double[][] sigma = new double[20][TYPES.length];
            for (int t = 0; t < pace.length; t++) {
                pace[t] = Math.exp(random.nextGaussian() * 0.15);
                for (int g = 0; g < TYPES.length; g++) {
                    sigma[t][g] = 0.15 + 0.35 * random.nextDouble();
                }
            }
            return new Fleet(pace, sigma, share);
        }

        double draw(int t, int g, Random random) {
            return MEDIANS[g] * pace[t] * Math.exp(random.nextGaussian() * sigma[t][g])
                    * (random.nextDouble() < share ? 2 : 1);
        }

        List<Observation> history(long seed, int jobs) {
            Random random = new Random(seed);
            List<Observation> out = new ArrayList<>();
            for (int t = 0; t < pace.length; t++) {
                for (int i = 0; i < jobs; i++) {
                    int g = random.nextInt(TYPES.length);
                    out.add(new Observation("tech-" + t, TYPES[g], draw(t, g, random)));
                }
            }
            return out;
        }
    }

    @Test
    void theTailIsLearnedOnlyFromEnoughJobs() {
        Fleet fleet = Fleet.of(1, 0.03);
        List<Observation> history = fleet.history(2, 60);
        JobTail tail = learn(history).jobTail();
        System.out.println("JOBTAIL " + tail);
        assertTrue(tail.learned());
        assertEquals(history.size(), tail.jobs());
        assertEquals(Quantiles.Z90, tail.z()[0], 0.05, "calibrated, the 90th percentile is where the model puts it");
        assertTrue(tail.z()[tail.z().length - 1] > 2.9, "3 % twice as long: a tail fatter than a log-normal's");
        assertFalse(learn(history.subList(0, 150)).jobTail().learned(), "150 jobs are too few to say");
    }

    @Test
    void levelsAndValuesInvertEachOther() {
        JobTail tail = new JobTail(new double[]{1.2, 1.4, 1.6, 1.75, 1.9, 2.1, 2.25, 2.4, 2.6, 2.9, 3.5}, 1000);
        for (double p : new double[]{0.9, 0.91, 0.95, 0.975, 0.99, 0.993, 0.995, 0.998, 0.9999}) {
            assertEquals(p, tail.level(tail.standardized(p)), 1e-9, "p=" + p);
        }
        assertEquals(0.975, tail.level(2.25), 1e-12);
        assertTrue(tail.standardized(0.999) > 3.5, "beyond the last level the tail goes on");
    }

    /**
     * Jobs drawn as the demo's people work (spreads 0.15-0.5 per person and job type, 3 % twice as long) that have
     * run past 1.5 to 3 of their learned spreads: the 90th percentile of what the model says they total must hold
     * 90 % of them (within 4 points), per person and job type, and more of them than the learned quantiles alone,
     * whose log-normal tail says such a job is nearly over.
     */
    @Test
    void whatAJobThatRanLongStillTakesIsCalibrated() {
        Fleet fleet = Fleet.of(3, 0.03);
        List<Observation> history = fleet.history(4, 80);
        TailCalibration calibration = learn(history);
        QuantileEstimator.Fitted fitted = calibration.apply(new ShrinkageEstimator().fit(history));
        for (double spreads : new double[]{1.5, 2.0, 2.5, 3.0}) {
            double[] held = held(fleet, fitted, calibration.jobTail(), spreads);
            System.out.printf("JOBTAIL after %.1f spreads: p90 held %.3f, by the learned quantiles alone %.3f%n",
                    spreads, held[0], held[1]);
            assertEquals(0.9, held[0], 0.04, "after " + spreads + " spreads");
            assertTrue(held[0] > held[1], "after " + spreads + " spreads, the learned quantiles alone: " + held[1]);
        }
    }

    /**
     * What a window told behind three jobs not started yet rests on: the 95th percentile of their total, drawn with
     * the fleet's tail above each job's 90th percentile, must hold 95 % of such days (within 1.5 points), and more of
     * them than each job's learned quantiles alone.
     */
    @Test
    void threeJobsNotStartedDrawTheirFarTailFromTheFleet() {
        Fleet fleet = Fleet.of(3, 0.03);
        List<Observation> history = fleet.history(4, 80);
        TailCalibration calibration = learn(history);
        QuantileEstimator.Fitted fitted = calibration.apply(new ShrinkageEstimator().fit(history));
        JobTail tail = calibration.jobTail();
        Random random = new Random(9);
        int held = 0;
        int heldByOwnAlone = 0;
        int days = 0;
        for (int t = 0; t < 20; t++) {
            for (int g = 0; g < TYPES.length; g++) {
                Quantiles q = fitted.predict("tech-" + t, TYPES[g]);
                double p95 = p95OfThree(u -> tail.quantile(q, u), random);
                double p95OwnAlone = p95OfThree(q::quantile, random);
                for (int d = 0; d < 400; d++) {
                    double total = fleet.draw(t, g, random) + fleet.draw(t, g, random) + fleet.draw(t, g, random);
                    days++;
                    held += total <= p95 ? 1 : 0;
                    heldByOwnAlone += total <= p95OwnAlone ? 1 : 0;
                }
            }
        }
        double share = (double) held / days;
        double shareOwnAlone = (double) heldByOwnAlone / days;
        System.out.printf("JOBTAIL three jobs: p95 held %.3f, by the learned quantiles alone %.3f%n", share,
                shareOwnAlone);
        assertEquals(0.95, share, 0.015);
        assertTrue(share > shareOwnAlone, "the learned quantiles alone: " + shareOwnAlone);
        assertEquals(q(fitted).quantile(0.5), tail.quantile(q(fitted), 0.5), 1e-9, "below the tail, the job's own");
    }

    private static Quantiles q(QuantileEstimator.Fitted fitted) {
        return fitted.predict("tech-0", TYPES[0]);
    }

    private static double p95OfThree(java.util.function.DoubleUnaryOperator minutes, Random random) {
        double[] draws = new double[4000];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = minutes.applyAsDouble(random.nextDouble()) + minutes.applyAsDouble(random.nextDouble())
                    + minutes.applyAsDouble(random.nextDouble());
        }
        Arrays.sort(draws);
        return draws[(int) (0.95 * draws.length)];
    }

    /** Shares held by the tail's p90 and by the learned quantiles' alone, 100 long-running jobs per person and type. */
    private static double[] held(Fleet fleet, QuantileEstimator.Fitted fitted, JobTail tail, double spreads) {
        Random random = new Random(5);
        int held = 0;
        int heldByOwnAlone = 0;
        int runs = 0;
        for (int t = 0; t < 20; t++) {
            for (int g = 0; g < TYPES.length; g++) {
                Quantiles q = fitted.predict("tech-" + t, TYPES[g]);
                double elapsed = q.p50() * Math.exp(spreads * q.logSpreadAbove());
                double p90 = p90(u -> tail.total(q, elapsed, u), random);
                double p90OwnAlone = p90(u -> JobTail.NONE.total(q, elapsed, u), random);
                for (int found = 0; found < 100; ) {
                    double minutes = fleet.draw(t, g, random);
                    if (minutes <= elapsed) {
                        continue;
                    }
                    found++;
                    runs++;
                    held += minutes <= p90 ? 1 : 0;
                    heldByOwnAlone += minutes <= p90OwnAlone ? 1 : 0;
                }
            }
        }
        return new double[]{(double) held / runs, (double) heldByOwnAlone / runs};
    }

    private static TailCalibration learn(List<Observation> history) {
        return TailCalibration.measure("service", new ShrinkageEstimator(), history, 7);
    }

    private static double p90(java.util.function.DoubleUnaryOperator total, Random random) {
        double[] draws = new double[2000];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = total.applyAsDouble(random.nextDouble());
        }
        Arrays.sort(draws);
        return draws[(int) (0.9 * draws.length)];
    }
}
