package io.fieldcast.eta.forecast;

import io.fieldcast.eta.model.Normal;
import io.fieldcast.eta.model.Quantiles;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared part of a technician's job durations in a day: kept in each job's distribution, moved by today's jobs. */
class DayPaceTest {

    static final Quantiles HVAC = Quantiles.logNormal(70, 0.4, 6);
    static final Quantiles CHECK = Quantiles.logNormal(30, 0.4, 6);
    static final Map<String, Quantiles> LEARNED = Map.of("HVAC", HVAC, "CHECK", CHECK);
    /** Sixteen jobs in all behind the technician's medians. */
    static final int JOBS = 16;

    @Test
    void withoutJobsTodayOneJobKeepsItsLearnedDistribution() {
        DayPace pace = DayPace.of(LEARNED, JOBS, Map.of());
        assertEquals(0, pace.meanOffset("HVAC"), 1e-12);
        // A twentieth for the technician (1 / (16 + 4)), a tenth for the type (1 / (6 + 4)).
        assertEquals(0.4 * Math.sqrt(0.05 + 0.1), pace.offsetSd("HVAC"), 1e-9);
        assertEquals(Math.sqrt(0.85), pace.keep("HVAC"), 1e-9);
        double[] one = draw(pace, HVAC, "HVAC", 200_000, new Random(1));
        Arrays.sort(one);
        assertEquals(HVAC.p50(), one[one.length / 2], 0.5);
        assertEquals(HVAC.p90(), one[(int) (one.length * 0.9)], HVAC.p90() * 0.01);
    }

    @Test
    void jobsOfOneTechnicianMoveTogetherAndOfOneTypeMore() {
        DayPace pace = DayPace.of(LEARNED, JOBS, Map.of());
        Random random = new Random(2);
        int n = 50_000;
        double[] sameType = new double[n];
        double[] twoTypes = new double[n];
        double[] apart = new double[n];
        for (int i = 0; i < n; i++) {
            double[] offsets = pace.offsets(normals(random, pace.dimensions()));
            for (int j = 0; j < 2; j++) {
                sameType[i] += Math.log(pace.minutes(HVAC, u(random), offsets, pace.indexOf("HVAC")) / HVAC.p50());
                apart[i] += Math.log(HVAC.quantile(u(random)) / HVAC.p50());
            }
            twoTypes[i] = Math.log(pace.minutes(HVAC, u(random), offsets, pace.indexOf("HVAC")) / HVAC.p50())
                    + Math.log(pace.minutes(CHECK, u(random), offsets, pace.indexOf("CHECK")) / CHECK.p50());
        }
        // Two jobs' log-durations with correlation 0.15 (same type) or 0.05 (technician only): variance 2 (1 + rho).
        assertEquals(Math.sqrt(1.15), sd(sameType) / sd(apart), 0.03);
        assertEquals(Math.sqrt(1.05), sd(twoTypes) / sd(apart), 0.03);
    }

    @Test
    void aJobThatRanLongTodayMovesItsTypeMostAndTheTechniciansOtherTypesALittle() {
        DayPace none = DayPace.of(LEARNED, JOBS, Map.of());
        DayPace slow = DayPace.of(LEARNED, JOBS, Map.of("HVAC", List.of(70 * 1.5)));
        DayPace absurd = DayPace.of(LEARNED, JOBS, Map.of("HVAC", List.of(70 * 20.0)));
        DayPace clipped = DayPace.of(LEARNED, JOBS,
                Map.of("HVAC", List.of(70 * Math.exp(DayPace.CLIP * 0.4 * none.keep("HVAC")))));

        assertTrue(slow.meanOffset("HVAC") > 0.04 && slow.meanOffset("HVAC") < Math.log(1.5), "HVAC: "
                + slow.meanOffset("HVAC"));
        assertTrue(slow.meanOffset("CHECK") > 0.005 && slow.meanOffset("CHECK") < slow.meanOffset("HVAC") / 2,
                "CHECK moves with the technician's part only: " + slow.meanOffset("CHECK"));
        assertTrue(slow.offsetSd("HVAC") < none.offsetSd("HVAC"), "today's job makes the rest surer");
        // Twenty times as long (a forgotten tap) counts as 2.5 of the job's own spreads, no more.
        assertEquals(clipped.meanOffset("HVAC"), absurd.meanOffset("HVAC"), 1e-9);
    }

    @Test
    void aTechnicianLearnedFromManyJobsLeavesLittleToShareAndANewOneMuch() {
        Quantiles known = Quantiles.logNormal(70, 0.4, 1_000_000);
        DayPace veteran = DayPace.of(Map.of("HVAC", known), 1_000_000, Map.of("HVAC", List.of(140.0)));
        assertEquals(0, veteran.meanOffset("HVAC"), 1e-4, "medians known for sure: today says nothing of the next");
        DayPace newHire = DayPace.of(Map.of("HVAC", Quantiles.logNormal(70, 0.6, 0)), 0, Map.of());
        // Never seen: a quarter of the variance is the technician's, and the type's stops at 0.25 on the log scale.
        assertEquals(Math.sqrt(0.6 * 0.6 * 0.25 + 0.25 * 0.25), newHire.offsetSd("HVAC"), 1e-9);
        assertEquals(-1, newHire.indexOf("INSTALL"));
    }

    private static double[] draw(DayPace pace, Quantiles q, String type, int n, Random random) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = pace.minutes(q, u(random), pace.offsets(normals(random, pace.dimensions())), pace.indexOf(type));
        }
        return out;
    }

    private static double[] normals(Random random, int n) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = Normal.inverseCdf(u(random));
        }
        return z;
    }

    private static double u(Random random) {
        return Math.clamp(random.nextDouble(), 1e-6, 1 - 1e-6);
    }

    private static double sd(double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1));
    }
}
