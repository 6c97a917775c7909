package io.fieldcast.eta.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Held-out calibration of the spread: scored on fresh visits of the same fleet, never on the ones it was measured on.
 */
class TailCalibrationTest {

    /**
     * Five days of history of a fleet like the simulator's: each technician has their own pace and, per job type, their
     * own variability (log-sd 0.15 to 0.5), and 4 % of jobs take twice as long. Scored on fresh visits.
     */
    @Test
    void aFewDaysOfHistoryGiveP90sThatHoldOnFreshVisitsEvenForTheMostVariableJobs() {
        Fleet fleet = new Fleet(3, 12);
        List<Observation> history = fleet.visits(40, new SplittableRandom(1));
        List<Observation> fresh = fleet.visits(400, new SplittableRandom(2));
        ShrinkageEstimator estimator = new ShrinkageEstimator();
        QuantileEstimator.Fitted fitted = estimator.fit(history);

        TailCalibration calibration = TailCalibration.measure("service", estimator, history, 5);
        QuantileEstimator.Fitted calibrated = calibration.apply(fitted);
        System.out.println("CALIBRATION " + calibration + "\n  " + calibration.before() + "\n  " + calibration.after());
        List<Observation> variable = fresh.stream().filter(o -> fleet.sigma(o) >= 0.4).toList();
        System.out.printf("above p90 on fresh visits: %.3f as fitted, %.3f calibrated; σ >= 0.4: %.3f, %.3f%n",
                aboveP90(fitted, fresh), aboveP90(calibrated, fresh), aboveP90(fitted, variable),
                aboveP90(calibrated, variable));

        assertEquals(0.10, aboveP90(calibrated, fresh), 0.025, "calibrated p90 is exceeded by about 10 % of fresh visits");
        assertTrue(aboveP90(calibrated, variable) <= 0.15, "the most variable jobs: " + aboveP90(calibrated, variable));
        assertEquals(history.size(), calibration.heldOut());
    }

    /** Data the model describes well leaves the factors near 1: calibration corrects, it does not just widen. */
    @Test
    void aWellDescribedFleetKeepsItsSpread() {
        Fleet fleet = new Fleet(4, 12).sameSpread(0.35);
        List<Observation> history = fleet.visits(60, new SplittableRandom(3));
        TailCalibration calibration = TailCalibration.measure("service", new ShrinkageEstimator(), history, 5);
        System.out.println("CALIBRATION " + calibration);
        assertEquals(1.0, calibration.high(), 0.15, calibration.toString());
        assertEquals(1.0, calibration.low(), 0.15, calibration.toString());
    }

    @Test
    void tooLittleHistoryIsLeftAlone() {
        List<Observation> history = new Fleet(5, 4).visits(5, new SplittableRandom(4));
        TailCalibration calibration = TailCalibration.measure("service", new ShrinkageEstimator(), history, 5);
        assertEquals(TailCalibration.NONE, calibration);
        Quantiles q = new Quantiles(30, 45, 70, 100, 3);
        QuantileEstimator.Fitted fitted = (t, g) -> q;
        assertEquals(q, calibration.apply(fitted).predict("tech-01", "ROUTER"));
    }

    @Test
    void factorsScaleTheLogDistanceFromTheMedian() {
        TailCalibration calibration = new TailCalibration(1.0, 2.0, 1.5, 100, null, null);
        Quantiles q = calibration.apply(new Quantiles(40, 50, 60, 80, 9));
        assertEquals(40, q.p10(), 1e-9);
        assertEquals(50, q.p50(), 1e-9);
        assertEquals(50 * Math.pow(60.0 / 50, 2), q.p90(), 1e-9);
        assertEquals(50 * Math.pow(80.0 / 50, 1.5), q.p975(), 1e-9);
        assertEquals(9, q.samples());
    }

    /**
     * A learned median's doubt ({@link Quantiles#medianDoubtShare()}) is what the next days show: a model fitted on
     * 12 jobs per technician (technicians quicker at some job types than others, as the simulator's) predicts fresh
     * days, and the share of their residuals' variance common to one technician and type in a day matches the doubt
     * the fitted quantiles carry.
     */
    @Test
    void aLearnedMediansDoubtIsWhatFreshDaysShareWithinATechnicianAndType() {
        Fleet fleet = new Fleet(3, 24).withJobPaces(4);
        QuantileEstimator.Fitted fitted = new ShrinkageEstimator().fit(fleet.visits(12, new SplittableRandom(1)));
        Map<String, List<Double>> fresh = new HashMap<>();
        double doubt = 0;
        int n = 0;
        for (int day = 0; day < 20; day++) {
            for (Observation o : fleet.visits(3, new SplittableRandom(100 + day))) {
                Quantiles q = fitted.predict(o.technician(), o.group());
                fresh.computeIfAbsent(day + "/" + o.technician() + "/" + o.group(), k -> new ArrayList<>())
                        .add(Math.log(o.value() / q.p50()) / q.logSpreadAbove());
                doubt += q.medianDoubtShare();
                n++;
            }
        }
        double seen = sharedShare(fresh.values());
        System.out.printf("DOUBT carried by the fitted quantiles %.2f, shared on fresh days %.2f%n", doubt / n, seen);
        assertTrue(seen > 0.05, "the fitted medians are off per technician and type: " + seen);
        assertEquals(seen, doubt / n, 0.08);

        // Across job types, what a technician's jobs share is the doubt about their own effect: 1 / (N + 4), N all
        // their jobs learned (12 here).
        Map<String, List<Double>> byTechnician = new HashMap<>();
        fresh.forEach((key, values) -> byTechnician.computeIfAbsent(key.substring(0, key.lastIndexOf('/')),
                k -> new ArrayList<>()).addAll(values));
        double technicianShare = sharedShare(byTechnician.values());
        System.out.printf("DOUBT of the technician's own effect 1/(12 + 4) = %.3f, shared on fresh days %.3f%n",
                1 / (12 + Quantiles.PRIOR_SAMPLES), technicianShare);
        assertEquals(1 / (12 + Quantiles.PRIOR_SAMPLES), technicianShare, 0.04);
    }

    /**
     * Share of the variance that lies between groups of values: total variance V (about zero), pooled within-group
     * variance W, (V - W) / V by the method of moments.
     */
    private static double sharedShare(Iterable<List<Double>> groups) {
        double total = 0;
        int n = 0;
        double within = 0;
        int dof = 0;
        for (List<Double> g : groups) {
            double mean = g.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            for (double z : g) {
                total += z * z;
                n++;
                within += (z - mean) * (z - mean);
            }
            dof += Math.max(0, g.size() - 1);
        }
        double v = total / n;
        return (v - within / dof) / v;
    }

    private static double aboveP90(QuantileEstimator.Fitted model, List<Observation> test) {
        return test.stream().filter(o -> o.value() > model.predict(o.technician(), o.group()).p90()).count()
                / (double) test.size();
    }

    /** Technicians with their own pace and their own variability per job type, three job types. */
    private record Fleet(double[] speed, double[][] sigma, double[][] pace) {

        static final String[] GROUPS = {"REPAIR", "ROUTER", "CHECK"};
        static final double[] MINUTES = {60, 45, 30};

        Fleet(long seed, int technicians) {
            this(new double[technicians], new double[technicians][GROUPS.length],
                    new double[technicians][GROUPS.length]);
            SplittableRandom rng = new SplittableRandom(seed);
            for (int t = 0; t < technicians; t++) {
                speed[t] = Math.exp(rng.nextGaussian() * 0.2);
                for (int g = 0; g < GROUPS.length; g++) {
                    sigma[t][g] = 0.15 + 0.35 * rng.nextDouble();
                    pace[t][g] = 1;
                }
            }
        }

        Fleet sameSpread(double s) {
            double[][] same = new double[sigma.length][GROUPS.length];
            for (double[] row : same) {
                Arrays.fill(row, s);
            }
            return new Fleet(speed, same, pace);
        }

        /** Each technician quicker or slower at each job type, x0.85 to x1.2. */
        Fleet withJobPaces(long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            double[][] own = new double[pace.length][GROUPS.length];
            for (double[] row : own) {
                for (int g = 0; g < row.length; g++) {
                    row[g] = 0.85 + 0.35 * rng.nextDouble();
                }
            }
            return new Fleet(speed, sigma, own);
        }

        double sigma(Observation o) {
            return sigma[Integer.parseInt(o.technician().substring(5)) - 1][List.of(GROUPS).indexOf(o.group())];
        }

        List<Observation> visits(int perTechnician, SplittableRandom rng) {
            boolean longJobs = sigma[0][0] != sigma[0][1];
            List<Observation> out = new ArrayList<>();
            for (int t = 0; t < speed.length; t++) {
                for (int i = 0; i < perTechnician; i++) {
                    int g = rng.nextInt(GROUPS.length);
                    double twice = longJobs && rng.nextDouble() < 0.04 ? 2 : 1;
                    out.add(new Observation("tech-%02d".formatted(t + 1), GROUPS[g],
                            twice * MINUTES[g] * speed[t] * pace[t][g] * Math.exp(rng.nextGaussian() * sigma[t][g])));
                }
            }
            return out;
        }
    }
}
