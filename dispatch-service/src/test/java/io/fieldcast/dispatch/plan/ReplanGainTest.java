package io.fieldcast.dispatch.plan;

import ai.timefold.solver.core.api.score.HardMediumSoftScore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An automatic re-plan changes the day only for a material gain over the plan of record. */
class ReplanGainTest {

    private static final long GAIN = 900;

    @Test
    void aFewMinutesOfDrivingAreNotWorthReSendingRoutes() {
        // 899 soft better: under the 900 bar (15 minutes of driving).
        assertFalse(Replanner.worthChanging(HardMediumSoftScore.of(0, 0, -10_000), HardMediumSoftScore.of(0, 0, -9_101),
                GAIN));
        assertTrue(Replanner.worthChanging(HardMediumSoftScore.of(0, 0, -10_000), HardMediumSoftScore.of(0, 0, -9_100),
                GAIN));
    }

    @Test
    void anyHardOrMediumGainIsWorthItAndALossNever() {
        // One visit assigned that was not (medium), or one minute less late (hard), whatever soft costs.
        assertTrue(Replanner.worthChanging(HardMediumSoftScore.of(0, -4, -9_000), HardMediumSoftScore.of(0, -3, -20_000),
                GAIN));
        assertTrue(Replanner.worthChanging(HardMediumSoftScore.of(-5, 0, 0), HardMediumSoftScore.of(-4, 0, -50_000),
                GAIN));
        assertFalse(Replanner.worthChanging(HardMediumSoftScore.of(0, -3, -9_000), HardMediumSoftScore.of(0, -4, 0),
                GAIN));
    }
}
