package io.fieldcast.eta.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShrinkageEstimatorTest {

    /**
     * Twelve technicians, installs (median 80) and checks (median 30), six of each; tech-slow works at 1.6x on both.
     * One of tech-slow's installs was mined as 13 minutes (a stop split in two): their installs (truly 128 minutes)
     * must not be dragged toward the fleet's pace by that one value, as a plain mean of logs drags them.
     */
    @Test
    void oneMisMinedJobDoesNotDragATechniciansPace() {
        Random rng = new Random(7);
        List<Observation> data = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            String tech = t == 0 ? "tech-slow" : "tech-" + t;
            double pace = t == 0 ? 1.6 : 1.0;
            for (int i = 0; i < 6; i++) {
                double install = 80 * pace * Math.exp(0.25 * rng.nextGaussian());
                data.add(new Observation(tech, "INSTALL", t == 0 && i == 0 ? 13 : install));
                data.add(new Observation(tech, "CHECK", 30 * pace * Math.exp(0.25 * rng.nextGaussian())));
            }
        }
        QuantileEstimator.Fitted robust = new ShrinkageEstimator().fit(data);
        QuantileEstimator.Fitted plain = new ShrinkageEstimator(Double.POSITIVE_INFINITY).fit(data);

        double robustInstall = robust.predict("tech-slow", "INSTALL").p50();
        double plainInstall = plain.predict("tech-slow", "INSTALL").p50();
        // Both are shrunk toward the fleet (one slow technician among twelve is not yet believed in full); the
        // mis-mined value costs the plain mean another 6 %, the robust one a fraction of that.
        assertTrue(robustInstall > plainInstall * 1.05 && robustInstall < 128,
                "tech-slow's installs: " + robustInstall + " (plain mean " + plainInstall + ")");
        double usual = robust.predict("tech-3", "INSTALL").p50();
        assertTrue(usual > 65 && usual < 95, "an ordinary technician's installs: " + usual);
    }

    @Test
    void robustSumHoldsOutliersToTheMedianPlusOrMinusTheLimit() {
        // median 4.7; 2.56 is held to 4.2, 9.0 to 5.2; the others are inside.
        assertEquals(4.2 + 4.6 + 4.7 + 4.8 + 5.2, ShrinkageEstimator.robustSum(List.of(2.56, 4.6, 4.7, 4.8, 9.0), 0.5),
                1e-9);
    }
}
