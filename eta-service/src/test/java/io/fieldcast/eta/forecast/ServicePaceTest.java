package io.fieldcast.eta.forecast;

import io.fieldcast.eta.model.Normal;
import io.fieldcast.eta.model.Quantiles;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared part of a technician's job durations: kept in the marginal, moved by today's jobs. */
class ServicePaceTest {

    static final Quantiles HVAC = Quantiles.logNormal(70, 0.4, 6);

    @Test
    void withoutJobsTodayOneJobKeepsItsLearnedDistribution() {
        ServicePace pace = ServicePace.of(HVAC, List.of());
        assertEquals(0, pace.mean(), 1e-12);
        assertEquals(0.4 / Math.sqrt(6 + Quantiles.PRIOR_SAMPLES), pace.sd(), 1e-9,
                "a median learned from six jobs is known to a tenth of the variance");
        assertEquals(Math.sqrt(0.9), pace.keep(), 1e-9);
        double[] one = new double[200_000];
        Random random = new Random(1);
        for (int i = 0; i < one.length; i++) {
            one[i] = pace.minutes(HVAC, u(random), Normal.inverseCdf(u(random)));
        }
        Arrays.sort(one);
        assertEquals(HVAC.p50(), one[one.length / 2], 0.5);
        assertEquals(HVAC.p90(), one[(int) (one.length * 0.9)], HVAC.p90() * 0.01);
    }

    @Test
    void threeJobsOfOneTypeMoveTogether() {
        ServicePace pace = ServicePace.of(HVAC, List.of());
        Random random = new Random(2);
        double[] together = new double[50_000];
        double[] apart = new double[50_000];
        for (int i = 0; i < together.length; i++) {
            double z = Normal.inverseCdf(u(random));
            for (int j = 0; j < 3; j++) {
                together[i] += pace.minutes(HVAC, u(random), z);
                apart[i] += HVAC.quantile(u(random));
            }
        }
        double ratio = sd(together) / sd(apart);
        // Variance of a sum of three with correlation 0.1: 3 + 6 x 0.1 = 3.6 against 3 (sd x 1.095).
        assertEquals(Math.sqrt(3.6 / 3), ratio, 0.03, "sd of three shared-pace jobs over three independent ones");
    }

    @Test
    void aJobThatRanLongTodayMovesTheNextOfItsTypeButNotByAllOfIt() {
        ServicePace none = ServicePace.of(HVAC, List.of());
        ServicePace slow = ServicePace.of(HVAC, List.of(70 * 1.5));
        ServicePace twoSlow = ServicePace.of(HVAC, List.of(70 * 1.5, 70 * 1.5));
        ServicePace absurd = ServicePace.of(HVAC, List.of(70 * 20.0));

        // Six jobs learned against one seen today: the offset moves a tenth of the way (log 1.5 x 0.1 = 0.04).
        assertTrue(slow.mean() > 0.03 && slow.mean() < Math.log(1.5), "one slow job: " + slow);
        assertTrue(twoSlow.mean() > slow.mean() && twoSlow.mean() < Math.log(1.5), "two: " + twoSlow);
        assertTrue(slow.sd() < none.sd(), "today's job makes the rest surer");
        // Twenty times as long (a forgotten tap) counts as 2.5 of the job's own spreads, no more.
        double clipped = ServicePace.of(HVAC, List.of(70 * Math.exp(ServicePace.CLIP * 0.4 * none.keep())))
                .mean();
        assertEquals(clipped, absurd.mean(), 1e-9);
    }

    @Test
    void aMedianLearnedFromManyJobsLeavesLittleToShare() {
        ServicePace never = ServicePace.of(Quantiles.logNormal(70, 0.6, 0), List.of());
        ServicePace many = ServicePace.of(Quantiles.logNormal(70, 0.4, 200), List.of());
        assertEquals(ServicePace.MAX_PRIOR_SD, never.sd(), 1e-9, "never done: known from the fleet to 0.25");
        assertEquals(0.4 / Math.sqrt(204), many.sd(), 1e-9);
        assertEquals(0, ServicePace.of(Quantiles.logNormal(70, 0.4, 1_000_000), List.of(140.0)).mean(), 1e-4,
                "a median known for sure: today's jobs say nothing of the next");
    }

    private static double u(Random random) {
        return Math.clamp(random.nextDouble(), 1e-6, 1 - 1e-6);
    }

    private static double sd(double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1));
    }
}
