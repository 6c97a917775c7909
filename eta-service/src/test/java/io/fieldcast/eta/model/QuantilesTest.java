package io.fieldcast.eta.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantilesTest {

    private static final Quantiles THIN = Quantiles.of(30, 45, 70);
    private static final Quantiles FAT = new Quantiles(30, 45, 70, 110, 100);

    @Test
    void storedQuantilesAreHitExactly() {
        assertEquals(30, FAT.quantile(0.1), 1e-6);
        assertEquals(45, FAT.quantile(0.5), 1e-6);
        assertEquals(70, FAT.quantile(0.9), 1e-6);
        // Acklam's inverse normal is good to ~1e-9 in z: well under a thousandth of a minute here.
        assertEquals(110, FAT.quantile(0.975), 1e-3);
    }

    @Test
    void cdfInvertsQuantileOnBothSidesOfEveryKnot() {
        // The erfc approximation behind the normal CDF is good to a few 1e-6 absolute: 1e-5.
        for (double u : new double[]{0.02, 0.1, 0.3, 0.5, 0.8, 0.9, 0.95, 0.975, 0.995}) {
            assertEquals(u, FAT.cdf(FAT.quantile(u)), 1e-5, "u=" + u);
            assertEquals(u, THIN.cdf(THIN.quantile(u)), 1e-5, "u=" + u);
        }
    }

    @Test
    void measuredTailIsFatterThanTheLogNormalExtrapolation() {
        // Log-normal beyond p90 with p90's spread would put p97.5 near 91 min; the measured one says 110.
        assertTrue(THIN.quantile(0.975) < 95, "thin " + THIN.quantile(0.975));
        assertTrue(FAT.cdf(100) < THIN.cdf(100));
    }
}
